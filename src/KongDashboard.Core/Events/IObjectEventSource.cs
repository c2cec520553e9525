namespace KongDashboard.Core.Events;

/// <summary>
/// Where the UI reads one object's Events from. The host answers from the API server it watches
/// (<see cref="ObjectEventReader"/>); pages depend on this, not on the host or a Kubernetes client.
/// </summary>
public interface IObjectEventSource
{
    /// <summary>The Events about <paramref name="kind"/> <paramref name="ns"/>/<paramref name="name"/>, newest first, or why not.</summary>
    Task<ObjectEventsReading> ReadAsync(string kind, string? ns, string name, CancellationToken cancellationToken);
}
