using BenchmarkDotNet.Running;
using KongDashboard.Benchmarks;

// "--quick [runs]": a Stopwatch loop over the same benchmarks (seconds instead of minutes on 2 cores); anything else
// goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "--change-cost")
{
    // "--change-cost [sizes] [changes] [csv]": the cost of one Ingress change at each size (ChangeCostRunner).
    var sizes = args.Length > 1 ? args[1].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [1_000, 5_000, 10_000, 20_000];
    ChangeCostRunner.Run(sizes, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200, args.Length > 3 ? args[3] : null);
}
else if (args.Length > 0 && args[0] == "--quick")
{
    QuickRunner.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(TranslationBenchmarks).Assembly).Run(args);
}
