using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Tests.Translation;

internal static class TranslationTestKit
{
    public static ClusterSnapshot Snapshot(string yaml) => ManifestLoader.LoadText(yaml, "test").ToSnapshot(out _);

    public static TranslationResult Translate(string yaml, FeatureGates? gates = null, string ingressClass = "kong") =>
        new Translator(new TranslatorOptions { FeatureGates = gates ?? FeatureGates.Default, IngressClass = ingressClass }).Translate(Snapshot(yaml));

    /// <summary>An Ingress with one rule/path. <paramref name="annotations"/> lines are indented by 4 spaces.</summary>
    public static string Ingress(string name, string annotations = "", string host = "example.com", string path = "/foo",
        string pathType = "ImplementationSpecific", string service = "svc", string port = "number: 80", string ns = "default", string extraSpec = "") =>
        "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n" +
        $"  name: {name}\n  namespace: {ns}\n  annotations:\n    kubernetes.io/ingress.class: kong\n{Lines(annotations)}" +
        $"spec:\n{Lines(extraSpec)}  rules:\n  - host: \"{host}\"\n    http:\n      paths:\n      - path: \"{path}\"\n        pathType: {pathType}\n" +
        $"        backend:\n          service:\n            name: {service}\n            port:\n              {port}\n";

    /// <summary>A Service; <paramref name="annotations"/> lines indented by 4 spaces, ports/extraSpec lines by 2.</summary>
    public static string Service(string name = "svc", string annotations = "", string ports = "  - port: 80", string ns = "default", string extraSpec = "") =>
        "---\napiVersion: v1\nkind: Service\nmetadata:\n" +
        $"  name: {name}\n  namespace: {ns}\n  annotations:\n    x: y\n{Lines(annotations)}" +
        $"spec:\n{Lines(extraSpec)}  ports:\n{Lines(ports)}";

    private static string Lines(string text) => text.Length == 0 ? "" : text.TrimEnd('\n', ' ') + "\n";

    public static KongRoute OnlyRoute(this TranslationResult result) => Assert.Single(result.Config.AllRoutes()).Route;

    public static KongService OnlyService(this TranslationResult result) => Assert.Single(result.Config.Services!);
}
