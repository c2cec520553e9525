using KongDashboard.Actions;
using KongDashboard.Core.Controller;
using Microsoft.AspNetCore.Components;

namespace KongDashboard.Components.Pages;

public partial class Autoscaling
{
    private int _load = 200;
    private bool _loadInitialized;
    private bool _applying;
    private ActionOutcome? _outcome;

    [Inject]
    private IDashboardActions Actions { get; set; } = default!;

    /// <summary>The load the simulation ConfigMap asks for, as the watch cache sees it.</summary>
    private int? CurrentLoad => State.SimulatedLoad;

    protected override void OnStateChanged(ControllerState state)
    {
        // Start the control at the cluster's value once; later edits by others show next to it, not in the input.
        if (!_loadInitialized && CurrentLoad is { } rps)
        {
            _load = rps;
            _loadInitialized = true;
        }
    }

    private async Task ApplyLoadAsync()
    {
        _applying = true;
        _outcome = null;
        try
        {
            _outcome = await Actions.RunAsync(new SetSimulatedLoadAction(_load));
        }
        finally
        {
            _applying = false;
        }
    }
}
