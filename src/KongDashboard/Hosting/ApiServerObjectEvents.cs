using KongDashboard.Core.Events;

namespace KongDashboard.Hosting;

/// <summary>Reads Events through the controller's own Kubernetes client, once the host has connected.</summary>
public sealed class ApiServerObjectEvents(ControllerHost host) : IObjectEventSource
{
    public async Task<ObjectEventsReading> ReadAsync(string kind, string? ns, string name, CancellationToken cancellationToken)
    {
        var client = await host.ClientAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return await ObjectEventReader.ReadAsync(client, kind, ns, name, cancellationToken).ConfigureAwait(false);
    }
}
