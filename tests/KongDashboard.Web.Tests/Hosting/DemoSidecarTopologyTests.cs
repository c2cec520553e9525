using System.Diagnostics;
using System.Text.Json.Nodes;
using Bunit;
using k8s;
using k8s.Models;
using KongDashboard.Actions;
using KongDashboard.Components.Pages;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using KongDashboard.Hosting;
using KongDashboard.Web.Tests.Browser;
using KongDashboard.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KongDashboard.Web.Tests.Hosting;

/// <summary>
/// The demo started in the DB-less sidecar topology by its one setting: each dashboard pod has its own Kong, each
/// replica configures only it, nobody is elected, and the pages say so.
/// </summary>
public sealed class DemoSidecarTopologyTests
{
    [Fact]
    public async Task The_sidecar_demo_has_every_replica_push_the_seeds_routes_to_its_own_kong_without_a_lease()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Cluster:Embedded:Topology"] = "Sidecar" });
        _ = app.RootUri; // starts the app
        var host = app.Services.GetRequiredService<ControllerHost>();
        var server = app.Services.GetRequiredService<EmbeddedClusterHosting>().Server;
        var fleet = server.KongGateways!;
        var client = await host.ClientAsync();

        // What kubectl shows: the dashboard pods carry the kong container, and no separate gateway Deployment exists.
        var pods = (await client.CoreV1.ListNamespacedPodAsync("kong", labelSelector: "app.kubernetes.io/name=kong-dashboard")).Items;
        Assert.True(pods.Count > 1, "several dashboard replicas");
        Assert.All(pods, p => Assert.Equal(["dashboard", "kong"], p.Spec.Containers.Select(c => c.Name)));
        var deployments = (await client.AppsV1.ListNamespacedDeploymentAsync("kong")).Items.Select(d => d.Name()).ToList();
        Assert.Contains("kong-dashboard", deployments); // positive control: the listing works
        Assert.DoesNotContain("kong-gateway", deployments);

        // Every replica's own Kong serves the seed's routes, pushed by that replica.
        await Until(() => host.AllInstances.Count == pods.Count && host.AllInstances.All(i => i.State.Current.Sync is
        { Enabled: true, Desired: { } desired, Gateways: [{ State: GatewaySyncState.InSync } own] } && own.AppliedSha == desired.Sha),
            "every replica in sync with its own Kong");
        Assert.Equal(pods.Select(p => $"kong/{p.Name()}").Order(), fleet.Gateways.Keys.Order()); // one Kong per dashboard pod, no other
        // From a replica's own state, which the wait above checked (the dashboard's feed forwards it a moment later).
        var wanted = RouteNames(host.AllInstances[0].State.Current.Sync.Desired!);
        Assert.NotEmpty(wanted);
        using var http = new HttpClient();
        foreach (var replica in host.AllInstances)
        {
            var pod = pods.Single(p => p.Name() == replica.InstanceId);
            var url = Assert.Single(replica.Options.Kong!.AdminUrls);
            Assert.Equal($"http://{pod.Status.PodIP}:8001", url); // localhost of the overlay, as this pod's own address
            Assert.Null(replica.Elector);
            Assert.False(replica.State.Current.Leadership.Enabled);

            var routes = JsonNode.Parse(await http.GetStringAsync(new Uri($"{url}/routes?size=1000")))!["data"]!.AsArray();
            Assert.Superset(wanted, routes.Select(r => r!["name"]!.GetValue<string>()).ToHashSet());

            var pushes = fleet.ForPod("kong", pod.Name())!.PushLog.Entries;
            Assert.NotEmpty(pushes);
            Assert.All(pushes, p => Assert.Contains($"instance={replica.InstanceId}; term=none", p.UserAgent, StringComparison.Ordinal));
        }

        // No Lease anywhere; then one written by hand is seen by the same listing (positive control).
        Assert.Empty((await client.CoordinationV1.ListLeaseForAllNamespacesAsync()).Items);
        await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "control" } }, "default");
        Assert.Single((await client.CoordinationV1.ListLeaseForAllNamespacesAsync()).Items);

        // What Gateways and Overview show of the dashboard's replica: its own Kong, sidecar, no leader.
        await Until(() => host.Feed.Current.Sync is { StaticAdminUrls: true, Gateways: [{ State: GatewaySyncState.InSync }] }, "the dashboard's feed showing its replica in sync");
        var state = host.Feed.Current;
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(state));
        ctx.Services.AddSingleton<IDashboardActions>(new RecordingDashboardActions());
        var gateways = ctx.Render<Gateways>();
        Assert.Equal("DB-less sidecar", gateways.Find("[data-testid=kong-mode]").TextContent.Trim());
        Assert.Equal("sidecar: this replica's own Kong, no leader election", gateways.Find("[data-testid=sidecar-note]").TextContent.Trim());
        Assert.Equal("Pushing", gateways.Find("[data-testid=push-role]").TextContent.Trim());
        Assert.Single(gateways.FindAll("[data-testid=gateway-name]"));
        var overview = ctx.Render<Overview>();
        Assert.Equal("leader election off", overview.Find("[data-testid=leader-value]").TextContent.Trim());
        Assert.Equal("sidecar: this replica's own Kong, no leader election",
            overview.Find("[data-testid=glance-gateways] [data-testid=sidecar-note]").TextContent.Trim());
        Assert.Empty(overview.FindAll("[data-testid=pushed-by]"));
    }

    [Fact]
    public async Task Restarting_a_sidecar_restarts_the_kong_container_and_its_own_replica_pushes_again()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Cluster:Embedded:Topology"] = "Sidecar" });
        _ = app.RootUri;
        var host = app.Services.GetRequiredService<ControllerHost>();
        var fleet = app.Services.GetRequiredService<EmbeddedClusterHosting>().Server.KongGateways!;
        var client = await host.ClientAsync();
        await Until(() => host.AllInstances.Count > 1 && host.AllInstances.All(i => i.State.Current.Sync.Gateways is [{ State: GatewaySyncState.InSync }]),
            "every replica in sync with its own Kong");
        var replica = host.AllInstances[0];
        var kong = fleet.ForPod("kong", replica.InstanceId)!;
        var pushed = kong.PushLog.Entries.Count(p => p.Status == 201);
        Assert.True(pushed > 0, "pushed before the restart");

        // What the Gateways page's restart writes (KongPodRestart): the simulated kubelet restarts that pod's kong container.
        var patch = new V1Patch(new V1Pod { Metadata = new V1ObjectMeta { Annotations = new Dictionary<string, string> { [EmbeddedCluster.Controllers.KongContainerRestart.Annotation] = "1" } } },
            V1Patch.PatchType.MergePatch);
        await client.CoreV1.PatchNamespacedPodAsync(patch, replica.InstanceId, "kong");

        V1ContainerStatus Status(V1Pod pod, string container) => pod.Status.ContainerStatuses.Single(c => c.Name == container);
        V1Pod? restarted = null;
        await Until(() => (restarted = client.CoreV1.ReadNamespacedPod(replica.InstanceId, "kong")) is { } p && Status(p, "kong").RestartCount == 1, "the kong container restarted");
        Assert.Equal(0, Status(restarted!, "dashboard").RestartCount);
        // Kong came back empty; the replica that owns it loads it again (201, a new load), stamped with its own instance.
        await Until(() => kong.PushLog.Entries.Count(p => p.Status == 201) > pushed, "its replica pushed again");
        Assert.All(kong.PushLog.Entries, p => Assert.Contains($"instance={replica.InstanceId}; term=none", p.UserAgent, StringComparison.Ordinal));
    }

    private static HashSet<string> RouteNames(ConfigPayload desired) =>
        [.. (desired.Config.Services ?? []).SelectMany(s => s.Routes ?? []).Select(r => r.Name!)];

    private static async Task Until(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
