using System.Text;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Translation;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components.Kong;

/// <summary>Controller states whose translation is the real translator's output for a small cluster.</summary>
internal static class KongEntityStates
{
    public const string CredentialValue = "page-test-key-7c2e91";

    public static readonly string Cluster = $$"""
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          namespace: default
          annotations: {kubernetes.io/ingress.class: kong, konghq.com/plugins: limit}
        spec:
          rules:
          - host: shop.example.com
            http:
              paths:
              - path: /cart
                pathType: Prefix
                backend:
                  service:
                    name: svc
                    port: {number: 80}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: svc, namespace: default}
        spec:
          ports: [{port: 80}]
        ---
        apiVersion: configuration.konghq.com/v1
        kind: KongPlugin
        metadata: {name: limit, namespace: default}
        plugin: rate-limiting
        config: {minute: 5}
        ---
        apiVersion: configuration.konghq.com/v1
        kind: KongConsumer
        metadata:
          name: alice
          namespace: default
          annotations: {kubernetes.io/ingress.class: kong}
        username: alice
        credentials: [alice-key]
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: alice-key
          namespace: default
          labels: {konghq.com/credential: key-auth}
        data:
          key: {{Convert.ToBase64String(Encoding.UTF8.GetBytes(CredentialValue))}}
        """ + "\n";

    public static ControllerState Translated(string yaml, long version = 1)
    {
        var snapshot = ManifestLoader.LoadText(yaml, "test").ToSnapshot(out _);
        var (translation, _) = new KicSnapshotTranslator(new TranslatorOptions()).Translate(snapshot, version);
        return State(Demo, version) with { Translation = translation };
    }
}
