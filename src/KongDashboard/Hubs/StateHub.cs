using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace KongDashboard.Hubs;

/// <summary>
/// <c>/hubs/state</c>: the API's sections pushed live. Each message is <c>update(section, payload)</c>; a new
/// connection first gets every section, then only those that changed (throttled by <see cref="StateBroadcaster"/>).
/// </summary>
[Authorize]
public sealed class StateHub(StateBroadcaster broadcaster) : Hub
{
    public const string Path = "/hubs/state";
    public const string UpdateMethod = "update";

    public override async Task OnConnectedAsync()
    {
        foreach (var (section, payload) in broadcaster.AllSections())
        {
            await Clients.Caller.SendAsync(UpdateMethod, section, payload, Context.ConnectionAborted);
        }

        await base.OnConnectedAsync();
    }
}
