using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;

namespace KongDashboard.Core.Translation.KongCrds;

/// <summary>
/// Cross-namespace <c>konghq.com/plugins: namespace:name</c> references (kongstate/kongstate.go:
/// isRemotePluginReferenceAllowed; gatewayapi/references.go: isRefAllowedByGrant). Any explicit namespace, even the
/// referrer's own, needs a ReferenceGrant in the plugin's namespace from the referrer's group, kind and namespace to
/// KongPlugin (all, or this name).
/// </summary>
internal static class PluginGrants
{
    public const string PluginGroup = "configuration.konghq.com";

    public static bool Allowed(ClusterSnapshot snapshot, ObjectRef referrer, string pluginNamespace, string pluginName)
    {
        foreach (var grant in snapshot.Get(WatchedKinds.ReferenceGrants))
        {
            if (grant.Metadata.NamespaceProperty != pluginNamespace || grant.Spec is not { } spec)
            {
                continue;
            }
            var fromOk = spec.From.Any(f => f.Group == referrer.Group && f.Kind == referrer.Kind && f.Namespace == referrer.Namespace);
            var toOk = spec.To.Any(t => t.Group == PluginGroup && t.Kind == "KongPlugin" && (string.IsNullOrEmpty(t.Name) || t.Name == pluginName));
            if (fromOk && toOk)
            {
                return true;
            }
        }
        return false;
    }

    public static string NoGrantMessage(string ns, string name) =>
        $"no grant found to referenced \"{ns}:{name}\" plugin in the requested remote KongPlugin bind";
}
