using System.Collections.Concurrent;
using KongDashboard.Core.Events;

namespace KongDashboard.Web.Tests.Components;

/// <summary>
/// The Events a bUnit page reads: what a test put here for an object (no Events otherwise), and which objects were
/// asked for. The real source (the API server through ObjectEventReader) is covered by ObjectEventReaderTests and
/// ObjectEventsBrowserTests.
/// </summary>
internal sealed class RecordedObjectEvents : IObjectEventSource
{
    private readonly ConcurrentDictionary<(string Kind, string? Namespace, string Name), ObjectEventsReading> _readings = new();

    public ConcurrentQueue<(string Kind, string? Namespace, string Name)> Reads { get; } = new();

    public void Set(string kind, string? ns, string name, ObjectEventsReading reading) => _readings[(kind, ns, name)] = reading;

    public Task<ObjectEventsReading> ReadAsync(string kind, string? ns, string name, CancellationToken cancellationToken)
    {
        Reads.Enqueue((kind, ns, name));
        return Task.FromResult(_readings.TryGetValue((kind, ns, name), out var reading) ? reading : new ObjectEventsReading([], null));
    }
}
