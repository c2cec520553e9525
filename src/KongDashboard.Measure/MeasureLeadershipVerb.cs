using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using k8s;
using k8s.Models;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Leadership;
using KongDashboard.EmbeddedCluster;
using KongDashboard.EmbeddedCluster.KongGateway;
using KongDashboard.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace KongDashboard.Cli;

/// <summary>
/// `measure-leadership [--runs N] [--handoff-only | --failover-only]`: in the embedded cluster with the default timings
/// (15/10/2 s) and three replicas, measures hand-off (request → the target's first push accepted by a gateway) and
/// crash failover (crash → the new leader's first accepted push), as the gateways record them.
/// </summary>
public static class MeasureLeadershipVerb
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(20);
        var handOffs = !args.Contains("--failover-only");
        var failovers = !args.Contains("--handoff-only");
        var settings = new ElectionSettings();
        await using var server = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions());
        var kong = new KongSettings { AdminService = EmbeddedClusterSettings.KongAdminService }.ToOptions();
        var connection = new ClusterConnection(ClusterMode.Embedded, server.BaseAddress.ToString(), null, ControllerRole.Active);
        await using var replicas = new EmbeddedReplicas(server,
            pod => settings.Apply(new ControllerInstanceOptions { InstanceId = pod, Connection = connection, Kong = kong, Pod = EmbeddedReplicas.PodRef(pod) }, EmbeddedReplicas.Namespace),
            () => new k8s.Kubernetes(server.ClientConfiguration()), NullLoggerFactory.Instance, null, TimeSpan.FromSeconds(new EmbeddedClusterSettings().ContainerStartDelay));
        await replicas.StartAsync(CancellationToken.None);
        using var client = new k8s.Kubernetes(server.ClientConfiguration());
        var gateways = server.KongGateways!;
        output.WriteLine($"Embedded cluster, 3 replicas, LeaseDuration/RenewDeadline/RetryPeriod = {settings.LeaseDuration}/{settings.RenewDeadline}/{settings.RetryPeriod} s, {runs} runs each");

        if (handOffs)
        {
            var samples = new List<TimeSpan>();
            for (var run = 0; run < runs; run++)
            {
                var leader = await SettledLeaderAsync(replicas, gateways);
                var target = replicas.All.Select(r => r.InstanceId).Where(id => id != leader.InstanceId).OrderBy(_ => Random.Shared.Next()).First();
                var requested = DateTimeOffset.UtcNow;
                await RequestHandOffAsync(client, leader.Elector!.Options, target);
                var push = await FirstPushAsync(gateways, requested, stamp => stamp.Contains($"instance={target};", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
                samples.Add(push - requested);
                output.WriteLine($"  hand-off {run + 1,2}: {leader.InstanceId} → {target}: {(push - requested).TotalMilliseconds,7:0} ms");
            }

            Report(output, "hand-off (request → target's first push)", samples, TimeSpan.FromSeconds(1));
        }

        if (failovers)
        {
            var samples = new List<TimeSpan>();
            for (var run = 0; run < runs; run++)
            {
                await WaitAsync(() => replicas.All.Count == 3, TimeSpan.FromSeconds(30));
                var leader = await SettledLeaderAsync(replicas, gateways);
                await Task.Delay(Random.Shared.Next(0, 2000)); // crash at any point of the renew cycle
                var crashedAt = DateTimeOffset.UtcNow;
                var victim = await replicas.CrashLeaderAsync(CancellationToken.None);
                var push = await FirstPushAsync(gateways, crashedAt, stamp => !stamp.Contains($"instance={victim};", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
                samples.Add(push - crashedAt);
                output.WriteLine($"  failover {run + 1,2}: {victim} crashed → {replicas.Leader?.InstanceId}: {(push - crashedAt).TotalSeconds,6:0.00} s");
            }

            Report(output, "crash failover (crash → new leader's first push)", samples, TimeSpan.FromSeconds(17));
        }

        return 0;
    }

    private static void Report(TextWriter output, string what, List<TimeSpan> samples, TimeSpan target)
    {
        var sorted = samples.Order().ToList();
        var p50 = sorted[(sorted.Count - 1) / 2];
        var max = sorted[^1];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: n={sorted.Count} min={sorted[0].TotalMilliseconds:0} ms p50={p50.TotalMilliseconds:0} ms max={max.TotalMilliseconds:0} ms (target ≤ {target.TotalMilliseconds:0} ms: {(max <= target ? "met" : "NOT met")})"));
    }

    /// <summary>The leader once it has pushed in its term (so a measurement starts from a steady state).</summary>
    private static async Task<ControllerInstance> SettledLeaderAsync(EmbeddedReplicas replicas, KongGatewayFleet gateways)
    {
        ControllerInstance? leader = null;
        await WaitAsync(() =>
        {
            leader = replicas.Leader;
            var stamp = leader?.Elector?.Term is { } term ? $"term={term})" : null;
            return stamp is not null && gateways.Gateways.Values.All(g => g.PushLog.Entries.Any(e => e.UserAgent?.EndsWith(stamp, StringComparison.Ordinal) == true));
        }, TimeSpan.FromSeconds(60));
        return leader!;
    }

    private static async Task<DateTimeOffset> FirstPushAsync(KongGatewayFleet gateways, DateTimeOffset since, Func<string, bool> by, TimeSpan timeout)
    {
        DateTimeOffset? first = null;
        await WaitAsync(() =>
        {
            first = gateways.Gateways.Values.SelectMany(g => g.PushLog.Entries)
                .Where(e => e.At >= since && e.UserAgent is { } ua && ua.Contains("instance=", StringComparison.Ordinal) && by(ua))
                .Select(e => (DateTimeOffset?)e.At).Min();
            return first is not null;
        }, timeout);
        return first!.Value;
    }

    private static Task RequestHandOffAsync(IKubernetes client, LeaderElectionOptions options, string target) =>
        LeaseAnnotations.RequestHandOffAsync(client, options.Namespace, options.LeaseName, target, "measure-leadership", DateTimeOffset.UtcNow);

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"measure-leadership: condition not met within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(5);
        }
    }
}
