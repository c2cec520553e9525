using KongDashboard.Components.Controls;
using KongDashboard.Components.Sync;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace KongDashboard.Components.Pages;

/// <summary>
/// The configuration this replica pushes (redacted YAML and download), Kong's last rejection mapped to objects with
/// the fallback report, a diff of the last two desired configurations seen, and in DB mode each entity sync. The open tab is in <c>?tab=</c>.
/// </summary>
public partial class Configuration : LiveStateComponentBase
{
    internal const string FailedTab = "failed";
    internal const string DiffTab = "diff";
    internal const string DatabaseTab = "database";

    private readonly ConfigHistory _history = new();
    private (ConfigView Old, ConfigView New, YamlDiff Diff)? _diff;
    private IJSObjectReference? _module;
    private string? _tab;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "tab")]
    public string? TabQuery { get; set; }

    internal ConfigHistory History => _history;

    private SyncState Sync => State.Sync;

    private DateTimeOffset Now => Clock.GetUtcNow();

    private bool RejectionIsCurrent => KongDashboard.Core.Status.KongOutcome.IsCurrent(Sync.LastFailed, Sync.Desired);

    private int ActiveTab => _tab switch
    {
        FailedTab => 1,
        DiffTab => 2,
        DatabaseTab when Sync.Database is not null => 3,
        _ => 0,
    };

    protected override void OnParametersSet() => _tab = TabQuery;

    protected override void OnStateChanged(ControllerState state) => _history.Observe(state.Sync, Now);

    private void OnTabChanged(int index)
    {
        _tab = index switch
        {
            1 => FailedTab,
            2 => DiffTab,
            3 => DatabaseTab,
            _ => null,
        };
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("tab", _tab), replace: true);
    }

    // Diffing is the expensive part: once per pair of configurations, not per render.
    private YamlDiff Diff(ConfigView old, ConfigView @new)
    {
        if (_diff is not { } cached || !ReferenceEquals(cached.Old, old) || !ReferenceEquals(cached.New, @new))
        {
            _diff = cached = (old, @new, YamlDiff.Compute(old.Yaml, @new.Yaml));
        }

        return cached.Diff;
    }

    private async Task DownloadAsync()
    {
        if (_history.Current is not { } current)
        {
            return;
        }

        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Configuration.razor.js");
            // Only the redacted YAML ever leaves the server.
            await _module.InvokeVoidAsync("download", current.FileName, current.Yaml);
        }
        catch (JSException ex)
        {
            Snackbar.Add($"Download failed: {ex.Message}", Severity.Error);
        }
    }

    protected override async ValueTask DisposeCoreAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; the browser dropped the module with it.
            }
        }
    }
}
