using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using KongDashboard.Core.Kong;

namespace KongDashboard.Benchmarks;

/// <summary>
/// Runs <see cref="TranslationBenchmarks"/> in-process with a Stopwatch: a few warm-up calls, then <c>runs</c> timed
/// calls per benchmark, reporting median and minimum (the minimum is the least disturbed by other load).
/// </summary>
internal static class QuickRunner
{
    public static void Run(int runs)
    {
        var bench = new TranslationBenchmarks { Ingresses = 10_000 };
        bench.Setup();
        // Printed so runs of different versions can be checked for identical output (the synthetic uids are random).
        var json = Regex.Replace(KongConfigSerializer.ToJson(bench.FreshConfig()), "k8s-uid:[0-9a-f-]{36}", "k8s-uid:x");
        Console.WriteLine($"output sha256 (uids masked): {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))}");
        Measure("full translation + serialization", runs, () => bench.Full());
        Measure("one-object update (incremental translate)", runs * 5, () => bench.OneObjectUpdate());
        Measure("serialization alone", runs, () => bench.SerializationOnly());
        Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {Environment.ProcessorCount} processors");
    }

    private static void Measure(string name, int runs, Func<int> action)
    {
        for (var i = 0; i < 3; i++)
        {
            action();
        }

        var wall = new double[runs];
        var cpu = new double[runs];
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            action();
            wall[i] = stopwatch.Elapsed.TotalMilliseconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        }
        Array.Sort(wall);
        Array.Sort(cpu);
        // CPU time (all threads, GC included) is steadier than wall time when other builds share the cores.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-45} median {wall[runs / 2],8:F2} ms   min {wall[0],8:F2} ms   cpu median {cpu[runs / 2],8:F2} ms   ({runs} runs)"));
    }
}
