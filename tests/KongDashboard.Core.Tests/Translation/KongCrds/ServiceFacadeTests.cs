using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Translation;
using static KongDashboard.Core.Tests.Translation.TranslationTestKit;

namespace KongDashboard.Core.Tests.Translation.KongCrds;

/// <summary>KongServiceFacade Ingress backends behind the KongServiceFacade feature gate.</summary>
public class ServiceFacadeTests
{
    private static readonly FeatureGates On = FeatureGates.Default with { KongServiceFacade = true };

    private const string IngressToFacade = """
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: default}
        spec:
          ingressClassName: kong
          rules:
          - http:
              paths:
              - path: /a
                pathType: Exact
                backend:
                  resource: {apiGroup: incubator.ingress-controller.konghq.com, kind: KongServiceFacade, name: front}
        """ + "\n";

    private static string Facade(string annotations = "") => $"""
        ---
        apiVersion: incubator.ingress-controller.konghq.com/v1alpha1
        kind: KongServiceFacade
        metadata:
          name: front
          namespace: default
          annotations:
            kubernetes.io/ingress.class: kong
        {annotations}
        spec:
          backendRef: {"{"}name: svc, port: 80{"}"}
        """ + "\n";

    [Fact]
    public void Facade_gets_its_own_service_with_its_tags_and_annotations()
    {
        var result = Translate(IngressToFacade + Facade("    konghq.com/retries: \"9\"") + Service(annotations: "    konghq.com/retries: \"2\"\n    konghq.com/read-timeout: \"7\""), On);
        var service = result.OnlyService();
        Assert.Equal("default.front.svc.facade", service.Name);
        Assert.Equal("default.front.svc.facade", service.Host);
        Assert.Equal(9, service.Retries);      // the facade's annotation wins
        Assert.Equal(7, service.ReadTimeout);  // the Service's still applies
        Assert.Contains("k8s-kind:KongServiceFacade", service.Tags!);
        Assert.Equal("default.web..front.svc.facade", result.OnlyRoute().Name);
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void Gate_off_fails_the_path_with_KICs_message()
    {
        var result = Translate(IngressToFacade + Facade() + Service());
        Assert.Null(result.Config.Services);
        Assert.Equal("failed to get backend for ingress path \"/a\": KongServiceFacade is not enabled, please set the \"KongServiceFacade\" feature gate to 'true' to enable it",
            Assert.Single(result.Failures).Message);
    }

    [Fact]
    public void Missing_facade_is_reported_on_the_ingress()
    {
        var result = Translate(IngressToFacade + Service(), On);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("failed to get backend for ingress path \"/a\": failed to get KongServiceFacade \"front\": KongServiceFacade default/front not found", failure.Message);
        Assert.Equal("Ingress", Assert.Single(failure.CausingObjects).Kind);
    }

    [Fact]
    public void Missing_backing_service_is_reported_on_the_facade()
    {
        var result = Translate(IngressToFacade + Facade(), On);
        var failure = result.Failures.First();
        Assert.Equal("failed to resolve Kubernetes Service for backend: failed to fetch Service default/svc: Service default/svc not found", failure.Message);
        Assert.Equal("KongServiceFacade", Assert.Single(failure.CausingObjects).Kind);
    }

    [Fact]
    public void Incremental_translation_follows_a_facade_change()
    {
        var translator = new Translator(new TranslatorOptions { FeatureGates = On });
        var snapshot = Snapshot(IngressToFacade + Facade() + Service());
        Assert.Equal(5, Assert.Single(translator.Translate(snapshot).Config.Services!).Retries);
        var facade = snapshot.Get(WatchedKinds.KongServiceFacades).Single();
        var changed = new KongServiceFacade
        {
            Metadata = new k8s.Models.V1ObjectMeta
            {
                Name = facade.Metadata.Name,
                NamespaceProperty = facade.Metadata.NamespaceProperty,
                Annotations = new Dictionary<string, string> { ["konghq.com/retries"] = "3" },
            },
            Spec = facade.Spec,
        };
        var next = snapshot.With(WatchedKinds.KongServiceFacades, snapshot.Get(WatchedKinds.KongServiceFacades).Set(changed));
        var incremental = translator.Translate(next);
        Assert.Equal(3, Assert.Single(incremental.Config.Services!).Retries);
        Assert.Equal(KongConfigSerializer.ToJson(new Translator(new TranslatorOptions { FeatureGates = On }).Translate(next).Config),
            KongConfigSerializer.ToJson(incremental.Config));
    }
}
