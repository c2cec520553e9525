using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Patching;
using KongDashboard.EmbeddedCluster.Store;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>Patch algorithms in isolation (the HTTP path is covered by the contract tests).</summary>
public sealed class PatchTests
{
    private static string Smp(string original, string patch) =>
        StrategicMergePatch.Apply(Json.Parse(original), Json.Parse(patch)).ToJsonString();

    [Fact]
    public void Lists_without_a_merge_key_are_replaced_and_null_deletes()
    {
        Assert.Equal("""{"args":["b"],"keep":1}""", Smp("""{"args":["a"],"keep":1,"drop":2}""", """{"args":["b"],"drop":null}"""));
    }

    [Fact]
    public void Ports_merge_by_containerPort_and_conditions_by_type()
    {
        Assert.Equal("""{"ports":[{"containerPort":80,"name":"web"},{"containerPort":81}]}""",
            Smp("""{"ports":[{"containerPort":80}]}""", """{"ports":[{"containerPort":80,"name":"web"},{"containerPort":81}]}"""));
        Assert.Equal("""{"conditions":[{"type":"Ready","status":"False"},{"type":"X","status":"True"}]}""",
            Smp("""{"conditions":[{"type":"Ready","status":"True"},{"type":"X","status":"True"}]}""", """{"conditions":[{"type":"Ready","status":"False"}]}"""));
    }

    [Fact]
    public void Patch_replace_directive_replaces_a_map_or_a_list()
    {
        Assert.Equal("""{"spec":{"b":2}}""", Smp("""{"spec":{"a":1}}""", """{"spec":{"$patch":"replace","b":2}}"""));
        Assert.Equal("""{"containers":[{"name":"only"}]}""",
            Smp("""{"containers":[{"name":"a"},{"name":"b"}]}""", """{"containers":[{"name":"only"},{"$patch":"replace"}]}"""));
        Assert.Equal("""{}""", Smp("""{"spec":{"a":1}}""", """{"spec":{"$patch":"delete"}}"""));
    }

    [Fact]
    public void SetElementOrder_reorders_merged_lists()
    {
        Assert.Equal("""{"env":[{"name":"B","value":"2"},{"name":"A","value":"1"}]}""",
            Smp("""{"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}""", """{"$setElementOrder/env":[{"name":"B"},{"name":"A"}]}"""));
    }

    [Fact]
    public void RetainKeys_and_deleteFromPrimitiveList()
    {
        Assert.Equal("""{"strategy":{"type":"Recreate"}}""",
            Smp("""{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}""", """{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}"""));
        Assert.Equal("""{"metadata":{"finalizers":["a","c"]}}""",
            Smp("""{"metadata":{"finalizers":["a","b"]}}""", """{"metadata":{"finalizers":["c"],"$deleteFromPrimitiveList/finalizers":["b"]}}"""));
    }

    [Fact]
    public void Merge_patch_follows_rfc7386()
    {
        var result = JsonMergePatch.Apply(Json.Parse("""{"a":"b","c":{"d":"e","f":"g"}}"""), Json.Parse("""{"a":"z","c":{"f":null}}"""));
        Assert.Equal("""{"a":"z","c":{"d":"e"}}""", result!.ToJsonString());
    }

    [Fact]
    public void Json_patch_follows_rfc6902()
    {
        var ops = (JsonArray)JsonNode.Parse("""
            [{"op":"add","path":"/a/-","value":3},{"op":"replace","path":"/b~1c","value":"x"},
             {"op":"move","from":"/m","path":"/n"},{"op":"copy","from":"/n","path":"/o"},{"op":"test","path":"/o","value":1},{"op":"remove","path":"/a/0"}]
            """)!;
        var result = JsonPatch.Apply(Json.Parse("""{"a":[1,2],"b/c":"y","m":1}"""), ops);
        Assert.Equal("""{"a":[2,3],"b/c":"x","n":1,"o":1}""", result.ToJsonString());
        Assert.Throws<ApiException>(() => JsonPatch.Apply(Json.Parse("""{"a":1}"""), (JsonArray)JsonNode.Parse("""[{"op":"test","path":"/a","value":2}]""")!));
    }

    [Fact]
    public void Strategic_merge_patch_on_a_custom_resource_is_415()
    {
        var store = new ResourceStore();
        store.Create("Namespace", null, Json.Parse("""{"metadata":{"name":"ns"}}"""));
        store.Create("KongPlugin", "ns", Json.Parse("""{"metadata":{"name":"p"},"plugin":"cors"}"""));
        var e = Assert.Throws<ApiException>(() => store.Patch("KongPlugin", "ns", "p", PatchType.StrategicMerge, Json.Parse("{}")));
        Assert.Equal(415, e.Code);
    }
}
