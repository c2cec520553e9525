using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Patching;

namespace KongDashboard.EmbeddedCluster.Store;

public enum PatchType { Merge, StrategicMerge, JsonPatch }

/// <summary>
/// The single source of truth behind the REST API and the simulated controllers. Objects are generic JSON;
/// one global resourceVersion orders every write. All writes happen under one lock; stored objects never
/// leave it (callers always get deep copies), so readers and watchers cannot observe partial updates.
/// </summary>
public sealed partial class ResourceStore
{
    private readonly object _gate = new();
    private readonly Dictionary<ResourceKind, SortedDictionary<string, JsonObject>> _objects = [];
    private long _resourceVersion;
    private int _nextClusterIp = 10;

    public ResourceStore(ResourceKindRegistry? kinds = null, int historyLimit = 10_000)
    {
        Kinds = kinds ?? new ResourceKindRegistry();
        _historyLimit = historyLimit;
        foreach (var kind in Kinds.Kinds)
        {
            _objects[kind] = new(StringComparer.Ordinal);
            _keys[kind] = new(StringComparer.Ordinal);
        }
    }

    public ResourceKindRegistry Kinds { get; }

    public string ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion.ToString();
            }
        }
    }

    public JsonObject Get(string kind, string? ns, string name) => Get(Kinds[kind], ns, name);

    public JsonObject? TryGet(string kind, string? ns, string name)
    {
        lock (_gate)
        {
            return Find(Kinds[kind], ns, name)?.DeepClone() as JsonObject;
        }
    }

    public IReadOnlyList<JsonObject> List(string kind, string? ns = null, string? labelSelector = null, string? fieldSelector = null) =>
        List(Kinds[kind], ns, labelSelector, fieldSelector, out _);

    public JsonObject Create(string kind, string? ns, JsonObject obj) => Create(Kinds[kind], ns, obj);

    /// <summary>PUT semantics. Returns the stored object and whether it was created (Lease allows create-on-update).</summary>
    public (JsonObject Object, bool Created) Replace(string kind, string? ns, string name, JsonObject obj) =>
        Replace(Kinds[kind], ns, name, obj, statusOnly: false);

    public JsonObject UpdateStatus(string kind, string? ns, string name, JsonObject obj) =>
        Replace(Kinds[kind], ns, name, obj, statusOnly: true).Object;

    public JsonObject Patch(string kind, string? ns, string name, PatchType type, JsonNode patch, bool statusOnly = false) =>
        Patch(Kinds[kind], ns, name, type, patch, statusOnly);

    public JsonObject Delete(string kind, string? ns, string name, string? propagationPolicy = null) =>
        Delete(Kinds[kind], ns, name, propagationPolicy: propagationPolicy).Object;

    internal JsonObject Get(ResourceKind kind, string? ns, string name)
    {
        lock (_gate)
        {
            return (JsonObject)(Find(kind, ns, name) ?? throw ApiException.NotFound(kind, name)).DeepClone();
        }
    }

    internal IReadOnlyList<JsonObject> List(ResourceKind kind, string? ns, string? labelSelector, string? fieldSelector, out string resourceVersion)
    {
        var labels = LabelSelector.Parse(labelSelector);
        var fields = FieldSelector.Parse(fieldSelector);
        lock (_gate)
        {
            resourceVersion = _resourceVersion.ToString();
            var objects = _objects[kind];
            return KeysIn(kind, ns, after: null).Select(k => objects[k])
                .Where(o => labels.Matches(o.Labels()) && fields.Matches(o))
                .Select(o => (JsonObject)o.DeepClone())
                .ToList();
        }
    }

    /// <remarks><paramref name="dryRun"/> (dryRun=All) runs every check and default but stores nothing.</remarks>
    internal JsonObject Create(ResourceKind kind, string? ns, JsonObject input, bool dryRun = false)
    {
        if (kind.ReadOnly)
        {
            throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource");
        }

        var obj = (JsonObject)input.DeepClone();
        var meta = obj.Metadata();
        lock (_gate)
        {
            ns = ResolveNamespace(kind, ns, obj);
            if (!string.IsNullOrEmpty(obj.ResourceVersion()))
            {
                throw ApiException.BadRequest("resourceVersion should not be set on objects to be created");
            }

            var name = obj.Name();
            var prefix = meta["generateName"]?.ToString();
            if (string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(prefix))
            {
                // names/generate.go:44-53 (base cut to 58) and store.go:440 (up to 8 tries on a collision).
                var basePrefix = prefix.Length > 58 ? prefix[..58] : prefix;
                for (var attempt = 0; attempt < 8 && (name is null || Find(kind, ns, name) is not null); attempt++)
                {
                    name = basePrefix + RandomSuffix(5);
                }

                meta["name"] = name;
                if (Find(kind, ns, name!) is not null)
                {
                    throw new ApiException(409, "AlreadyExists",
                        $"{kind.GroupResource} \"{name}\" already exists, the server was not able to generate a unique name for the object", name, kind);
                }
            }

            obj["apiVersion"] = kind.ApiVersion;
            obj["kind"] = kind.Kind;
            ApplyCreateDefaults(kind, obj);
            var errors = Validation.KindValidation.Validate(kind, obj, old: null);
            if (errors.Count > 0)
            {
                throw ApiException.Invalid(kind, name ?? "", errors);
            }

            if (Find(kind, ns, name!) is not null)
            {
                throw ApiException.AlreadyExists(kind, name!);
            }

            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = ObjectMeta.Timestamp(DateTimeOffset.UtcNow);
            meta["generation"] = 1;
            // Nothing in the body may claim the object is already being deleted (objectmeta.go, BeforeCreate).
            meta.Remove("deletionTimestamp");
            meta.Remove("deletionGracePeriodSeconds");
            if (dryRun)
            {
                return obj;
            }

            var rv = ++_resourceVersion;
            meta["resourceVersion"] = rv.ToString();
            _objects[kind][Key(ns, name!)] = obj;
            _keys[kind].Add(Key(ns, name!));
            Record(new StoredChange(rv, kind, WatchEvent.Added, obj, null));
            return (JsonObject)obj.DeepClone();
        }
    }

    internal (JsonObject Object, bool Created) Replace(ResourceKind kind, string? ns, string name, JsonObject input, bool statusOnly, bool dryRun = false)
    {
        lock (_gate)
        {
            var current = Find(kind, ns, name);
            if (current is null)
            {
                if (kind.Kind == "Lease" && !statusOnly)
                {
                    var toCreate = (JsonObject)input.DeepClone();
                    toCreate.Metadata().Remove("resourceVersion");
                    return (Create(kind, ns, toCreate, dryRun), true);
                }
                throw ApiException.NotFound(kind, name);
            }
            var bodyName = input.Name();
            if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
            {
                throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            }
            // A PUT naming another uid fails as a storage precondition (storage/interfaces.go:148-154).
            if (input.Uid() is { Length: > 0 } uid && uid != current.Uid())
            {
                throw new ApiException(409, "Conflict",
                    $"Operation cannot be fulfilled on {kind.GroupResource} \"{name}\": StorageError: invalid object, Code: 4, Key: /registry/{kind.GroupResource}/{(ns is null ? "" : ns + "/")}{name}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: {current.Uid()}, UID in object meta: {uid}",
                    name, kind);
            }

            var rv = input.ResourceVersion();
            // Leases must carry a resourceVersion: leader election relies on compare-and-swap.
            if (string.IsNullOrEmpty(rv) ? kind.Kind == "Lease" : rv != current.ResourceVersion())
            {
                throw ApiException.Conflict(kind, name);
            }

            return (Commit(kind, current, (JsonObject)input.DeepClone(), statusOnly, dryRun), false);
        }
    }

    internal JsonObject Patch(ResourceKind kind, string? ns, string name, PatchType type, JsonNode patch, bool statusOnly, bool dryRun = false)
    {
        lock (_gate)
        {
            var current = Find(kind, ns, name) ?? throw ApiException.NotFound(kind, name);
            // Custom resources have no Go struct to take merge keys from; the real server refuses strategic merge for them.
            if (kind.Custom && type == PatchType.StrategicMerge)
            {
                throw new ApiException(415, "UnsupportedMediaType", "strategic merge patch is not supported for custom resources; use application/merge-patch+json");
            }

            var patched = type switch
            {
                PatchType.Merge => JsonMergePatch.Apply(current.DeepClone(), patch) as JsonObject,
                PatchType.StrategicMerge when patch is JsonObject p => StrategicMergePatch.Apply(current, p),
                PatchType.JsonPatch when patch is JsonArray ops => JsonPatch.Apply(current.DeepClone(), ops) as JsonObject,
                _ => null,
            } ?? throw ApiException.BadRequest("the patch must produce a JSON object");
            if (patched.ResourceVersion() != current.ResourceVersion())
            {
                throw ApiException.Conflict(kind, name);
            }

            return Commit(kind, current, patched, statusOnly, dryRun);
        }
    }

    private JsonObject Remove(ResourceKind kind, JsonObject current)
    {
        _objects[kind].Remove(Key(current.Namespace(), current.Name()!));
        _keys[kind].Remove(Key(current.Namespace(), current.Name()!));
        var deleted = (JsonObject)current.DeepClone();
        var rv = ++_resourceVersion;
        deleted.Metadata()["resourceVersion"] = rv.ToString();
        Record(new StoredChange(rv, kind, WatchEvent.Deleted, deleted, current));
        return deleted;
    }

    /// <summary>
    /// Stores <paramref name="next"/> as the new version of <paramref name="current"/>. The main resource cannot change
    /// .status and the status subresource cannot change anything else; identity fields are preserved; generation
    /// bumps when spec changes; a write that changes nothing keeps the old resourceVersion and emits no event.
    /// </summary>
    private JsonObject Commit(ResourceKind kind, JsonObject current, JsonObject next, bool statusOnly, bool dryRun)
    {
        if (statusOnly)
        {
            var status = next["status"]?.DeepClone();
            next = (JsonObject)current.DeepClone();
            if (status is null)
            {
                next.Remove("status");
            }
            else
            {
                next["status"] = status;
            }
        }
        else if (kind.HasStatus)
        {
            if (current["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
            else
            {
                next.Remove("status");
            }
        }

        var meta = next.Metadata();
        var oldMeta = current.Metadata();
        if (!statusOnly)
        {
            PreserveAllocatedValues(kind, current, next);
            var errors = Validation.KindValidation.Validate(kind, next, current);
            if (errors.Count > 0)
            {
                throw ApiException.Invalid(kind, current.Name()!, errors);
            }
        }
        // registry/rest/update.go:107-166: identity and server-owned fields come from the stored object; a
        // deletionTimestamp, once set, cannot be removed.
        foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp", "generation", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds" })
        {
            if (oldMeta[field] is { } value)
            {
                meta[field] = value.DeepClone();
            }
            else
            {
                meta.Remove(field);
            }
        }
        next["apiVersion"] = kind.ApiVersion;
        next["kind"] = kind.Kind;
        if (JsonNode.DeepEquals(next, current))
        {
            return (JsonObject)current.DeepClone();
        }

        if (!JsonNode.DeepEquals(next["spec"], current["spec"]))
        {
            meta["generation"] = (oldMeta["generation"].AsLong() ?? 0) + 1;
        }

        if (dryRun)
        {
            return next;
        }
        // store.go:565-586 (ShouldDeleteDuringUpdate): removing the last finalizer of a terminating object deletes it.
        if (meta["deletionTimestamp"] is not null && !HasFinalizers(kind, next))
        {
            var key = Key(next.Namespace(), next.Name()!);
            _objects[kind].Remove(key);
            _keys[kind].Remove(key);
            var removedRv = ++_resourceVersion;
            meta["resourceVersion"] = removedRv.ToString();
            Record(new StoredChange(removedRv, kind, WatchEvent.Deleted, next, current));
            return (JsonObject)next.DeepClone();
        }
        var rv = ++_resourceVersion;
        meta["resourceVersion"] = rv.ToString();
        _objects[kind][Key(next.Namespace(), next.Name()!)] = next;
        Record(new StoredChange(rv, kind, WatchEvent.Modified, next, current));
        return (JsonObject)next.DeepClone();
    }

    /// <summary>The Service REST layer's patchAllocatedValues: an update without clusterIP keeps the allocated one.</summary>
    private static void PreserveAllocatedValues(ResourceKind kind, JsonObject current, JsonObject next)
    {
        if (kind.Kind != "Service" || next["spec"] is not JsonObject spec || current["spec"] is not JsonObject old)
        {
            return;
        }

        if (string.IsNullOrEmpty(spec["clusterIP"]?.ToString()) && old["clusterIP"] is { } ip)
        {
            spec["clusterIP"] = ip.DeepClone();
        }

        if (spec["clusterIPs"] is null && old["clusterIPs"] is { } ips)
        {
            spec["clusterIPs"] = ips.DeepClone();
        }

        if (spec["ports"] is JsonArray ports)
        {
            foreach (var port in ports.OfType<JsonObject>())
            {
                DefaultServicePort(port);
            }
        }
    }

    private static void DefaultServicePort(JsonObject port)
    {
        port["protocol"] ??= "TCP";
        if (port["targetPort"] is null && port["port"] is { } number)
        {
            port["targetPort"] = number.DeepClone();
        }
    }

    private string? ResolveNamespace(ResourceKind kind, string? ns, JsonObject obj)
    {
        var meta = obj.Metadata();
        if (!kind.Namespaced)
        {
            meta.Remove("namespace");
            return null;
        }
        var bodyNs = obj.Namespace();
        if (!string.IsNullOrEmpty(ns) && !string.IsNullOrEmpty(bodyNs) && ns != bodyNs)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        ns = string.IsNullOrEmpty(ns) ? bodyNs : ns;
        if (string.IsNullOrEmpty(ns))
        {
            throw ApiException.BadRequest("the server could not find the requested namespace: none given");
        }

        var namespaceObject = Find(Kinds["Namespace"], null, ns) ?? throw ApiException.NotFound(Kinds["Namespace"], ns);
        if (namespaceObject.Metadata()["deletionTimestamp"] is not null)
        {
            throw NamespaceTerminating(kind, obj, ns);
        }

        meta["namespace"] = ns;
        return ns;
    }

    /// <summary>Fields the real server (or its controllers, instantly) fills in on create.</summary>
    private void ApplyCreateDefaults(ResourceKind kind, JsonObject obj)
    {
        switch (kind.Kind)
        {
            case "Namespace":
                obj["spec"] ??= new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case "Deployment" when obj["spec"] is JsonObject spec:
                spec["replicas"] ??= 1;
                spec["revisionHistoryLimit"] ??= 10;
                spec["progressDeadlineSeconds"] ??= 600;
                spec["strategy"] ??= new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" },
                };
                break;
            case "Service" when obj["spec"] is JsonObject spec:
                spec["type"] ??= "ClusterIP";
                if (spec["ports"] is JsonArray ports)
                {
                    foreach (var port in ports.OfType<JsonObject>())
                    {
                        DefaultServicePort(port);
                    }
                }

                if (spec["type"]?.ToString() != "ExternalName" && spec["clusterIP"] is null)
                {
                    var ip = $"10.96.{_nextClusterIp / 250}.{_nextClusterIp % 250 + 1}";
                    _nextClusterIp++;
                    spec["clusterIP"] = ip;
                    spec["clusterIPs"] = new JsonArray(ip);
                }
                break;
        }
    }

    private JsonObject? Find(ResourceKind kind, string? ns, string name) =>
        _objects[kind].GetValueOrDefault(Key(kind.Namespaced ? ns : null, name));

    private static string Key(string? ns, string name) => ns is null ? name : $"{ns}/{name}";

    private static string RandomSuffix(int length)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[Random.Shared.Next(alphabet.Length)];
            }
        });
    }

    internal static string NewSuffix(int length) => RandomSuffix(length);
}
