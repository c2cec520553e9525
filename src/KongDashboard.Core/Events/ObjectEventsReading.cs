using System.Collections.Immutable;

namespace KongDashboard.Core.Events;

/// <summary>
/// The result of one read of an object's Events: the Events (newest first), or why they could not be read.
/// <see cref="Error"/> is a sentence for a person (e.g. naming the RBAC permission that is missing).
/// </summary>
public sealed record ObjectEventsReading(ImmutableArray<ObjectEvent> Events, string? Error)
{
    public static ObjectEventsReading Failed(string error) => new([], error);
}
