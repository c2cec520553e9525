using System.Net;
using k8s;
using k8s.Models;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;
using static KongDashboard.EmbeddedCluster.Tests.TestSupport.Failures;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>limit/continue as etcd-backed kube-apiserver serves them, and ListOptions checks (real-systems.md B7, B8).</summary>
public sealed class PagingAndListOptionsTests
{
    [Fact]
    public async Task Pages_share_one_snapshot_and_count_what_remains()
    {
        var (server, client) = await PrivateServer.StartAsync();
        await using var _ = server;
        using var __ = client;
        server.Store.Create("Namespace", null, new() { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "p" } });
        for (var i = 0; i < 5; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"cm-{i}" } }, "p");
        }

        var first = await client.CoreV1.ListNamespacedConfigMapAsync("p", limit: 2);
        Assert.Equal(["cm-0", "cm-1"], first.Items.Select(i => i.Metadata.Name));
        Assert.Equal(3, first.Metadata.RemainingItemCount);
        Assert.False(string.IsNullOrEmpty(first.Metadata.ContinueProperty));

        // Changes after the first page do not show: the rest is read at the first page's revision.
        await client.CoreV1.DeleteNamespacedConfigMapAsync("cm-3", "p");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm-9" } }, "p");
        var second = await client.CoreV1.ListNamespacedConfigMapAsync("p", limit: 2, continueParameter: first.Metadata.ContinueProperty);
        Assert.Equal(["cm-2", "cm-3"], second.Items.Select(i => i.Metadata.Name));
        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        Assert.Equal(1, second.Metadata.RemainingItemCount);
        var third = await client.CoreV1.ListNamespacedConfigMapAsync("p", limit: 2, continueParameter: second.Metadata.ContinueProperty);
        Assert.Equal(["cm-4"], third.Items.Select(i => i.Metadata.Name));
        Assert.Null(third.Metadata.ContinueProperty);

        // A fresh list sees the present; resourceVersion=0 ignores limit (served from the watch cache).
        Assert.Equal(["cm-0", "cm-1", "cm-2", "cm-4", "cm-9"], (await client.CoreV1.ListNamespacedConfigMapAsync("p")).Items.Select(i => i.Metadata.Name));
        Assert.Equal(5, (await client.CoreV1.ListNamespacedConfigMapAsync("p", limit: 2, resourceVersion: "0")).Items.Count);
        // With a selector there is no remainingItemCount.
        Assert.Null((await client.CoreV1.ListNamespacedConfigMapAsync("p", limit: 1, fieldSelector: "metadata.name!=cm-0")).Metadata.RemainingItemCount);
    }

    [Fact]
    public async Task A_compacted_continue_token_is_410_Expired_with_a_fresh_token()
    {
        var (server, client) = await PrivateServer.StartAsync();
        await using var _ = server;
        using var __ = client;
        server.Store.Create("Namespace", null, new() { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "p" } });
        for (var i = 0; i < 3; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"cm-{i}" } }, "p");
        }

        var first = await client.CoreV1.ListNamespacedConfigMapAsync("p", limit: 1);
        // Positive control: the token works before compaction.
        Assert.Equal("cm-1", (await client.CoreV1.ListNamespacedConfigMapAsync("p", limit: 1, continueParameter: first.Metadata.ContinueProperty)).Items.Single().Metadata.Name);

        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm-new" } }, "p");
        server.Compact();
        var status = await FailsWith(HttpStatusCode.Gone,
            () => client.CoreV1.ListNamespacedConfigMapAsync("p", limit: 1, continueParameter: first.Metadata.ContinueProperty));
        Assert.Equal("Expired", status.Reason);
        Assert.StartsWith("The provided continue parameter is too old to display a consistent list result.", status.Message);
        Assert.False(string.IsNullOrEmpty(status.Metadata.ContinueProperty));
        Assert.Null(status.Metadata.ResourceVersion);
        // The fresh token continues from the same key at the latest revision.
        var rest = await client.CoreV1.ListNamespacedConfigMapAsync("p", continueParameter: status.Metadata.ContinueProperty);
        Assert.Equal(["cm-1", "cm-2", "cm-new"], rest.Items.Select(i => i.Metadata.Name));
    }

    [Fact]
    public async Task Bad_tokens_and_option_combinations_are_refused_as_the_real_server_does()
    {
        var (server, client) = await PrivateServer.StartAsync();
        await using var _ = server;
        using var __ = client;
        var bad = await FailsWith(HttpStatusCode.BadRequest, () => client.CoreV1.ListNamespacedConfigMapAsync("default", continueParameter: "not-a-token"));
        Assert.Equal("invalid continue token: continue key is not valid: server does not recognize this encoded version", bad.Message);

        var rvm = await FailsWith(HttpStatusCode.UnprocessableEntity, () => client.CoreV1.ListNamespacedConfigMapAsync("default", resourceVersionMatch: "NotOlderThan"));
        Assert.Equal("ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided", rvm.Message);

        // Watch: sendInitialEvents needs resourceVersionMatch=NotOlderThan (validation.go:53-76).
        using var http = RawHttp.For(server);
        var refused = await http.GetAsync("/api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=true");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("ListOptions.meta.k8s.io \\\"\\\" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan",
            await refused.Content.ReadAsStringAsync());
        // Positive control: with NotOlderThan the same watch opens.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=1");
        using var accepted = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }
}
