using System.Text;
using System.Text.Json;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Views;
using static KongDashboard.Core.Tests.Translation.TranslationTestKit;

namespace KongDashboard.Core.Tests.Views;

/// <summary>The Kong entity views over a real translation: sources from the k8s-* tags, the reverse index, plugin
/// attachments, and no credential value in any row.</summary>
public sealed class KongEntityViewsTests
{
    internal const string CredentialValue = "views-test-key-3f9a1c";

    /// <summary>An Ingress with a plugin, a consumer with a key-auth credential from a Secret, in a consumer group.</summary>
    internal static readonly string Cluster =
        Ingress("shop", "    konghq.com/plugins: limit", host: "shop.example.com", path: "/cart") + Service() + $$"""
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
        consumerGroups: [gold]
        ---
        apiVersion: configuration.konghq.com/v1beta1
        kind: KongConsumerGroup
        metadata:
          name: gold
          namespace: default
          annotations: {kubernetes.io/ingress.class: kong}
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

    [Fact]
    public void Each_entity_names_the_kubernetes_object_it_came_from()
    {
        var views = KongEntityViews.Build(Translate(Cluster).Config);

        var route = Assert.Single(views.Routes);
        Assert.Equal("Ingress default/shop", route.Source?.ToString());
        Assert.Equal(["shop.example.com"], route.Hosts.AsEnumerable());
        var service = Assert.Single(views.Services);
        Assert.Equal("Service default/svc", service.Source?.ToString());
        Assert.Equal([route.Name], service.Routes.AsEnumerable());
        Assert.Equal("KongConsumer default/alice", Assert.Single(views.Consumers).Source?.ToString());
        Assert.Equal(["gold"], Assert.Single(views.Consumers).Groups.AsEnumerable());
        Assert.Equal(["alice"], Assert.Single(views.ConsumerGroups).Members.AsEnumerable());
    }

    [Fact]
    public void A_plugin_lists_the_entity_and_object_it_is_attached_to()
    {
        var views = KongEntityViews.Build(Translate(Cluster).Config);

        var plugin = Assert.Single(views.Plugins);
        Assert.Equal("rate-limiting", plugin.Name);
        Assert.Equal("KongPlugin default/limit", plugin.Source?.ToString());
        var attachment = Assert.Single(plugin.AttachedTo);
        Assert.Equal(KongEntityKind.Route, attachment.Kind);
        Assert.Equal("Ingress default/shop", attachment.Source?.ToString());
        Assert.Contains("\"minute\": 5", plugin.Config);
        Assert.Equal([plugin.Name], Assert.Single(views.Routes).Plugins.AsEnumerable());
    }

    [Fact]
    public void An_object_leads_back_to_every_entity_it_produced()
    {
        var views = KongEntityViews.Build(Translate(Cluster).Config);

        var fromIngress = views.EntitiesOf(new SourceKey("Ingress", "default", "shop"));
        Assert.Equal([KongEntityKind.Route], fromIngress.Select(l => l.Kind));
        var fromService = views.EntitiesOf(new SourceKey("Service", "default", "svc"));
        Assert.Contains(fromService, l => l.Kind == KongEntityKind.Service);
        Assert.Contains(fromService, l => l.Kind == KongEntityKind.Upstream);
        Assert.Equal([KongEntityKind.Plugin], views.EntitiesOf(new SourceKey("KongPlugin", "default", "limit")).Select(l => l.Kind));
        Assert.Empty(views.EntitiesOf(new SourceKey("Ingress", "default", "absent")));
    }

    [Fact]
    public void A_credential_value_in_the_configuration_is_in_no_view()
    {
        var config = Translate(Cluster).Config;
        // Positive control: the credential did reach the configuration Kong gets.
        var credential = Assert.Single(Assert.Single(config.Consumers!).KeyauthCredentials!);
        Assert.Equal(CredentialValue, credential["key"]!.GetValue<string>());
        Assert.Contains(CredentialValue, KongConfigSerializer.ToJson(config));

        var views = KongEntityViews.Build(config);

        var row = Assert.Single(Assert.Single(views.Consumers).Credentials);
        Assert.Equal(CredentialTypes.KeyAuth, row.Type);
        Assert.Contains(row.Fields, f => f.Key == "key" && f.Value == SecretRedactor.Redacted);
        Assert.DoesNotContain(CredentialValue, JsonSerializer.Serialize(new
        {
            views.Services,
            views.Routes,
            views.Upstreams,
            views.Plugins,
            views.Consumers,
            views.ConsumerGroups,
            views.Certificates,
        }));
    }

    [Fact]
    public void Tags_without_a_kind_or_name_name_no_source_and_core_group_is_empty()
    {
        Assert.Null(EntitySource.FromTags(["k8s-namespace:default", "team:a"]));
        var unknown = EntitySource.FromTags(Core.Translation.KubernetesTags.UnknownService);
        Assert.Equal("", unknown?.Group);
        Assert.Equal("Service UNKNOWN/UNKNOWN", unknown?.ToString());
    }

    [Fact]
    public void The_filter_matches_every_word_and_the_source_object()
    {
        var views = KongEntityViews.Build(Translate(Cluster).Config);
        var route = Assert.Single(views.Routes);

        Assert.True(new EntityFilter("SHOP cart", null).Matches(route.Source, [.. route.Hosts, .. route.Paths]));
        Assert.False(new EntityFilter("shop absent", null).Matches(route.Source, [.. route.Hosts, .. route.Paths]));
        Assert.True(new EntityFilter(null, new SourceKey("Ingress", "default", "shop")).Matches(route.Source, []));
        Assert.False(new EntityFilter(null, new SourceKey("Ingress", "default", "other")).Matches(route.Source, []));
    }

    [Fact]
    public void Views_are_built_once_per_configuration()
    {
        var config = Translate(Cluster).Config;
        Assert.Same(KongEntityViews.For(config), KongEntityViews.For(config));
        Assert.NotSame(KongEntityViews.For(config), KongEntityViews.For(config with { }));
    }
}
