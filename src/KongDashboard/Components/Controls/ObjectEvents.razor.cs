using KongDashboard.Core.Events;
using Microsoft.AspNetCore.Components;

namespace KongDashboard.Components.Controls;

/// <summary>
/// Polls the API server for one object's Events through <see cref="TimeProvider"/> (a fake clock drives it in tests)
/// while it is rendered; a new object restarts the poll, disposal (the drawer closing) stops it.
/// </summary>
public sealed partial class ObjectEvents : ComponentBase, IAsyncDisposable
{
    /// <summary>How often an open drawer re-reads the Events.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private ObjectEventsReading? _reading;
    private CancellationTokenSource? _polling;
    private (string Kind, string? Namespace, string Name)? _watched;

    [Inject]
    private IObjectEventSource Source { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>The involved object's kind, as Events name it (Ingress, HTTPRoute, Pod, KongPlugin…).</summary>
    [Parameter, EditorRequired]
    public string Kind { get; set; } = "";

    /// <summary>Empty or null for a cluster-scoped object.</summary>
    [Parameter]
    public string? Namespace { get; set; }

    [Parameter, EditorRequired]
    public string Name { get; set; } = "";

    private string Display => string.IsNullOrEmpty(Namespace) ? Name : $"{Namespace}/{Name}";

    private string State => _reading is null ? "loading" : _reading.Error is not null ? "error" : _reading.Events.IsDefaultOrEmpty ? "empty" : "loaded";

    protected override void OnParametersSet()
    {
        var target = (Kind, string.IsNullOrEmpty(Namespace) ? null : Namespace, Name);
        if (_watched == target)
        {
            return;
        }

        _watched = target;
        _reading = null;
        _polling?.Cancel();
        _polling?.Dispose();
        _polling = new CancellationTokenSource();
        _ = PollAsync(target, _polling.Token);
    }

    private async Task PollAsync((string Kind, string? Namespace, string Name) target, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(Interval, Clock);
            do
            {
                ObjectEventsReading reading;
                try
                {
                    reading = await Source.ReadAsync(target.Kind, target.Namespace, target.Name, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Anything unexpected is shown, and the next tick tries again.
                    reading = ObjectEventsReading.Failed($"Could not list the Events of {target.Kind} {Display}: {e.Message}");
                }

                if (!cancellationToken.IsCancellationRequested)
                {
                    _reading = reading;
                    await InvokeAsync(StateHasChanged);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            // The drawer closed or moved to another object.
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away while a read was in flight.
        }
    }

    public ValueTask DisposeAsync()
    {
        _polling?.Cancel();
        _polling?.Dispose();
        _polling = null;
        return ValueTask.CompletedTask;
    }
}
