using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace KongDashboard.EmbeddedCluster.Store;

/// <summary>
/// One open watch. Events are pushed into an unbounded per-watch channel while the store holds its lock, so a
/// slow reader never blocks writers and ordering equals commit order. Dispose to stop receiving.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly Channel<WatchEvent> _channel = Channel.CreateUnbounded<WatchEvent>(new() { SingleReader = true });
    private readonly ResourceStore _store;
    private readonly LabelSelector _labels;
    private readonly FieldSelector _fields;

    internal WatchSubscription(ResourceStore store, ResourceKind kind, string? ns, LabelSelector labels, FieldSelector fields)
    {
        _store = store;
        Kind = kind;
        Namespace = ns;
        _labels = labels;
        _fields = fields;
    }

    public ResourceKind Kind { get; }

    public string? Namespace { get; }

    public ChannelReader<WatchEvent> Events => _channel.Reader;

    public IAsyncEnumerable<WatchEvent> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Queues a BOOKMARK carrying the store's current resourceVersion (ordered after every event already sent).</summary>
    public void RequestBookmark() => _store.Bookmark(this);

    public void Dispose()
    {
        _store.Unsubscribe(this);
        _channel.Writer.TryComplete();
    }

    internal bool Matches(JsonObject obj) =>
        (Namespace is null || obj.Namespace() == Namespace) && _labels.Matches(obj.Labels()) && _fields.Matches(obj);

    internal void Write(string type, JsonObject obj) => _channel.Writer.TryWrite(new WatchEvent(type, obj));

    internal void Complete() => _channel.Writer.TryComplete();

    /// <summary>Translates a change through the selectors like the real server: leaving the selection is DELETED, entering it ADDED.</summary>
    internal void Deliver(StoredChange change)
    {
        if (change.Kind != Kind)
        {
            return;
        }

        var now = Matches(change.Object);
        var before = change.Previous is not null && Matches(change.Previous);
        var type = change.Type switch
        {
            WatchEvent.Modified when now && before => WatchEvent.Modified,
            WatchEvent.Modified when now => WatchEvent.Added,
            WatchEvent.Modified when before => WatchEvent.Deleted,
            WatchEvent.Added when now => WatchEvent.Added,
            WatchEvent.Deleted when now => WatchEvent.Deleted,
            _ => null,
        };
        if (type is not null)
        {
            Write(type, (JsonObject)change.Object.DeepClone());
        }
    }
}
