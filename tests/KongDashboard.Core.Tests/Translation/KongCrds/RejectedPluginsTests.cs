using KongDashboard.Core.Cluster;
using KongDashboard.Core.Translation;
using KongDashboard.Core.Translation.Fallback;
using static KongDashboard.Core.Tests.Translation.TranslationTestKit;

namespace KongDashboard.Core.Tests.Translation.KongCrds;

/// <summary>Plugin-level fallback: a rejected plugin is left out with every object it is attached to.</summary>
public class RejectedPluginsTests
{
    private const string Objects = """
        ---
        apiVersion: configuration.konghq.com/v1
        kind: KongPlugin
        metadata: {name: limit, namespace: default, uid: 00000000-0000-0000-0000-0000000000a1}
        plugin: rate-limiting
        config: {minute: 5}
        ---
        apiVersion: configuration.konghq.com/v1
        kind: KongClusterPlugin
        metadata: {name: cors, uid: 00000000-0000-0000-0000-0000000000a2, annotations: {kubernetes.io/ingress.class: kong}}
        plugin: cors
        ---
        apiVersion: configuration.konghq.com/v1
        kind: KongConsumer
        metadata: {name: alice, namespace: default, annotations: {kubernetes.io/ingress.class: kong, konghq.com/plugins: limit}}
        username: alice
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: default, annotations: {konghq.com/plugins: limit}}
        spec:
          rules:
          - matches: [{path: {type: PathPrefix, value: /web}}]
            backendRefs: [{name: routed, port: 80}]
        """ + "\n";

    private static string Yaml() => Objects
        + Ingress("with-limit", annotations: "    konghq.com/plugins: limit", path: "/a", service: "plain")
        + Ingress("with-cors", annotations: "    konghq.com/plugins: cors", path: "/b", service: "plain")
        + Ingress("through-service", path: "/c", service: "limited")
        + Ingress("untouched", path: "/d", service: "plain")
        + Service("plain") + Service("limited", annotations: "    konghq.com/plugins: limit") + Service("routed");

    [Fact]
    public void A_rejected_plugin_is_left_out_with_the_ingress_service_httproute_and_consumer_it_is_attached_to()
    {
        var snapshot = Snapshot(Yaml());
        var translator = new Translator(new TranslatorOptions());
        var full = translator.Translate(snapshot).Config;
        // Positive control: the plugin and its referrers are in the full configuration.
        Assert.Contains(full.Plugins!, p => p.Name == "rate-limiting");
        Assert.Contains(full.Consumers!, c => c.Username == "alice");
        Assert.Contains(full.AllRoutes(), r => r.Route.Name!.Contains("with-limit", StringComparison.Ordinal));

        var limit = new ObjectRef("configuration.konghq.com", "v1", "KongPlugin", "default", "limit", "00000000-0000-0000-0000-0000000000a1");
        var record = Assert.Single(RejectedPlugins.Of(snapshot, [limit]));
        Assert.Equal(limit, record.Plugin);
        Assert.Equal(
            ["HTTPRoute default/web", "Ingress default/with-limit", "KongConsumer default/alice", "Service default/limited"],
            record.AttachedTo.Select(o => o.ToString()));

        var (fallback, excluded) = FallbackSnapshot.Exclude(snapshot, [limit]);
        var config = new Translator(new TranslatorOptions()).Translate(fallback).Config;
        Assert.DoesNotContain(config.Plugins ?? [], p => p.Name == "rate-limiting");
        Assert.Null(config.Consumers);
        var routes = config.AllRoutes().Select(r => r.Route.Name!).ToList();
        Assert.DoesNotContain(routes, r => r.Contains("with-limit", StringComparison.Ordinal) || r.Contains("through-service", StringComparison.Ordinal) || r.Contains("web", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.Contains("untouched", StringComparison.Ordinal));
        // The Ingress behind the plugged Service goes with it (a dependant of a dependant).
        Assert.Contains(excluded, o => o.ToString() == "Ingress default/through-service");
    }

    [Fact]
    public void A_rejected_cluster_plugin_names_its_referrers_and_only_plugins_get_a_record()
    {
        var snapshot = Snapshot(Yaml());
        var cors = new ObjectRef("configuration.konghq.com", "v1", "KongClusterPlugin", "", "cors");
        var service = new ObjectRef("", "v1", "Service", "default", "plain");
        var record = Assert.Single(RejectedPlugins.Of(snapshot, [cors, service]));
        Assert.Equal(["Ingress default/with-cors"], record.AttachedTo.Select(o => o.ToString()));
        Assert.Empty(RejectedPlugins.Of(snapshot, [service]));

        var config = new Translator(new TranslatorOptions()).Translate(FallbackSnapshot.Exclude(snapshot, [cors]).Snapshot).Config;
        Assert.DoesNotContain(config.Plugins ?? [], p => p.Name == "cors");
        Assert.Contains(config.Plugins!, p => p.Name == "rate-limiting");
    }
}

/// <summary>The safety rail: objects of this controller's class of a kind it does not translate are named on the result.</summary>
public class NotTranslatedTests
{
    private static string CustomEntity(string name, string controller) => $$"""
        ---
        apiVersion: configuration.konghq.com/v1alpha1
        kind: KongCustomEntity
        metadata: {name: {{name}}, namespace: default}
        spec:
          type: degraphql_routes
          controllerName: {{controller}}
          fields: {uri: /contacts, query: "query{ contacts { name } }"}
        """ + "\n";

    [Fact]
    public void KongCustomEntities_are_translated_not_listed_as_untranslated()
    {
        // Offline (no gateway to fetch the type's schema from) the entity fails on its schema, as KIC's message says.
        var result = Translate(CustomEntity("mine", "kong") + CustomEntity("theirs", "other"));
        Assert.Empty(result.NotTranslated);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("KongCustomEntity default/mine", Assert.Single(failure.CausingObjects).ToString());
        Assert.StartsWith("failed to fetch entity schema for entity type degraphql_routes: ", failure.Message, StringComparison.Ordinal);
    }
}
