using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using k8s;
using k8s.Models;
using KongDashboard.Cli.Scale;

namespace KongDashboard.Cli;

/// <summary>
/// <c>measure-scale [--root DIR] [--ingresses N] [--gateways G] [--searches S] [--skip-controller]</c>: issue 18's
/// figures, end to end on real processes. Starts the demo (built dll of the tree at DIR) with G Kong gateways and no
/// simulated load, loads N Ingresses with a Service each (2N objects) through <c>kubectl create -f</c> while the
/// controllers run, and reports:
/// the bulk load's wall time and the time until every Ingress is Applied on every gateway; the demo process's RSS
/// (before, after, peak; bytes per Ingress); the UI's first content per page and /translation's search time in the
/// system Chromium; the product alone (src/KongDashboard) observing the same cluster through the kubeconfig: time to
/// translate everything and its RSS; and how long each process takes to exit after SIGTERM.
/// The children inherit the environment: <c>DOTNET_gcServer=0</c> measures the workstation GC the container image uses.
/// </summary>
public static class MeasureScaleVerb
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = Path.GetFullPath(Option(args, "--root") ?? RepositoryRoot());
        var ingresses = int.Parse(Option(args, "--ingresses") ?? "10000", CultureInfo.InvariantCulture);
        var gateways = int.Parse(Option(args, "--gateways") ?? "10", CultureInfo.InvariantCulture);
        var searches = int.Parse(Option(args, "--searches") ?? "10", CultureInfo.InvariantCulture);
        var demoDll = Path.Combine(root, "src", "KongDashboard.Demo", "bin", "Release", "net10.0", "KongDashboard.Demo.dll");
        var productDll = Path.Combine(root, "src", "KongDashboard", "bin", "Release", "net10.0", "KongDashboard.dll");
        if (!File.Exists(demoDll) || !File.Exists(productDll))
        {
            error.WriteLine($"Needs release builds: dotnet build src/KongDashboard.Demo -c Release (looked for {demoDll} and {productDll}).");
            return 1;
        }

        var work = Directory.CreateTempSubdirectory("kd-measure-scale-");
        var kubeconfig = Path.Combine(work.FullName, "kubeconfig");
        var token = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        output.WriteLine($"measure-scale: {ingresses} Ingresses, {gateways} gateways, demo from {root}, DOTNET_gcServer={Environment.GetEnvironmentVariable("DOTNET_gcServer") ?? "(unset: server GC)"}, load {LoadAverage()}");
        try
        {
            using var demo = MeasuredProcess.Start(demoDll, work.FullName,
                ["--Cluster:Mode=Embedded", $"--Cluster:Embedded:KubeconfigPath={kubeconfig}", $"--Dashboard:Auth:BrowserToken={token}"]);
            await WaitAsync(async () => File.Exists(kubeconfig) && await demo.ReadyAsync(http), TimeSpan.FromMinutes(2), "the demo to start");
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            await FixFleetAsync(client, gateways);
            var seeded = await WaitForSettledAsync(demo, http, _ => true, TimeSpan.FromMinutes(2));
            await WaitAsync(async () => (await client.AppsV1.ReadNamespacedDeploymentAsync("kong-gateway", "kong")).Status?.ReadyReplicas == gateways, TimeSpan.FromMinutes(2), $"{gateways} gateways");
            var before = demo.Memory();
            output.WriteLine($"demo up: {Total(seeded)} seeded objects applied, {gateways} gateways; RSS {Mb(before.Rss)}");

            // Bulk load while the controllers run.
            var manifest = Path.Combine(work.FullName, "scale.yaml");
            var objects = ScaleWorkload.Write(manifest, ingresses);
            var clock = Stopwatch.StartNew();
            await KubectlAsync(kubeconfig, ["create", "-f", manifest, "-o", "name"], expectLines: objects + 1);
            var loaded = clock.Elapsed;
            var expected = Applied(seeded) + ingresses;
            var settled = await WaitForSettledAsync(demo, http, counts => Applied(counts) >= expected, TimeSpan.FromMinutes(15));
            var converged = clock.Elapsed;
            var after = demo.Memory();
            output.WriteLine($"bulk load: kubectl create -f of {objects + 1} objects took {loaded.TotalSeconds:0.0} s ({loaded.TotalMilliseconds / (objects + 1):0.00} ms per object); every Ingress Applied on {gateways} gateways after {converged.TotalSeconds:0.0} s; load {LoadAverage()}");
            output.WriteLine($"demo process at {Applied(settled)} applied objects: RSS {Mb(after.Rss)}, peak {Mb(after.Peak)}; {(after.Rss - before.Rss) / (double)ingresses:0} B per added Ingress (with its Service)");

            var ui = await ScaleUiProbe.RunAsync(demo.BaseUri, token, ingresses, searches);
            foreach (var (page, firstContent, paint) in ui.Pages)
            {
                output.WriteLine($"UI {page}: first content {firstContent:0} ms after navigation (first contentful paint {(paint is { } p ? $"{p:0} ms" : "n/a")})");
            }

            var sorted = ui.SearchMs.Order().ToList();
            output.WriteLine($"UI /translation search over {ingresses} rows, {sorted.Count} searches: median {sorted[sorted.Count / 2]:0} ms, max {sorted[^1]:0} ms (input event → only the match shown)");

            if (!args.Contains("--skip-controller"))
            {
                await MeasureControllerAloneAsync(productDll, work.FullName, kubeconfig, Total(settled), http, output);
            }

            output.WriteLine($"demo: exited {(await demo.TerminateAsync(TimeSpan.FromSeconds(60))).TotalSeconds:0.0} s after SIGTERM");
            return 0;
        }
        catch
        {
            // What the children said before the failure (their logs go with the work folder).
            foreach (var log in work.GetFiles("*.log"))
            {
                error.WriteLine($"--- last lines of {log.Name}:");
                error.WriteLine(string.Join('\n', File.ReadAllLines(log.FullName).TakeLast(30)));
            }

            throw;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The product observing the demo's cluster through the kubeconfig: the controller without the embedded cluster, gateways or demo replicas.</summary>
    private static async Task MeasureControllerAloneAsync(string productDll, string work, string kubeconfig, double objects, HttpClient http, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        using var product = MeasuredProcess.Start(productDll, work, ["--Cluster:Mode=Kubeconfig", $"--Cluster:Kubeconfig={kubeconfig}"]);
        var counts = await WaitForSettledAsync(product, http, c => Total(c) >= objects, TimeSpan.FromMinutes(10));
        var synced = clock.Elapsed;
        var memory = product.Memory();
        output.WriteLine($"controller alone (observing through the kubeconfig): {Total(counts)} objects translated {synced.TotalSeconds:0.0} s after start; RSS {Mb(memory.Rss)}, peak {Mb(memory.Peak)}");
        output.WriteLine($"controller alone: exited {(await product.TerminateAsync(TimeSpan.FromSeconds(60))).TotalSeconds:0.0} s after SIGTERM");
    }

    /// <summary>Waits until the counts satisfy <paramref name="done"/> and stay the same over two reads 1 s apart.</summary>
    private static async Task<Dictionary<string, double>> WaitForSettledAsync(MeasuredProcess process, HttpClient http, Func<Dictionary<string, double>, bool> done, TimeSpan timeout)
    {
        Dictionary<string, double>? last = null;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var counts = await process.ListeningAsync(http) ? Leader(await process.ObjectCountsAsync(http)) : [];
            if (done(counts) && last is not null && Applied(last) == Applied(counts) && Total(last) == Total(counts) && Total(counts) > 0)
            {
                return counts;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"object counts did not settle within {timeout.TotalMinutes:0} min: {string.Join(", ", counts.Select(p => $"{p.Key} {p.Value}"))}");
            }

            last = counts;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    // The replica with the most applied objects is the one whose pushes reached the gateways (every replica reads them).
    private static Dictionary<string, double> Leader(Dictionary<string, Dictionary<string, double>> perInstance) =>
        perInstance.Values.OrderByDescending(Applied).ThenByDescending(Total).FirstOrDefault() ?? [];

    private static double Applied(Dictionary<string, double> counts) => counts.GetValueOrDefault("Applied");

    private static double Total(Dictionary<string, double> counts) => counts.Values.Sum();

    /// <summary>A fixed fleet of <paramref name="gateways"/> and no simulated traffic, so nothing but the load moves.</summary>
    private static async Task FixFleetAsync(IKubernetes client, int gateways)
    {
        var hpa = new V1Patch(JsonSerializer.Serialize(new { spec = new { minReplicas = gateways, maxReplicas = gateways } }), V1Patch.PatchType.MergePatch);
        await client.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(hpa, "kong-gateway", "kong");
        var load = new V1Patch(JsonSerializer.Serialize(new { data = new Dictionary<string, string> { ["requestsPerSecond"] = "0" } }), V1Patch.PatchType.MergePatch);
        await client.CoreV1.PatchNamespacedConfigMapAsync(load, "kong-dashboard-sim", "kong");
    }

    private static async Task KubectlAsync(string kubeconfig, string[] args, int expectLines)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--kubeconfig", kubeconfig }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var kubectl = Process.Start(start) ?? throw new InvalidOperationException("could not start kubectl");
        var stdout = kubectl.StandardOutput.ReadToEndAsync();
        var stderr = kubectl.StandardError.ReadToEndAsync();
        await kubectl.WaitForExitAsync();
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        if (kubectl.ExitCode != 0 || lines != expectLines)
        {
            throw new InvalidOperationException($"kubectl {string.Join(' ', args)} exited {kubectl.ExitCode} after {lines} of {expectLines} objects: {(await stderr)[..Math.Min(2000, (await stderr).Length)]}");
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(250);
        }
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0} MB");

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KongDashboard.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
