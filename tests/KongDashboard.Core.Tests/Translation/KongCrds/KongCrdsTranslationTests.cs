using KongDashboard.Core.Kong;
using KongDashboard.Core.Translation;
using KongDashboard.Core.Translation.Fallback;
using static KongDashboard.Core.Tests.Translation.TranslationTestKit;

namespace KongDashboard.Core.Tests.Translation.KongCrds;

/// <summary>KongConsumerGroup, KongVault, KongIngress and cross-namespace plugin references (KIC kongstate/kongstate.go).</summary>
public class KongCrdsTranslationTests
{
    private static string Consumer(string groups) => $$"""
        ---
        apiVersion: configuration.konghq.com/v1
        kind: KongConsumer
        metadata:
          name: alice
          namespace: default
          annotations:
            kubernetes.io/ingress.class: kong
        username: alice
        consumerGroups: [{{groups}}]
        """ + "\n";

    private static string Group(string name, string annotations = "") => $"""
        ---
        apiVersion: configuration.konghq.com/v1beta1
        kind: KongConsumerGroup
        metadata:
          name: {name}
          namespace: default
          annotations:
            kubernetes.io/ingress.class: kong
        {annotations}
        spec:
          name: ignored-spec-name
        """ + "\n";

    private static string Vault(string name, string prefix, string config = "{\"prefix\": \"MY_\"}", string created = "2024-01-01T00:00:00Z") => $"""
        ---
        apiVersion: configuration.konghq.com/v1alpha1
        kind: KongVault
        metadata:
          name: {name}
          creationTimestamp: "{created}"
          annotations:
            kubernetes.io/ingress.class: kong
        spec:
          backend: env
          prefix: {prefix}
          description: from env
          config: {config}
        """ + "\n";

    [Fact]
    public void Consumer_groups_are_named_by_metadata_name_and_members_become_relations()
    {
        var result = Translate(Consumer("gold, silver") + Group("gold") + Group("silver"));
        Assert.Equal(["silver", "gold"], result.Config.ConsumerGroups!.Select(g => g.Name));
        Assert.Equal(KongIds.ConsumerGroup("gold"), result.Config.ConsumerGroups![1].Id);
        Assert.Contains("k8s-kind:KongConsumerGroup", result.Config.ConsumerGroups![1].Tags!);
        var consumerId = KongIds.Consumer("alice");
        Assert.Equal(
            [new KongConsumerGroupConsumer(consumerId, "gold"), new KongConsumerGroupConsumer(consumerId, "silver")],
            result.Config.ConsumerGroupConsumers);
        Assert.Empty(result.Failures);
        Assert.Contains("\"consumer_group_consumers\":[{\"consumer\":\"" + consumerId + "\",\"consumer_group\":\"gold\"}", KongConfigSerializer.ToJson(result.Config));
    }

    [Fact]
    public void Missing_consumer_group_is_reported_and_the_consumer_kept()
    {
        var result = Translate(Consumer("gold, bronze") + Group("gold"));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("nonexistent consumer group: \"KongConsumerGroup default/bronze not found\"", failure.Message);
        Assert.Equal("KongConsumer", Assert.Single(failure.CausingObjects).Kind);
        Assert.Single(result.Config.Consumers!);
        Assert.Single(result.Config.ConsumerGroupConsumers!);
    }

    [Fact]
    public void Plugins_on_a_consumer_group_attach_by_group_name()
    {
        var yaml = Group("gold", "    konghq.com/plugins: limit") + """

            ---
            apiVersion: configuration.konghq.com/v1
            kind: KongPlugin
            metadata: {name: limit, namespace: default}
            plugin: rate-limiting
            """;
        var plugin = Assert.Single(Translate(yaml).Config.Plugins!);
        Assert.Equal("gold", plugin.ConsumerGroup);
        Assert.Equal(KongIds.Plugin("rate-limiting", null, null, null, "gold"), plugin.Id);
    }

    [Fact]
    public void Vaults_are_translated_descending_by_prefix_with_prefix_ids()
    {
        var result = Translate(Vault("a", "env") + Vault("b", "zeta"));
        Assert.Equal(["zeta", "env"], result.Config.Vaults!.Select(v => v.Prefix));
        var env = result.Config.Vaults![1];
        Assert.Equal("b8080057-200b-58c6-93b1-cd71aa3ecf07", env.Id); // KIC's id for prefix "env"
        Assert.Equal("env", env.Name);
        Assert.Equal("from env", env.Description);
        Assert.Equal("MY_", env.Config!["prefix"]!.GetValue<string>());
        Assert.DoesNotContain(env.Tags!, t => t.StartsWith("k8s-namespace:", StringComparison.Ordinal));
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void Duplicate_vault_prefix_keeps_the_oldest()
    {
        var result = Translate(Vault("newer", "env", created: "2024-02-01T00:00:00Z") + Vault("older", "env"));
        Assert.Contains("k8s-name:older", Assert.Single(result.Config.Vaults!).Tags!);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("spec.prefix \"env\" is duplicate", failure.Message);
        Assert.Equal("newer", Assert.Single(failure.CausingObjects).Name);
    }

    [Fact]
    public void Vault_config_that_is_not_an_object_is_reported()
    {
        var result = Translate(Vault("bad", "env", config: "[1, 2]"));
        Assert.Null(result.Config.Vaults);
        Assert.Equal("failed to parse configuration of vault \"bad\" to JSON: json: cannot unmarshal array into Go value of type kong.Configuration",
            Assert.Single(result.Failures).Message);
    }

    private const string KongIngress = """
        ---
        apiVersion: configuration.konghq.com/v1
        kind: KongIngress
        metadata: {name: tuned, namespace: default}
        upstream:
          algorithm: least-connections
          slots: 100
          host_header: from-kongingress
          hash_on: ip
        """ + "\n";

    [Fact]
    public void KongIngress_upstream_section_applies_through_the_override_annotation()
    {
        var result = Translate(Ingress("web") + Service(annotations: "    konghq.com/override: tuned") + KongIngress);
        var upstream = Assert.Single(result.Config.Upstreams!);
        Assert.Equal("least-connections", upstream.Algorithm);
        Assert.Equal(100, upstream.Slots);
        Assert.Equal("from-kongingress", upstream.HostHeader);
        Assert.Equal("ip", upstream.HashOn);
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void Host_header_annotation_and_upstream_policy_win_over_KongIngress()
    {
        var yaml = Ingress("web") + Service(annotations: "    konghq.com/override: tuned\n    konghq.com/host-header: from-annotation\n    konghq.com/upstream-policy: p")
            + KongIngress + """

            ---
            apiVersion: configuration.konghq.com/v1beta1
            kind: KongUpstreamPolicy
            metadata: {name: p, namespace: default}
            spec:
              algorithm: round-robin
            """;
        var upstream = Assert.Single(Translate(yaml).Config.Upstreams!);
        Assert.Equal("from-annotation", upstream.HostHeader);
        Assert.Equal("round-robin", upstream.Algorithm);
        Assert.Equal(100, upstream.Slots);
    }

    [Fact]
    public void Missing_KongIngress_is_reported_on_the_service_and_the_upstream_kept()
    {
        var result = Translate(Ingress("web") + Service(annotations: "    konghq.com/override: tuned"));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("failed to get KongIngress: KongIngress tuned not found", failure.Message);
        Assert.Equal("Service", Assert.Single(failure.CausingObjects).Kind);
        Assert.Equal("round-robin", Assert.Single(result.Config.Upstreams!).Algorithm);
    }

    private const string RemotePlugin = """
        ---
        apiVersion: configuration.konghq.com/v1
        kind: KongPlugin
        metadata: {name: shared, namespace: plugins}
        plugin: cors
        """ + "\n";

    private const string Grant = """
        ---
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata: {name: allow, namespace: plugins}
        spec:
          from:
          - {group: networking.k8s.io, kind: Ingress, namespace: default}
          to:
          - {group: configuration.konghq.com, kind: KongPlugin}
        """ + "\n";

    [Fact]
    public void Cross_namespace_plugin_needs_a_reference_grant()
    {
        var ingress = Ingress("web", annotations: "    konghq.com/plugins: plugins:shared");
        var denied = Translate(ingress + Service() + RemotePlugin);
        Assert.Null(denied.Config.Plugins);
        var failure = Assert.Single(denied.Failures);
        Assert.Equal("no grant found to referenced \"plugins:shared\" plugin in the requested remote KongPlugin bind", failure.Message);
        Assert.Equal("Ingress", Assert.Single(failure.CausingObjects).Kind);

        var allowed = Translate(ingress + Service() + RemotePlugin + Grant);
        Assert.Empty(allowed.Failures);
        var plugin = Assert.Single(allowed.Config.Plugins!);
        Assert.Equal("cors", plugin.Name);
        Assert.NotNull(plugin.Route);
    }

    [Fact]
    public void A_grant_for_another_kind_or_name_does_not_allow_the_reference()
    {
        var ingress = Ingress("web", annotations: "    konghq.com/plugins: plugins:shared");
        var wrongName = Translate(ingress + Service() + RemotePlugin + Grant.Replace("kind: KongPlugin}", "kind: KongPlugin, name: other}"));
        Assert.Null(wrongName.Config.Plugins);
        var wrongKind = Translate(ingress + Service() + RemotePlugin + Grant.Replace("kind: Ingress", "kind: Service"));
        Assert.Null(wrongKind.Config.Plugins);
    }

    [Fact]
    public void Own_namespace_written_explicitly_still_needs_a_grant()
    {
        var yaml = Ingress("web", annotations: "    konghq.com/plugins: default:local") + Service() + """

            ---
            apiVersion: configuration.konghq.com/v1
            kind: KongPlugin
            metadata: {name: local, namespace: default}
            plugin: cors
            """;
        Assert.Equal("no grant found to referenced \"default:local\" plugin in the requested remote KongPlugin bind",
            Assert.Single(Translate(yaml).Failures).Message);
    }

    [Fact]
    public void Fallback_excludes_a_broken_plugin_with_its_tcpingress_and_consumer_group_but_not_remote_referrers()
    {
        var yaml = """
            ---
            apiVersion: configuration.konghq.com/v1
            kind: KongPlugin
            metadata: {name: p, namespace: default}
            plugin: cors
            ---
            apiVersion: configuration.konghq.com/v1beta1
            kind: TCPIngress
            metadata:
              name: tcp
              namespace: default
              annotations: {kubernetes.io/ingress.class: kong, konghq.com/plugins: p}
            spec:
              rules:
              - port: 9000
                backend: {serviceName: svc, servicePort: 80}
            ---
            apiVersion: configuration.konghq.com/v1beta1
            kind: KongConsumerGroup
            metadata:
              name: g
              namespace: default
              annotations: {kubernetes.io/ingress.class: kong, konghq.com/plugins: p}
            ---
            apiVersion: configuration.konghq.com/v1beta1
            kind: KongConsumerGroup
            metadata:
              name: remote
              namespace: other
              annotations: {kubernetes.io/ingress.class: kong, konghq.com/plugins: "default:p"}
            """;
        var snapshot = Snapshot(yaml);
        var plugin = FallbackSnapshot.AllObjects(snapshot).Single(o => o.Metadata.Name == "p");
        var (_, excluded) = FallbackSnapshot.Exclude(snapshot, [ObjectRefs.Of(plugin)]);
        Assert.Equal(["KongConsumerGroup default/g", "KongPlugin default/p", "TCPIngress default/tcp"],
            excluded.Select(e => $"{e.Kind} {e.Namespace}/{e.Name}").Order(StringComparer.Ordinal));
    }
}
