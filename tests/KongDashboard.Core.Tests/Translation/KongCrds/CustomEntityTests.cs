using System.Text.Json.Nodes;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Translation;
using static KongDashboard.Core.Tests.Translation.TranslationTestKit;

namespace KongDashboard.Core.Tests.Translation.KongCrds;

/// <summary>KongCustomEntity translation (rules of KIC kongstate/customentity.go: FillCustomEntities).</summary>
public class CustomEntityTests
{
    // A made-up plugin entity type with one foreign field of each kind KIC fills, and a required string.
    private static readonly JsonObject AuditSchema = JsonNode.Parse("""
        {"entity_checks": [], "fields": [
          {"id": {"type": "string", "uuid": true, "auto": true}},
          {"service": {"type": "foreign", "reference": "services"}},
          {"route": {"type": "foreign", "reference": "routes"}},
          {"label": {"type": "string", "required": true}},
          {"level": {"type": "integer", "default": 1}}
        ]}
        """)!.AsObject();

    private static readonly JsonObject ConsumerNotesSchema = JsonNode.Parse("""
        {"entity_checks": [], "fields": [
          {"consumer": {"type": "foreign", "reference": "consumers", "required": true}},
          {"note": {"type": "string", "required": true}}
        ]}
        """)!.AsObject();

    private static readonly KongEntitySchemas Schemas = KongEntitySchemas.None
        .With("audit_marks", AuditSchema).With("consumer_notes", ConsumerNotesSchema)
        .WithError("unknown_things", "HTTP status 404 (message: \"No entity named 'unknown_things'\")");

    private static TranslationResult Run(string yaml, KongEntitySchemas? schemas = null, FeatureGates? gates = null) =>
        new Translator(new TranslatorOptions { FeatureGates = gates ?? FeatureGates.Default })
            .Translate(Snapshot(yaml) with { EntitySchemas = schemas ?? Schemas });

    private static string Entity(string name, string type, string fields, string parentRef = "", string ns = "default") => $"""
        ---
        apiVersion: configuration.konghq.com/v1alpha1
        kind: KongCustomEntity
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          controllerName: kong
          type: {type}
          fields: {fields}
        {parentRef}
        """ + "\n";

    private static string Plugin(string name, string ns = "default") => $"""
        ---
        apiVersion: configuration.konghq.com/v1
        kind: KongPlugin
        metadata:
          name: {name}
          namespace: {ns}
        plugin: key-auth
        """ + "\n";

    private static string ParentRef(string plugin, string kind = "KongPlugin", string ns = "") =>
        "  parentRef:\n    group: configuration.konghq.com\n    kind: " + kind + "\n    name: " + plugin + (ns == "" ? "" : "\n    namespace: " + ns);

    private static string Consumer(string name, string plugins) => $"""
        ---
        apiVersion: configuration.konghq.com/v1
        kind: KongConsumer
        metadata:
          name: {name}
          namespace: default
          annotations:
            kubernetes.io/ingress.class: kong
            konghq.com/plugins: {plugins}
        username: {name}
        """ + "\n";

    private static string OneMessage(TranslationResult result)
    {
        var failure = Assert.Single(result.Failures);
        Assert.Equal("KongCustomEntity", Assert.Single(failure.CausingObjects).Kind);
        return failure.Message;
    }

    [Fact]
    public void An_unattached_entity_is_emitted_as_written_under_its_type_without_tags_or_id()
    {
        var result = Run(Entity("mark", "audit_marks", "{label: hello}"));
        Assert.Empty(result.Failures);
        var section = Assert.Single(result.Config.CustomEntities!);
        Assert.Equal("audit_marks", section.Type);
        Assert.Equal("""{"label":"hello"}""", Assert.Single(section.Entities).ToJsonString());
        Assert.Contains(""","audit_marks":[{"label":"hello"}]}""", KongConfigSerializer.ToJson(result.Config), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("services")]
    [InlineData("routes")]
    [InlineData("upstreams")]
    [InlineData("targets")]
    [InlineData("consumers")]
    [InlineData("consumer_groups")]
    [InlineData("plugins")]
    public void Types_kic_builds_itself_are_refused(string type)
    {
        var result = Run(Entity("e", type, "{name: x}"));
        Assert.Equal($"cannot use known entity type {type} in custom entity", OneMessage(result));
        Assert.Null(result.Config.CustomEntities);
    }

    [Fact]
    public void Without_the_types_schema_the_fetch_failure_is_reported()
    {
        Assert.Equal(
            "failed to fetch entity schema for entity type audit_marks: " + KongEntitySchemas.NotFetched,
            OneMessage(Run(Entity("e", "audit_marks", "{label: x}"), KongEntitySchemas.None)));
        Assert.Equal(
            "failed to fetch entity schema for entity type unknown_things: HTTP status 404 (message: \"No entity named 'unknown_things'\")",
            OneMessage(Run(Entity("e", "unknown_things", "{a: b}"))));
    }

    [Fact]
    public void Fields_are_validated_against_the_schema_with_kongs_messages()
    {
        Assert.Equal(
            "entity default/e failed validation: schema violation (label: required field missing)",
            OneMessage(Run(Entity("e", "audit_marks", "{level: 2}"))));
        Assert.Equal(
            "entity default/e failed validation: 2 schema violations (colour: unknown field; level: expected an integer)",
            OneMessage(Run(Entity("e", "audit_marks", "{label: x, level: high, colour: red}"))));
        // The foreign consumer field is required and KIC validates the fields as written, before filling it.
        Assert.Equal(
            "entity default/note failed validation: schema violation (consumer: required field missing)",
            OneMessage(Run(Consumer("alice", "keys") + Plugin("keys") + Entity("note", "consumer_notes", "{note: vip}", ParentRef("keys")))));
    }

    [Fact]
    public void An_entity_under_a_plugin_is_generated_once_per_attachment_with_foreign_ids()
    {
        var yaml = Ingress("web", "    konghq.com/plugins: marker", path: "/a") + Service() + Plugin("marker")
            + Consumer("alice", "keys") + Consumer("bob", "keys") + Plugin("keys")
            + Entity("mark", "audit_marks", "{label: x}", ParentRef("marker"))
            + Entity("note", "consumer_notes", "{note: vip, consumer: {id: placeholder}}", ParentRef("keys"));
        var result = Run(yaml);
        Assert.Empty(result.Failures);
        var service = result.OnlyService();
        var route = result.OnlyRoute();

        var marks = result.Config.CustomEntities!.Single(s => s.Type == "audit_marks").Entities;
        // The plugin is on the Ingress's route. Like KIC's combinations (rels.GetCombinations), one entity for the
        // route's service and one for the route, each with the other kind's field set to an empty ID; sorted by the
        // service ID first, so the route's entity (empty service ID) comes first.
        Assert.Equal(2, marks.Count);
        Assert.Equal(("", route.Id), (marks[0]["service"]!["id"]!.GetValue<string>(), marks[0]["route"]!["id"]!.GetValue<string>()));
        Assert.Equal((service.Id, ""), (marks[1]["service"]!["id"]!.GetValue<string>(), marks[1]["route"]!["id"]!.GetValue<string>()));
        Assert.All(marks, m => Assert.Equal("x", m["label"]!.GetValue<string>()));

        var notes = result.Config.CustomEntities!.Single(s => s.Type == "consumer_notes").Entities;
        Assert.Equal(
            result.Config.Consumers!.Select(c => c.Id).Order(StringComparer.Ordinal),
            notes.Select(n => n["consumer"]!["id"]!.GetValue<string>()));
        Assert.All(notes, n => Assert.Equal("vip", n["note"]!.GetValue<string>()));
    }

    [Fact]
    public void A_parent_plugin_that_does_not_exist_or_is_not_granted_is_reported()
    {
        Assert.Equal(
            "failed to find attached foreign entities for custom entity: KongPlugin default/nope not found",
            OneMessage(Run(Entity("e", "audit_marks", "{label: x}", ParentRef("nope")))));
        Assert.Equal(
            "failed to find attached foreign entities for custom entity: KongClusterPlugin nope not found",
            OneMessage(Run(Entity("e", "audit_marks", "{label: x}", ParentRef("nope", "KongClusterPlugin")))));

        var remote = Plugin("shared", "platform") + Entity("e", "audit_marks", "{label: x}", ParentRef("shared", ns: "platform"));
        Assert.Equal(
            "failed to find attached foreign entities for custom entity: no grant found to referenced \"platform:shared\" plugin in the requested remote KongPlugin bind",
            OneMessage(Run(remote)));
        const string grant = """
            ---
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata:
              name: entities
              namespace: platform
            spec:
              from:
              - group: configuration.konghq.com
                kind: KongCustomEntity
                namespace: default
              to:
              - group: configuration.konghq.com
                kind: KongPlugin
            """;
        var granted = Run(remote + grant + "\n");
        Assert.Empty(granted.Failures);
        Assert.Single(Assert.Single(granted.Config.CustomEntities!).Entities);
    }

    [Fact]
    public void Entities_of_another_class_or_with_the_gate_off_are_left_alone()
    {
        var other = Entity("e", "audit_marks", "{label: x}").Replace("controllerName: kong", "controllerName: other", StringComparison.Ordinal);
        var otherResult = Run(other);
        Assert.Empty(otherResult.Failures);
        Assert.Null(otherResult.Config.CustomEntities);

        var gated = Run(Entity("e", "audit_marks", "{label: x}"), gates: FeatureGates.Default with { KongCustomEntity = false });
        Assert.Empty(gated.Failures);
        Assert.Null(gated.Config.CustomEntities);
        Assert.NotNull(Run(Entity("e", "audit_marks", "{label: x}")).Config.CustomEntities); // positive control
    }

    [Fact]
    public void Incremental_serializer_writes_the_custom_sections_like_the_plain_one()
    {
        var config = Run(Entity("a", "audit_marks", "{label: x}") + Entity("b", "consumer_notes", "{note: hi, consumer: {id: c}}")).Config;
        Assert.Equal(2, config.CustomEntities!.Count);
        var plain = KongConfigSerializer.ToJsonUtf8(config);
        Assert.Equal(plain, new IncrementalConfigSerializer().ToJsonUtf8(config));
        Assert.EndsWith(""","audit_marks":[{"label":"x"}],"consumer_notes":[{"note":"hi","consumer":{"id":"c"}}]}""", System.Text.Encoding.UTF8.GetString(plain), StringComparison.Ordinal);
    }
}
