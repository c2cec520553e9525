using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using KongDashboard.EmbeddedCluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace KongDashboard.Cli;

/// <summary>
/// <c>measure-propagation [--ingresses N] [--gateways N] [--changes N]</c>: in the embedded cluster, the time from an
/// Ingress created through the API server to every Kong gateway serving a configuration with its route (checked the
/// way an operator would, through each gateway's Admin API <c>GET /routes/{name}</c>). Prints p50, p99 and max.
/// </summary>
public static class MeasurePropagationVerb
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var ingresses = Option(args, "--ingresses", 1000);
        var gateways = Option(args, "--gateways", 3);
        var changes = Option(args, "--changes", 200);

        stdout.WriteLine($"Starting the embedded cluster with {gateways} Kong gateways and {ingresses} Ingresses...");
        await using var server = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions());
        using var client = new Kubernetes(server.ClientConfiguration());
        // A fixed fleet: the demo's HPA would otherwise resize it under the measurement.
        server.Store.Delete("HorizontalPodAutoscaler", "kong", "kong-gateway");
        server.Store.Patch("Deployment", "kong", "kong-gateway", EmbeddedCluster.Store.PatchType.Merge, JsonNode.Parse($$$"""{"spec":{"replicas":{{{gateways}}}}}""")!);
        var baseline = LiveHeap();
        await CreateWorkloadAsync(client, ingresses);
        var withObjects = LiveHeap();

        var options = new ControllerInstanceOptions
        {
            InstanceId = "measure-propagation",
            Connection = new ClusterConnection(ClusterMode.Embedded, server.BaseAddress.ToString(), null, ControllerRole.Active),
            Kong = new KongSyncOptions { AdminService = "kong/kong-admin" },
        };
        await using var instance = new ControllerInstance(options, new Kubernetes(server.ClientConfiguration()), NullLoggerFactory.Instance);
        instance.Start();
        await WaitAsync(() => instance.State.Current.Sync is { Gateways.Length: var n, InSync: var s } && n == gateways && s == gateways
            && instance.State.Current.Translation.Rows.Length >= ingresses, TimeSpan.FromMinutes(2));
        var admin = instance.State.Current.Sync.Gateways.Select(g => g.AdminUrl).ToList();
        var converged = LiveHeap();
        // Where the memory is (live objects after a compacting collection; this process holds all three parts).
        stdout.WriteLine($"live heap: API server with the objects +{Mb(withObjects - baseline)}; controller and {gateways} gateways holding " +
            $"the configuration +{Mb(converged - withObjects)}; process RSS {Mb(Environment.WorkingSet)}");
        stdout.WriteLine($"{admin.Count} gateways in sync with {instance.State.Current.Translation.Counts.Routes} routes. Measuring {changes} changes...");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var samples = new List<double>(changes);
        // Where the time goes, per change: the controller's translation, and the slowest gateway's POST /config (the
        // embedded Kong reading, validating and loading the body: Kong's own cost, stood in for).
        var translations = new List<double>(changes);
        var pushes = new List<double>(changes);
        for (var i = 0; i < changes; i++)
        {
            var name = $"probe-{i}";
            var route = $"bench.{name}.svc-{i % 100}..80";
            var clock = Stopwatch.StartNew();
            await client.NetworkingV1.CreateNamespacedIngressAsync(Ingress(name, $"svc-{i % 100}", $"/probe/{i}"), "bench");
            foreach (var gateway in admin)
            {
                while ((await http.GetAsync(new Uri(gateway, $"/routes/{route}"))).StatusCode != System.Net.HttpStatusCode.OK)
                {
                    if (clock.Elapsed > TimeSpan.FromSeconds(30))
                    {
                        stderr.WriteLine($"Route {route} did not reach {gateway} within 30 s.");
                        return 1;
                    }

                    await Task.Delay(1);
                }
            }

            samples.Add(clock.Elapsed.TotalMilliseconds);
            translations.Add(instance.State.Current.Translation.Duration.TotalMilliseconds);
            pushes.Add(instance.State.Current.Sync.Gateways.Max(g => g.LastPush?.Duration.TotalMilliseconds ?? 0));
            if (Environment.GetEnvironmentVariable("KD_MEASURE_DEBUG") is not null)
            {
                var sync = instance.State.Current.Sync;
                stderr.WriteLine($"{i}: total {clock.Elapsed.TotalMilliseconds:0} ms; translation {instance.State.Current.Translation.Duration.TotalMilliseconds:0} ms; pushes " +
                    string.Join(", ", sync.Gateways.Select(g => $"{g.LastPush?.Duration.TotalMilliseconds:0} ms/{g.LastPush?.Bytes / 1024} KiB")));
            }
        }

        samples.Sort();
        stdout.WriteLine($"propagation over {changes} changes ({ingresses} Ingresses, {gateways} gateways): " +
            $"p50 {Percentile(samples, 0.50):0.0} ms, p99 {Percentile(samples, 0.99):0.0} ms, max {samples[^1]:0.0} ms, mean {samples.Average():0.0} ms");
        translations.Sort();
        pushes.Sort();
        stdout.WriteLine($"  of which translation (controller): p50 {Percentile(translations, 0.50):0.0} ms, p99 {Percentile(translations, 0.99):0.0} ms; " +
            $"slowest gateway's POST /config (embedded Kong): p50 {Percentile(pushes, 0.50):0.0} ms, p99 {Percentile(pushes, 0.99):0.0} ms");
        return 0;
    }

    internal static async Task CreateWorkloadAsync(IKubernetes client, int ingresses)
    {
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "bench" } });
        for (var s = 0; s < 100; s++)
        {
            await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
            {
                Metadata = new V1ObjectMeta { Name = $"svc-{s}", NamespaceProperty = "bench" },
                Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }] },
            }, "bench");
        }

        await Parallel.ForAsync(0, ingresses, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await client.NetworkingV1.CreateNamespacedIngressAsync(Ingress($"app-{i}", $"svc-{i % 100}", $"/app/{i}"), "bench", cancellationToken: ct));
    }

    internal static V1Ingress Ingress(string name, string service, string path) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "bench" },
        Spec = new V1IngressSpec
        {
            IngressClassName = "kong",
            Rules =
            [
                new V1IngressRule
                {
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths = [new V1HTTPIngressPath { Path = path, PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = service, Port = new V1ServiceBackendPort { Number = 80 } } } }],
                    },
                },
            ],
        },
    };

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException("The embedded cluster did not converge.");
            }

            await Task.Delay(50);
        }
    }

    private static long LiveHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:0} MB";

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
    }
}
