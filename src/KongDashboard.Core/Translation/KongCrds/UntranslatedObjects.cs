using System.Collections.Immutable;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KongDashboard.Core.Translation.KongCrds;

/// <summary>
/// Safety rail: objects that are meant for this controller (they name its ingress class) but that it does not
/// translate, e.g. Enterprise-only KongLicense or Konnect kinds, are reported per object instead of silently dropped:
/// KIC would act on them, so a configuration pushed without them may differ from KIC's.
/// </summary>
public static class UntranslatedObjects
{
    public const string MessagePrefix = "not translated by this controller: ";

    // Groups whose kinds are Kong Ingress Controller inputs; the Gateway API is translated elsewhere.
    private static readonly HashSet<string> KongGroups = new(StringComparer.Ordinal)
    {
        "configuration.konghq.com", "incubator.ingress-controller.konghq.com", "konnect.konghq.com",
    };

    public static TranslationFailure Failure(ObjectRef obj) => new(MessagePrefix + obj.Kind, [obj]);

    /// <summary>True for the failures this rail reports (one object each).</summary>
    public static bool IsReport(TranslationFailure failure) =>
        failure.Message.StartsWith(MessagePrefix, StringComparison.Ordinal) && failure.CausingObjects.Length == 1;

    /// <summary>The objects of <paramref name="yaml"/> that name <paramref name="ingressClass"/> and are not translated.</summary>
    /// <remarks>Unreadable YAML yields nothing here: the manifest loader reports it.</remarks>
    public static List<TranslationFailure> Scan(string yaml, string ingressClass)
    {
        var result = new List<TranslationFailure>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return result;
        }
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root || Scalar(root, "apiVersion") is not { } apiVersion || Scalar(root, "kind") is not { } kind)
            {
                continue;
            }
            var slash = apiVersion.IndexOf('/');
            var group = slash < 0 ? "" : apiVersion[..slash];
            var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
            var known = WatchedKinds.All.Any(k => k.Group == group && k.Kind == kind);
            // Watched kinds load into the snapshot and are translated.
            if (!KongGroups.Contains(group) || known)
            {
                continue;
            }
            var metadata = Child(root, "metadata");
            var spec = Child(root, "spec");
            var annotations = metadata is null ? null : Child(metadata, "annotations");
            var names = new[]
            {
                annotations is null ? null : Scalar(annotations, Annotations.IngressClass),
                spec is null ? null : Scalar(spec, "controllerName"),
                spec is null ? null : Scalar(spec, "ingressClassName"),
            };
            if (names.Contains(ingressClass))
            {
                var obj = new ObjectRef(group, version, kind, metadata is null ? "" : Scalar(metadata, "namespace") ?? "", metadata is null ? "" : Scalar(metadata, "name") ?? "");
                result.Add(Failure(obj));
            }
        }
        return result;
    }

    private static YamlMappingNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode s ? s.Value : null;
}
