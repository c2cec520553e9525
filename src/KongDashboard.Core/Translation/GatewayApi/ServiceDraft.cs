using k8s;
using k8s.Models;
using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>A Kong route made from a Gateway API route, before annotations and KongPlugins are applied.</summary>
internal sealed record RouteDraft(KongRoute Route, IKubernetesObject<V1ObjectMeta> Source, IReadOnlyList<string> ExtensionRefPlugins);

/// <summary>
/// A Kong service being built from Gateway API rules (KIC's kongstate.Service before populateServices):
/// its backends, parent object (for tags of multi-backend services; null for traditional GRPCRoute services),
/// routes and nested plugins.
/// </summary>
internal sealed class ServiceDraft(string name, string protocol, IKubernetesObject<V1ObjectMeta>? parent, IKubernetesObject<V1ObjectMeta> owner)
{
    public string Name { get; } = name;
    public string Protocol { get; } = protocol;
    public IKubernetesObject<V1ObjectMeta>? Parent { get; } = parent;

    /// <summary>The route object that made the service (causing object of backend failures).</summary>
    public IKubernetesObject<V1ObjectMeta> Owner { get; } = owner;
    public List<ResolvedBackend> Backends { get; init; } = [];
    public List<RouteDraft> Routes { get; } = [];
    public List<KongPluginEntity> Plugins { get; } = [];

    /// <summary>A rule's <c>timeouts.backendRequest</c> in ms, written to all three service timeouts.</summary>
    public int? Timeout { get; set; }

    /// <summary>Adds KIC's 500 request-termination when refs were given but none resolved (translate_utils.go).</summary>
    public void TerminateWhenUnresolved(int refCount, bool always)
    {
        if (Backends.Count == 0 && refCount > 0 && (always || Protocol.Contains("http", StringComparison.Ordinal) || Protocol.Contains("grpc", StringComparison.Ordinal)))
        {
            Plugins.Add(new KongPluginEntity
            {
                Name = "request-termination",
                Config = new System.Text.Json.Nodes.JsonObject { ["status_code"] = 500, ["message"] = "no existing backendRef provided" },
            });
        }
    }
}
