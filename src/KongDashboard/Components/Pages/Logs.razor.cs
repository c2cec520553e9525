using System.Diagnostics;
using KongDashboard.Components.Controls;
using KongDashboard.Logs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KongDashboard.Components.Pages;

/// <summary>
/// The live log of this process (the Aspire dashboard's structured logs, for the controller): newest first, a level
/// and a text filter (kept in the query string: a link shows the same view), a pause, details per entry.
/// </summary>
public partial class Logs : LiveStateComponentBase
{
    // Rendering thousands of rows on every new line would cost the circuit more than the page is worth.
    private const int PageSize = 200;

    private static readonly LogLevel[] Levels = [LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical];

    private readonly CancellationTokenSource _watch = new();
    private readonly HashSet<long> _expanded = [];
    private Task? _watchTask;
    private IReadOnlyList<LogEntry> _entries = [];
    private string? _text;
    private LogLevel _minimum = LogLevel.Information;
    private bool _live = true;
    private int _shown = PageSize;

    [Inject]
    private LogBuffer Buffer { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "q")]
    public string? TextQuery { get; set; }

    [SupplyParameterFromQuery(Name = "level")]
    public string? LevelQuery { get; set; }

    /// <summary>Newest first, filtered by level and text.</summary>
    internal IReadOnlyList<LogEntry> Rows { get; private set; } = [];

    protected override void OnInitialized()
    {
        base.OnInitialized();
        _entries = Buffer.Entries();
        // Task.Run: the enumeration must not run on (and block) the circuit's synchronization context.
        _watchTask = Task.Run(() => WatchAsync(_watch.Token));
    }

    protected override void OnParametersSet()
    {
        _text = string.IsNullOrEmpty(TextQuery) ? null : TextQuery;
        _minimum = Enum.TryParse<LogLevel>(LevelQuery, ignoreCase: true, out var level) && Levels.Contains(level) ? level : LogLevel.Information;
        ApplyFilter();
    }

    private void ApplyFilter() =>
        Rows = _entries.Where(e => e.Level >= _minimum && (_text is null || e.Contains(_text))).Reverse().ToList();

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var sinceRender = Stopwatch.StartNew();
        try
        {
            await foreach (var unused in Buffer.Changes.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                // The same throttle as the other live pages: a burst of lines costs one render, and latest wins.
                var wait = MinRenderInterval - sinceRender.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                await InvokeAsync(() =>
                {
                    if (_live)
                    {
                        _entries = Buffer.Entries();
                        ApplyFilter();
                        StateHasChanged();
                    }
                }).ConfigureAwait(false);
                sinceRender.Restart();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await DispatchExceptionAsync(ex).ConfigureAwait(false);
        }
    }

    private void OnTextChanged(string? value) => WriteQuery("q", string.IsNullOrEmpty(value) ? null : value);

    private void OnLevelChanged(LogLevel value) => WriteQuery("level", value == LogLevel.Information ? null : value.ToString());

    private void WriteQuery(string key, string? value)
    {
        // Replace-navigation: the filter is in the URL (a deep link or reload shows the same view); OnParametersSet applies it.
        _shown = PageSize;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(key, value), replace: true);
    }

    private void OnLiveChanged(bool live)
    {
        _live = live;
        if (live)
        {
            _entries = Buffer.Entries();
            ApplyFilter();
        }
    }

    private void Toggle(long sequence)
    {
        if (!_expanded.Remove(sequence))
        {
            _expanded.Add(sequence);
        }
    }

    private void ShowMore() => _shown += PageSize;

    private static Color LevelColor(LogLevel level) => level switch
    {
        >= LogLevel.Error => Color.Error,
        LogLevel.Warning => Color.Warning,
        _ => Color.Default,
    };

    protected override async ValueTask DisposeCoreAsync()
    {
        await _watch.CancelAsync().ConfigureAwait(false);
        if (_watchTask is not null)
        {
            await _watchTask.ConfigureAwait(false);
        }

        _watch.Dispose();
    }
}
