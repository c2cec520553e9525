using System.Text.Json.Nodes;
using System.Threading.Channels;
using KongDashboard.EmbeddedCluster.Store;
using Microsoft.Extensions.Logging;

namespace KongDashboard.EmbeddedCluster.Controllers;

/// <summary>
/// The garbage collector and namespace controller in one small, event-driven loop
/// (kubernetes pkg/controller/garbagecollector, pkg/controller/namespace/deletion):
/// <list type="bullet">
/// <item>an owner that is gone (Background): its dependents whose owners are all gone are deleted;</item>
/// <item><c>orphan</c>: owner references to it are removed from its dependents, then the finalizer;</item>
/// <item><c>foregroundDeletion</c>: its dependents are deleted, then the finalizer, so the owner goes last;</item>
/// <item>a Terminating namespace: its content is deleted, then the <c>kubernetes</c> finalizer, and it goes.</item>
/// </list>
/// Work per event is proportional to the object's dependents (an owner-uid index), never a scan of every object.
/// </summary>
internal sealed class GarbageCollector(ResourceStore store, ILogger<GarbageCollector> logger) : IAsyncDisposable
{
    private readonly Channel<(ResourceKind Kind, string Type, JsonObject Object)> _events = Channel.CreateUnbounded<(ResourceKind, string, JsonObject)>();
    private readonly Dictionary<string, HashSet<(ResourceKind Kind, string? Ns, string Name)>> _dependents = [];
    private readonly Dictionary<string, int> _pendingInNamespace = [];
    private readonly List<WatchSubscription> _subscriptions = [];
    private readonly List<Task> _tasks = [];

    public void Start(CancellationToken stopping)
    {
        foreach (var kind in store.Kinds.Kinds.Where(k => !k.ReadOnly))
        {
            // From "0": existing objects arrive as ADDED, so the owner index starts complete.
            var subscription = store.Watch(kind, ns: null, fromResourceVersion: null, labelSelector: null, fieldSelector: null, initialEventsEndBookmark: false);
            _subscriptions.Add(subscription);
            _tasks.Add(PumpAsync(kind, subscription, stopping));
        }
        _tasks.Add(Task.Run(() => LoopAsync(stopping), CancellationToken.None));
    }

    private async Task PumpAsync(ResourceKind kind, WatchSubscription subscription, CancellationToken stopping)
    {
        try
        {
            await foreach (var ev in subscription.ReadAllAsync(stopping))
            {
                _events.Writer.TryWrite((kind, ev.Type, ev.Object));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        try
        {
            while (await _events.Reader.WaitToReadAsync(stopping))
            {
                while (_events.Reader.TryRead(out var ev))
                {
                    try
                    {
                        Handle(ev.Kind, ev.Type, ev.Object);
                    }
                    catch (ApiException e) when (e.Code is 404 or 409)
                    {
                        // Someone else got there first; the event that follows their write brings us back.
                        logger.LogDebug("garbage collector: {Message}", e.Message);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogError(e, "garbage collector failed on {Kind} {Name}", ev.Kind.Kind, ev.Object.Name());
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Handle(ResourceKind kind, string type, JsonObject obj)
    {
        var self = (kind, obj.Namespace(), obj.Name()!);
        foreach (var owner in OwnerUids(obj))
        {
            if (type == WatchEvent.Deleted)
            {
                Dependents(owner).Remove(self);
            }
            else
            {
                Dependents(owner).Add(self);
            }
        }
        var uid = obj.Uid();
        if (type == WatchEvent.Deleted)
        {
            if (uid is not null)
            {
                DeleteDependentsOf(uid, keepIfOtherOwnerLives: true);
            }

            if (obj.Namespace() is { } objectNs && _pendingInNamespace.TryGetValue(objectNs, out var pending))
            {
                _pendingInNamespace[objectNs] = pending - 1;
                if (pending <= 1 && store.TryGet("Namespace", null, objectNs) is { } terminating)
                {
                    FinishNamespace(terminating);
                }
            }
            // A dependent deleted: its owner in foreground deletion may now be free to go.
            foreach (var ownerRef in (obj.Metadata()["ownerReferences"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                RetryForegroundOwner(obj.Namespace(), ownerRef);
            }

            return;
        }
        if (obj.Metadata()["deletionTimestamp"] is null)
        {
            return;
        }

        var finalizers = (obj.Metadata()["finalizers"] as JsonArray)?.Select(f => f?.ToString()).ToList() ?? [];
        if (kind.Kind == "Namespace")
        {
            FinishNamespace(obj);
        }
        else if (finalizers.Contains(ResourceStore.OrphanFinalizer))
        {
            Orphan(kind, obj, uid!);
        }
        else if (finalizers.Contains(ResourceStore.ForegroundFinalizer))
        {
            Foreground(kind, obj, uid!);
        }
    }

    private HashSet<(ResourceKind Kind, string? Ns, string Name)> Dependents(string ownerUid)
    {
        if (!_dependents.TryGetValue(ownerUid, out var set))
        {
            _dependents[ownerUid] = set = [];
        }

        return set;
    }

    private static IEnumerable<string> OwnerUids(JsonObject obj) =>
        (obj.Metadata()["ownerReferences"] as JsonArray)?.OfType<JsonObject>().Select(r => r["uid"]?.ToString()).OfType<string>() ?? [];

    private void DeleteDependentsOf(string ownerUid, bool keepIfOtherOwnerLives)
    {
        if (!_dependents.TryGetValue(ownerUid, out var dependents))
        {
            return;
        }

        foreach (var (kind, ns, name) in dependents.ToList())
        {
            var dependent = store.TryGet(kind.Kind, ns, name);
            // The index only grows between deletions; the object's own references are the truth (orphaned already?).
            if (dependent is null || !OwnerUids(dependent).Contains(ownerUid))
            {
                dependents.Remove((kind, ns, name));
                continue;
            }
            if (keepIfOtherOwnerLives && OwnerUids(dependent).Any(u => u != ownerUid && OwnerLives(dependent, u)))
            {
                continue;
            }

            store.Delete(kind, ns, name, propagationPolicy: "Background");
        }
    }

    /// <summary>An owner is looked up by uid among the dependent's referenced kinds, in its namespace.</summary>
    private bool OwnerLives(JsonObject dependent, string uid)
    {
        var reference = (dependent.Metadata()["ownerReferences"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(r => r["uid"]?.ToString() == uid);
        var kind = reference?["kind"]?.ToString() is { } k ? store.Kinds.Find(k) : null;
        if (kind is null)
        {
            return false;
        }

        var owner = store.TryGet(kind.Kind, kind.Namespaced ? dependent.Namespace() : null, reference!["name"]!.ToString());
        return owner?.Uid() == uid && owner.Metadata()["deletionTimestamp"] is null;
    }

    private void Orphan(ResourceKind kind, JsonObject owner, string uid)
    {
        if (_dependents.TryGetValue(uid, out var dependents))
        {
            foreach (var (depKind, ns, name) in dependents.ToList())
            {
                var dependent = store.TryGet(depKind.Kind, ns, name);
                if (dependent?.Metadata()["ownerReferences"] is not JsonArray refs)
                {
                    continue;
                }

                var kept = new JsonArray(refs.Where(r => r?["uid"]?.ToString() != uid).Select(r => r!.DeepClone()).ToArray());
                var patch = new JsonObject { ["metadata"] = new JsonObject { ["ownerReferences"] = kept.Count == 0 ? null : kept } };
                store.Patch(depKind, ns, name, PatchType.Merge, patch, statusOnly: false);
            }
        }
        RemoveFinalizer(kind, owner, ResourceStore.OrphanFinalizer);
    }

    private void Foreground(ResourceKind kind, JsonObject owner, string uid)
    {
        DeleteDependentsOf(uid, keepIfOtherOwnerLives: false);
        var blocking = _dependents.TryGetValue(uid, out var dependents)
            && dependents.Any(d => store.TryGet(d.Kind.Kind, d.Ns, d.Name) is { } dep
                && (dep.Metadata()["ownerReferences"] as JsonArray)?.OfType<JsonObject>().Any(r => r["uid"]?.ToString() == uid && r["blockOwnerDeletion"].AsBool() == true) == true);
        if (!blocking)
        {
            RemoveFinalizer(kind, owner, ResourceStore.ForegroundFinalizer);
        }
    }

    private void RetryForegroundOwner(string? ns, JsonObject reference)
    {
        var kind = reference["kind"]?.ToString() is { } k ? store.Kinds.Find(k) : null;
        if (kind is null || reference["name"]?.ToString() is not { } name)
        {
            return;
        }

        var owner = store.TryGet(kind.Kind, kind.Namespaced ? ns : null, name);
        if (owner?.Metadata()["deletionTimestamp"] is null || owner.Uid() != reference["uid"]?.ToString())
        {
            return;
        }

        if ((owner.Metadata()["finalizers"] as JsonArray)?.Any(f => f?.ToString() == ResourceStore.ForegroundFinalizer) == true)
        {
            Foreground(kind, owner, owner.Uid()!);
        }
    }

    private void RemoveFinalizer(ResourceKind kind, JsonObject obj, string finalizer)
    {
        var current = store.TryGet(kind.Kind, obj.Namespace(), obj.Name()!);
        if (current?.Metadata()["finalizers"] is not JsonArray finalizers)
        {
            return;
        }

        var kept = finalizers.Where(f => f?.ToString() != finalizer).Select(f => f!.DeepClone()).ToArray();
        current.Metadata()["finalizers"] = kept.Length == 0 ? null : new JsonArray(kept);
        if (kept.Length == 0)
        {
            current.Metadata().Remove("finalizers");
        }

        store.Replace(kind, current.Namespace(), current.Name()!, current, statusOnly: false);
    }

    /// <summary>Deletes the namespace's content; when none is left, drops the <c>kubernetes</c> finalizer (the /finalize step).</summary>
    private void FinishNamespace(JsonObject ns)
    {
        var name = ns.Name()!;
        var remaining = 0;
        foreach (var kind in store.Kinds.Kinds.Where(k => k.Namespaced && !k.ReadOnly))
        {
            foreach (var item in store.List(kind, name, null, null, out _))
            {
                remaining++;
                if (item.Metadata()["deletionTimestamp"] is null)
                {
                    store.Delete(kind, name, item.Name()!, propagationPolicy: "Background");
                }
            }
        }
        if (remaining > 0)
        {
            // Look again when the last of them is gone (counted down by their DELETED events), not on every one.
            _pendingInNamespace[name] = remaining;
            return;
        }
        _pendingInNamespace.Remove(name);
        var current = store.TryGet("Namespace", null, name);
        if (current?["spec"]?["finalizers"] is not JsonArray { Count: > 0 })
        {
            return;
        }

        current["spec"]!["finalizers"] = new JsonArray();
        store.Replace(store.Kinds["Namespace"], null, name, current, statusOnly: false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _events.Writer.TryComplete();
        await Task.WhenAll(_tasks);
    }
}
