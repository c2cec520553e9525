using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(KongDashboard.Benchmarks.TranslationBenchmarks).Assembly).Run(args);
