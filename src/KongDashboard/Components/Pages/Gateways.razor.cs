using KongDashboard.Actions;
using KongDashboard.Components.Controls;
using KongDashboard.Components.Sync;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KongDashboard.Components.Pages;

/// <summary>
/// Every Kong gateway this replica configures: sync state, last push, pod health and usage, with resync actions.
/// The open drawer lives in the query string (<c>?gateway=</c>) so it survives a reload and can be linked.
/// </summary>
public partial class Gateways : GridPageBase
{
    // A resync whose push never shows up (gateway gone, push coalesced) stops spinning after this.
    private static readonly TimeSpan PushingTimeout = TimeSpan.FromSeconds(15);

    // Gateway id → its LastPush when the resync was asked for: pushing until that changes.
    private readonly Dictionary<string, (PushRecord? Before, DateTimeOffset Since)> _pushing = [];
    private bool _resyncingAll;
    private string? _selected;
    private MudDataGrid<GatewayRow>? _grid;

    [Inject]
    private IDashboardActions Actions { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "gateway")]
    public string? GatewayQuery { get; set; }

    internal IReadOnlyList<GatewayRow> Rows { get; private set; } = [];

    private SyncState Sync => State.Sync;

    private DateTimeOffset Now => Clock.GetUtcNow();

    // A link names the gateway by its pod (or, from older links, its Admin API id): see GatewayRow.Matches.
    private GatewayRow? SelectedRow => _selected is null ? null : Rows.FirstOrDefault(r => r.Matches(_selected));

    private string NotPushingReason => $"This replica does not push configuration: {Sync.DisabledReason ?? "sync is disabled"}.";

    protected override string DefaultSortColumn => "Pod";

    protected override void OnParametersSet()
    {
        base.OnParametersSet();
        _selected = string.IsNullOrEmpty(GatewayQuery) ? null : GatewayQuery;
    }

    protected override void OnStateChanged(ControllerState state)
    {
        // In the grid's initial order (the Pod column, ascending, compared as the grid compares): the grid sorts only
        // after its first render, and rows that arrive in another order are moved then, losing focus and selection.
        Rows = [.. GatewayRow.From(state).OrderBy(r => r.Namespace + '/' + r.Name, StringComparer.CurrentCulture)];
        var now = Now;
        foreach (var (id, (before, since)) in _pushing.ToList())
        {
            var gateway = state.Sync.Gateways.FirstOrDefault(g => g.Id == id);
            // The resync's end, said once: its push landed (or failed), the gateway went away, or no push came.
            (string Text, Severity Severity)? ended =
                gateway is null ? ResyncMessages.Gone(id)
                : !ReferenceEquals(gateway.LastPush, before) && gateway.LastPush is { } push ? ResyncMessages.Finished(gateway, push)
                : now - since > PushingTimeout ? ResyncMessages.NoPush(gateway, PushingTimeout)
                : null;
            if (ended is { } message)
            {
                _pushing.Remove(id);
                Snackbar.Add(message.Text, message.Severity);
            }
        }
    }

    internal bool IsPushing(string gatewayId) => _pushing.ContainsKey(gatewayId);

    // A replica that does not push compares Kong with nothing it sent; see SyncStateChip.NotPushedHere.
    private bool NotPushedHere(GatewayRow row) => !Sync.KnowsGatewayStates && row.Gateway.AppliedSha is null;

    /// <summary>Why an action is unavailable (the gate's reason, or this replica not pushing); null when allowed.</summary>
    private string? DeniedReason(AdminGateContext gate) =>
        !gate.Allowed ? gate.Reason ?? "You may not run admin actions."
        : !Sync.Enabled ? NotPushingReason
        : null;

    private async Task ResyncAllAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Resync all gateways",
            $"Push the desired configuration again to all {Sync.Gateways.Length} gateways? Kong reloads its configuration on each of them.",
            yesText: "Resync all",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _resyncingAll = true;
        try
        {
            MarkPushing(Sync.Gateways);
            await RunAsync(new ResyncAction(null));
        }
        finally
        {
            _resyncingAll = false;
        }
    }

    private async Task ResyncAsync(GatewayRow row)
    {
        MarkPushing([row.Gateway]);
        await RunAsync(new ResyncAction(row.Id));
    }

    private async Task RestartAsync(GatewayRow row)
    {
        if (row.Gateway.Pod is not { } pod)
        {
            return;
        }

        ActionOutcome outcome;
        try
        {
            outcome = await Actions.RunAsync(new RestartKongPodAction(pod.Namespace, pod.Name));
        }
        catch (Exception ex)
        {
            outcome = new ActionOutcome(false, $"Restart failed: {ex.Message}");
        }

        Snackbar.Add(outcome.Message, outcome.Succeeded ? Severity.Success : Severity.Error);
    }

    private void MarkPushing(IEnumerable<GatewayStatus> gateways)
    {
        var now = Now;
        foreach (var gateway in gateways)
        {
            _pushing[gateway.Id] = (gateway.LastPush, now);
        }
    }

    private async Task RunAsync(ResyncAction action)
    {
        ActionOutcome outcome;
        try
        {
            outcome = await Actions.RunAsync(action);
        }
        catch (Exception ex)
        {
            outcome = new ActionOutcome(false, $"Resync failed: {ex.Message}");
        }

        if (!outcome.Succeeded)
        {
            // Nothing will be pushed: stop the spinners of this action.
            foreach (var id in action.GatewayId is { } one ? [one] : _pushing.Keys.ToList())
            {
                _pushing.Remove(id);
            }
        }

        Snackbar.Add(outcome.Message, outcome.Succeeded ? Severity.Success : Severity.Error);
    }

    private void OnRowClick(DataGridRowClickEventArgs<GatewayRow> args) => Select(args.Item.LinkKey);

    internal void Select(string? id)
    {
        _selected = id;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("gateway", id), replace: true);
    }

    private void OnDrawerOpenChanged(bool open)
    {
        if (!open)
        {
            Select(null);
        }
    }

    private string RowClass(GatewayRow row, int index) =>
        _selected is not null && row.Matches(_selected) ? "kd-row-selected"
        : row.Gateway.State is GatewaySyncState.Unreachable or GatewaySyncState.Rejected || (row.Gateway.State == GatewaySyncState.OutOfSync && !NotPushedHere(row)) ? "kd-row-failed"
        : "";
}
