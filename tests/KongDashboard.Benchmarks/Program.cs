using BenchmarkDotNet.Running;
using KongDashboard.Benchmarks;

// "--quick [runs]": a Stopwatch loop over the same benchmarks (seconds instead of minutes on 2 cores); anything else
// goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "--quick")
{
    QuickRunner.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(TranslationBenchmarks).Assembly).Run(args);
}
