using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using KongDashboard.EmbeddedCluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace KongDashboard.Cli;

/// <summary>
/// <c>measure-db-sync [--ingresses N] [--changes N] [--gateways N] [--db-update-ms N]</c>: the embedded cluster in DB
/// mode (Kong nodes sharing one database). Measures the initial sync (entities in the database, Admin API write calls,
/// wall time from the controller's start), then over single-Ingress changes (each created through the API server with
/// KubernetesClient) the time until the route is readable through every node's Admin API (<c>GET /routes/{name}</c>,
/// which reads the database) and until every node serves it (its next <c>db_update_frequency</c> poll), and the Admin
/// API write calls per change, counted at the database.
/// </summary>
public static class MeasureDbSyncVerb
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var ingresses = Option(args, "--ingresses", 1000);
        var changes = Option(args, "--changes", 200);
        var gateways = Option(args, "--gateways", 3);
        var pollMs = Option(args, "--db-update-ms", 1000);

        stdout.WriteLine($"Starting the embedded cluster in DB mode (postgres, db_update_frequency {pollMs} ms) with {gateways} Kong nodes and {ingresses} Ingresses...");
        await using var server = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions
        {
            KongDatabase = "postgres",
            KongDbUpdateFrequency = TimeSpan.FromMilliseconds(pollMs),
        });
        var fleet = server.KongGateways ?? throw new InvalidOperationException("the embedded cluster started without Kong gateways");
        var database = fleet.Database ?? throw new InvalidOperationException("the embedded Kong gateways have no database");
        using var client = new Kubernetes(server.ClientConfiguration());
        // A fixed fleet: the demo's HPA would otherwise resize it under the measurement.
        server.Store.Delete("HorizontalPodAutoscaler", "kong", "kong-gateway");
        server.Store.Patch("Deployment", "kong", "kong-gateway", EmbeddedCluster.Store.PatchType.Merge, JsonNode.Parse($$$"""{"spec":{"replicas":{{{gateways}}}}}""")!);
        await MeasurePropagationVerb.CreateWorkloadAsync(client, ingresses);
        var writesBefore = database.Writes.Count;

        var options = new ControllerInstanceOptions
        {
            InstanceId = "measure-db-sync",
            Connection = new ClusterConnection(ClusterMode.Embedded, server.BaseAddress.ToString(), null, ControllerRole.Active),
            Kong = new KongSyncOptions { AdminService = "kong/kong-admin", Database = "postgres" },
        };
        await using var instance = new ControllerInstance(options, new Kubernetes(server.ClientConfiguration()), NullLoggerFactory.Instance);
        var initial = Stopwatch.StartNew();
        instance.Start();
        await WaitAsync(() => instance.State.Current.Sync is { Gateways.Length: var n } sync && n == gateways
            && instance.State.Current.Translation.Rows.Length >= ingresses
            && database.Rows("routes").Count(r => r["name"]!.GetValue<string>().StartsWith("bench.", StringComparison.Ordinal)) >= ingresses
            && sync.Database?.Reports.FirstOrDefault() is { Success: true }, TimeSpan.FromMinutes(5));
        var initialTime = initial.Elapsed;
        var reports = instance.State.Current.Sync.Database!.Reports;
        var counts = database.Counts();
        stdout.WriteLine($"initial sync: {database.Writes.Count - writesBefore} Admin API write calls, " +
            $"database holds {string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key}"))} (the {ingresses} Ingresses and the demo's own objects); " +
            $"{initialTime.TotalSeconds:0.00} s from controller start to every route written; " +
            $"{reports.Length} sync(s), the largest {reports.Max(r => r.WriteCalls)} writes in {reports.MaxBy(r => r.WriteCalls)!.Duration.TotalMilliseconds:0} ms");

        var admin = instance.State.Current.Sync.Gateways.Select(g => g.AdminUrl).ToList();
        var nodes = fleet.Gateways.Values.ToList();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var readable = new List<double>(changes);
        var served = new List<double>(changes);
        var writesPerChange = new List<int>(changes);
        stdout.WriteLine($"Measuring {changes} single-Ingress changes through {admin.Count} nodes...");
        var jitter = new Random(17);
        for (var i = 0; i < changes; i++)
        {
            // Each change waits for the nodes' poll, so the next one would start right after a poll and always wait a
            // whole period: a random pause decorrelates the changes from the polls' phase, as real changes are.
            await Task.Delay(TimeSpan.FromMilliseconds(jitter.Next(pollMs)));
            var name = $"probe-{i}";
            var route = $"bench.{name}.svc-{i % 100}..80";
            var writes = database.Writes.Count;
            var clock = Stopwatch.StartNew();
            await client.NetworkingV1.CreateNamespacedIngressAsync(MeasurePropagationVerb.Ingress(name, $"svc-{i % 100}", $"/probe/{i}"), "bench");
            foreach (var gateway in admin)
            {
                while ((await http.GetAsync(new Uri(gateway, $"/routes/{route}"))).StatusCode != HttpStatusCode.OK)
                {
                    if (clock.Elapsed > TimeSpan.FromSeconds(30))
                    {
                        stderr.WriteLine($"Route {route} was not readable through {gateway} within 30 s.");
                        return 1;
                    }

                    await Task.Delay(1);
                }
            }

            readable.Add(clock.Elapsed.TotalMilliseconds);
            var version = database.Version;
            while (!nodes.All(n => n.Cache!.State.Version >= version))
            {
                await Task.Delay(1);
            }

            served.Add(clock.Elapsed.TotalMilliseconds);
            if (Environment.GetEnvironmentVariable("KD_MEASURE_DEBUG") is not null)
            {
                stderr.WriteLine($"{i}: readable {readable[^1]:0} ms, served {served[^1]:0} ms, version {version}; node polls at " +
                    string.Join(", ", nodes.Select(n => $"{n.Cache!.State.ReadAt:HH:mm:ss.fff}")) + $"; now {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
            }
            // The sync that wrote the route may still be finishing: wait for its report before counting its writes.
            await WaitAsync(() => instance.State.Current.Sync.Database!.Reports.FirstOrDefault() is { Success: true } r && r.At >= DateTimeOffset.UtcNow - clock.Elapsed, TimeSpan.FromSeconds(30));
            writesPerChange.Add(database.Writes.Count - writes);
        }

        readable.Sort();
        served.Sort();
        stdout.WriteLine($"readable through every node's Admin API over {changes} changes ({ingresses} Ingresses, {gateways} nodes): " +
            $"p50 {Percentile(readable, 0.50):0.0} ms, p99 {Percentile(readable, 0.99):0.0} ms, max {readable[^1]:0.0} ms");
        stdout.WriteLine($"served by every node (after its db_update_frequency poll of {pollMs} ms): " +
            $"p50 {Percentile(served, 0.50):0.0} ms, p99 {Percentile(served, 0.99):0.0} ms, max {served[^1]:0.0} ms");
        stdout.WriteLine($"Admin API write calls per change: mean {writesPerChange.Average():0.00}, min {writesPerChange.Min()}, max {writesPerChange.Max()} " +
            $"({string.Join(", ", database.Writes.Skip(database.Writes.Count - 3).Select(w => $"{w.Method} {w.Path.Split('/')[1]}"))} …)");
        return 0;
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException("The embedded cluster did not converge.");
            }

            await Task.Delay(20);
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
    }
}
