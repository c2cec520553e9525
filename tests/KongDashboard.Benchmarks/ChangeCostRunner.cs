using System.Diagnostics;
using System.Globalization;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Translation;

namespace KongDashboard.Benchmarks;

/// <summary>
/// The controller-side cost of one Ingress change at several cluster sizes: a watch event applied to the
/// <see cref="ClusterStore"/> (as the reflector does), the incremental translation of the new snapshot, and the
/// <c>/config</c> body with its SHA-256 (<see cref="ConfigPayload.Of"/>, what ConfigSync hands to the gateways).
/// Also the Translation page's rows (<see cref="KicSnapshotTranslator"/>), timed apart, and the bytes retained per
/// Ingress once the cluster is loaded, translated and serialized.
/// </summary>
internal static class ChangeCostRunner
{
    public static void Run(int[] sizes, int changes, string? csvPath)
    {
        Console.WriteLine($"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {Environment.ProcessorCount} processors, {changes} changes per size");
        var csv = new List<string> { "ingresses,p50_ms,p99_ms,max_ms,cpu_p50_ms,cpu_p99_ms,full_serialization_ms,rows_p50_ms,rows_p99_ms,bytes_per_ingress,body_bytes,alloc_per_change_bytes" };
        foreach (var size in sizes)
        {
            csv.Add(RunOne(size, changes));
        }

        Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        if (csvPath is not null)
        {
            File.WriteAllLines(csvPath, csv);
            Console.WriteLine($"wrote {csvPath}");
        }
    }

    private static string RunOne(int size, int changes)
    {
        var baseline = Settle();
        var store = new ClusterStore();
        var generated = SyntheticCluster.Generate(size);
        store.Replace(WatchedKinds.Ingresses, generated.Ingresses);
        store.Replace(WatchedKinds.Services, generated.Services);
        store.Replace(WatchedKinds.EndpointSlices, generated.EndpointSlices);
        generated = null;
        // One translator, as ControllerInstance has: the configuration first (what sync needs), then the rows.
        var translator = new KicSnapshotTranslator(new TranslatorOptions());
        var first = translator.TranslateConfig(store.Current);
        var payload = ConfigPayload.Of(first.Config, PayloadKind.Full, 0);
        var state = translator.Shape(store.Current, first, 0);
        var retained = Settle() - baseline;
        var fullSerialization = FullSerializationMs(payload.Config);

        var ingresses = store.Current.Ingresses.OrderBy(i => ObjectKey.Of(i.Metadata)).ToArray();
        var random = new Random(size);
        var wall = new double[changes];
        var rowWall = new double[changes];
        var cpu = new double[changes];
        var process = Process.GetCurrentProcess();
        var (hits0, misses0) = IncrementalConfigSerializer.Shared.Counters;
        long allocated = 0;
        for (var i = -5; i < changes; i++)
        {
            var pick = ingresses[random.Next(ingresses.Length)];
            var edited = SyntheticCluster.Ingress(pick.Metadata.NamespaceProperty, pick.Metadata.Name, pick.Spec.Rules[0].Http.Paths[0].Backend.Service.Name, random.Next(3));
            edited.Metadata.Uid = pick.Metadata.Uid;
            edited.Metadata.Annotations["konghq.com/methods"] = i % 2 == 0 ? "GET" : "POST";

            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var started = Stopwatch.GetTimestamp();
            store.Upsert(WatchedKinds.Ingresses, edited);
            var snapshot = store.Current;
            var result = translator.TranslateConfig(snapshot);
            payload = ConfigPayload.Of(result.Config, PayloadKind.Full, i);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var allocatedAfter = GC.GetTotalAllocatedBytes(precise: false);
            process.Refresh();
            var cpuElapsed = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;

            var rowsStarted = Stopwatch.GetTimestamp();
            state = translator.Shape(snapshot, result, i);
            var rowsElapsed = Stopwatch.GetElapsedTime(rowsStarted).TotalMilliseconds;
            if (i < 0)
            {
                continue; // warm-up
            }

            wall[i] = elapsed;
            cpu[i] = cpuElapsed;
            rowWall[i] = rowsElapsed;
            allocated += allocatedAfter - allocatedBefore;
        }

        var (hits, misses) = IncrementalConfigSerializer.Shared.Counters;
        Array.Sort(wall);
        Array.Sort(rowWall);
        Array.Sort(cpu);
        var perIngress = retained / size;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{size,6} Ingresses: change → body+hash p50 {P(wall, 50),6:F2} ms  p99 {P(wall, 99),6:F2} ms  max {wall[^1],6:F2} ms  cpu p50 {P(cpu, 50),6:F2} p99 {P(cpu, 99),6:F2} ms | full serialization+SHA (before) {fullSerialization,6:F1} ms | rows p50 {P(rowWall, 50),6:F2} ms  p99 {P(rowWall, 99),6:F2} ms | retained {retained / 1e6,6:F1} MB = {perIngress,6} B/Ingress | body {payload.Content.Length / 1e6:F2} MB | alloc/change {allocated / changes / 1e3:F0} kB | fragments reused {hits - hits0}, written {misses - misses0}"));
        GC.KeepAlive(store);
        GC.KeepAlive(translator);
        GC.KeepAlive(state);
        return string.Create(CultureInfo.InvariantCulture,
            $"{size},{P(wall, 50):F3},{P(wall, 99):F3},{wall[^1]:F3},{P(cpu, 50):F3},{P(cpu, 99):F3},{fullSerialization:F3},{P(rowWall, 50):F3},{P(rowWall, 99):F3},{perIngress},{payload.Content.Length},{allocated / changes}");
    }

    /// <summary>What every change cost before: the whole body serialized and hashed (median of 5).</summary>
    private static double FullSerializationMs(KongConfig config)
    {
        var times = new double[5];
        for (var i = 0; i < times.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            System.Security.Cryptography.SHA256.HashData(KongConfigSerializer.ToJsonUtf8(config));
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[2];
    }

    private static double P(double[] sorted, int percentile) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];

    private static long Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
