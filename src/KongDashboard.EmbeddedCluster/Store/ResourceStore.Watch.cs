using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Store;

/// <summary>Watch side of the store: bounded history for resume, compaction, per-watch channels.</summary>
public sealed partial class ResourceStore
{
    private readonly int _historyLimit;
    private readonly LinkedList<StoredChange> _history = new();
    private readonly List<WatchSubscription> _watchers = [];

    /// <summary>Watches resuming from a resourceVersion older than this get 410 Expired.</summary>
    private long _historyFloor;

    /// <summary>
    /// Opens a watch. Without a resourceVersion (or "0") every current matching object arrives first as a synthetic
    /// ADDED; with one, the retained history after it is replayed; if that history is gone, a single ERROR 410 event
    /// is queued and the channel completes. <paramref name="initialEventsEndBookmark"/> adds the
    /// sendInitialEvents end-marker BOOKMARK after the synthetic ADDED events.
    /// </summary>
    /// <param name="ns">Namespace to watch; null watches all namespaces (and cluster-scoped kinds).</param>
    public WatchSubscription Watch(string kind, string? fromResourceVersion = null, string? labelSelector = null,
        string? fieldSelector = null, string? ns = null, bool initialEventsEndBookmark = false) =>
        Watch(Kinds[kind], ns, fromResourceVersion, labelSelector, fieldSelector, initialEventsEndBookmark);

    internal WatchSubscription Watch(ResourceKind kind, string? ns, string? fromResourceVersion,
        string? labelSelector, string? fieldSelector, bool initialEventsEndBookmark)
    {
        var subscription = new WatchSubscription(this, kind, ns, LabelSelector.Parse(labelSelector), FieldSelector.Parse(fieldSelector));
        lock (_gate)
        {
            if (string.IsNullOrEmpty(fromResourceVersion) || fromResourceVersion == "0" || initialEventsEndBookmark)
            {
                foreach (var obj in _objects[kind].Values.Where(subscription.Matches))
                {
                    subscription.Write(WatchEvent.Added, (JsonObject)obj.DeepClone());
                }

                if (initialEventsEndBookmark)
                {
                    var bookmark = BookmarkObject(kind);
                    bookmark.Metadata()["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
                    subscription.Write(WatchEvent.Bookmark, bookmark);
                }
            }
            else
            {
                if (!long.TryParse(fromResourceVersion, out var from))
                {
                    throw ApiException.BadRequest($"invalid resource version: {fromResourceVersion}");
                }

                if (from < _historyFloor)
                {
                    subscription.Write(WatchEvent.Error, ApiException.Expired(fromResourceVersion, _historyFloor + 1).ToStatus());
                    subscription.Complete();
                    return subscription;
                }
                foreach (var change in _history.Where(c => c.ResourceVersion > from))
                {
                    subscription.Deliver(change);
                }
            }
            _watchers.Add(subscription);
        }
        return subscription;
    }

    /// <summary>Forgets all history: a watch from any resourceVersion older than the current one now gets 410.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _historyFloor = _resourceVersion;
        }
    }

    internal void Bookmark(WatchSubscription subscription)
    {
        lock (_gate)
        {
            if (_watchers.Contains(subscription))
            {
                subscription.Write(WatchEvent.Bookmark, BookmarkObject(subscription.Kind));
            }
        }
    }

    internal void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _watchers.Remove(subscription);
        }
    }

    internal int WatcherCount
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    private JsonObject BookmarkObject(ResourceKind kind) => new()
    {
        ["kind"] = kind.Kind,
        ["apiVersion"] = kind.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString() },
    };

    /// <summary>Called under the lock for every committed write.</summary>
    private void Record(StoredChange change)
    {
        _history.AddLast(change);
        while (_history.Count > _historyLimit)
        {
            _historyFloor = _history.First!.Value.ResourceVersion;
            _history.RemoveFirst();
        }
        foreach (var watcher in _watchers)
        {
            watcher.Deliver(change);
        }
    }
}
