using System.Diagnostics;
using KongDashboard.Core.Controller;
using Microsoft.AspNetCore.Components;

namespace KongDashboard.Components.Controls;

/// <summary>
/// Base for every component that shows controller state: it reads <see cref="IStateFeed{T}"/> in a background
/// task and re-renders at most once per <see cref="MinRenderInterval"/>, always with the newest state
/// (one-way data flow: components never talk to Kubernetes).
/// </summary>
public abstract class LiveStateComponentBase : ComponentBase, IAsyncDisposable
{
    /// <summary>Fast enough for "visible within 1 s", slow enough that a burst of cluster events costs one render.</summary>
    public static readonly TimeSpan MinRenderInterval = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _cancellation = new();
    private Task? _watchTask;

    [Inject]
    private IStateFeed<ControllerState> Feed { get; set; } = default!;

    /// <summary>The state being rendered; never null after <see cref="OnInitialized"/>.</summary>
    protected ControllerState State { get; private set; } = default!;

    protected override void OnInitialized()
    {
        State = Feed.Current;
        OnStateChanged(State);
        // Task.Run: the enumeration must not run on (and block) the circuit's synchronization context.
        _watchTask = Task.Run(() => WatchAsync(_cancellation.Token));
    }

    /// <summary>Called on the renderer's context before each render caused by a new state.</summary>
    protected virtual void OnStateChanged(ControllerState state)
    {
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var sinceRender = Stopwatch.StartNew();
        try
        {
            await foreach (var unused in Feed.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                var wait = MinRenderInterval - sinceRender.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                // Latest wins: whatever arrived during the wait replaces the state that woke us up.
                var latest = Feed.Current;
                if (ReferenceEquals(latest, State))
                {
                    continue;
                }

                await InvokeAsync(() =>
                {
                    State = latest;
                    OnStateChanged(latest);
                    StateHasChanged();
                }).ConfigureAwait(false);
                sinceRender.Restart();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Surface the failure to the circuit (error UI + log) instead of losing it in a background task.
            await DispatchExceptionAsync(ex).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync().ConfigureAwait(false);
        if (_watchTask is not null)
        {
            await _watchTask.ConfigureAwait(false);
        }

        _cancellation.Dispose();
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Override to release a derived component's own resources.</summary>
    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;
}
