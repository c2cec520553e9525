using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store.Validation;

namespace KongDashboard.EmbeddedCluster.Store;

/// <summary>
/// DELETE as the generic registry does it (apiserver registry/generic/registry/store.go:880-1218,
/// registry/rest/delete.go:75-150): preconditions, the propagation policy turned into the <c>orphan</c> /
/// <c>foregroundDeletion</c> finalizers, and an object with finalizers marked with deletionTimestamp instead of removed.
/// The garbage collector and namespace controller (Controllers/GarbageCollector.cs) finish the job.
/// </summary>
public sealed partial class ResourceStore
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";
    public const string NamespaceFinalizer = "kubernetes";

    private static readonly string[] ProtectedNamespaces = ["default", "kube-system", "kube-public"];
    private static readonly string[] Policies = ["Foreground", "Background", "Orphan", "nil"];

    /// <summary>
    /// Deletes or marks for deletion. Returns the object (as stored, or as it was when removed) and whether it was
    /// removed; a marked object stays, visible with its deletionTimestamp, until its finalizers are gone.
    /// </summary>
    internal (JsonObject Object, bool Removed) Delete(ResourceKind kind, string? ns, string name, bool dryRun = false,
        string? propagationPolicy = null, string? uidPrecondition = null, string? resourceVersionPrecondition = null)
    {
        if (kind.ReadOnly)
        {
            throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource");
        }

        if (propagationPolicy is not null && !Policies.Contains(propagationPolicy))
        {
            throw ApiException.Invalid("DeleteOptions.meta.k8s.io", "", [FieldError.NotSupported("propagationPolicy", propagationPolicy, Policies)]);
        }

        lock (_gate)
        {
            var current = Find(kind, ns, name) ?? throw ApiException.NotFound(kind, name);
            if (kind.Kind == "Namespace" && ProtectedNamespaces.Contains(name))
            {
                throw new ApiException(403, "Forbidden", $"namespaces \"{name}\" is forbidden: this namespace may not be deleted", name, kind);
            }

            var subject = kind.Group.Length == 0 ? kind.Kind : $"{kind.Kind}.{kind.Group}";
            if (uidPrecondition is not null && uidPrecondition != current.Uid())
            {
                throw new ApiException(409, "Conflict",
                    $"Operation cannot be fulfilled on {subject} \"{name}\": the UID in the precondition ({uidPrecondition}) does not match the UID in record ({current.Uid()}). The object might have been deleted and then recreated",
                    name, kind);
            }

            if (resourceVersionPrecondition is not null && resourceVersionPrecondition != current.ResourceVersion())
            {
                throw new ApiException(409, "Conflict",
                    $"Operation cannot be fulfilled on {subject} \"{name}\": the ResourceVersion in the precondition ({resourceVersionPrecondition}) does not match the ResourceVersion in record ({current.ResourceVersion()}). The object might have been modified",
                    name, kind);
            }

            if (dryRun)
            {
                return ((JsonObject)current.DeepClone(), false);
            }

            var next = (JsonObject)current.DeepClone();
            var meta = next.Metadata();
            var finalizers = (meta["finalizers"] as JsonArray)?.Select(f => f?.ToString() ?? "").ToList() ?? [];
            switch (propagationPolicy)
            {
                case "Orphan":
                    finalizers.Remove(ForegroundFinalizer);
                    if (!finalizers.Contains(OrphanFinalizer))
                    {
                        finalizers.Add(OrphanFinalizer);
                    }

                    break;
                case "Foreground":
                    finalizers.Remove(OrphanFinalizer);
                    if (!finalizers.Contains(ForegroundFinalizer))
                    {
                        finalizers.Add(ForegroundFinalizer);
                    }

                    break;
                case "Background":
                    finalizers.Remove(OrphanFinalizer);
                    finalizers.Remove(ForegroundFinalizer);
                    break;
            }
            if (finalizers.Count == 0)
            {
                meta.Remove("finalizers");
            }
            else
            {
                meta["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)f!).ToArray());
            }

            if (!HasFinalizers(kind, next))
            {
                return (Remove(kind, current), true);
            }

            // markAsDeleting (store.go:1008-1026): keep an earlier deletionTimestamp; grace 0; generation + 1.
            var alreadyTerminating = meta["deletionTimestamp"] is not null;
            meta["deletionTimestamp"] ??= ObjectMeta.Timestamp(DateTimeOffset.UtcNow);
            meta["deletionGracePeriodSeconds"] = 0;
            if (!alreadyTerminating && meta["generation"].AsLong() is > 0 and var generation)
            {
                meta["generation"] = generation + 1;
            }

            if (kind.Kind == "Namespace")
            {
                next["status"] = new JsonObject { ["phase"] = "Terminating" };
            }

            if (JsonNode.DeepEquals(next, current))
            {
                return ((JsonObject)current.DeepClone(), false);
            }

            var rv = ++_resourceVersion;
            meta["resourceVersion"] = rv.ToString();
            _objects[kind][Key(next.Namespace(), next.Name()!)] = next;
            Record(new StoredChange(rv, kind, WatchEvent.Modified, next, current));
            return ((JsonObject)next.DeepClone(), false);
        }
    }

    /// <summary>Finalizers that hold an object: metadata.finalizers, and for a Namespace also spec.finalizers.</summary>
    private static bool HasFinalizers(ResourceKind kind, JsonObject obj) =>
        obj.Metadata()["finalizers"] is JsonArray { Count: > 0 }
        || kind.Kind == "Namespace" && obj["spec"]?["finalizers"] is JsonArray { Count: > 0 };

    /// <summary>Namespace lifecycle admission (admission/plugin/namespace/lifecycle/admission.go:168-182).</summary>
    private static ApiException NamespaceTerminating(ResourceKind kind, JsonObject obj, string ns)
    {
        var name = obj.Name() ?? "";
        return new ApiException(403, "Forbidden",
            $"{kind.GroupResource} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated", name, kind)
        {
            Causes = [new JsonObject { ["reason"] = "NamespaceTerminating", ["message"] = $"namespace {ns} is being terminated", ["field"] = "metadata.namespace" }],
        };
    }
}
