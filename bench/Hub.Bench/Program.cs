using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Hub.Bench -- --filter '*Canonical*'   (or bench/run.sh, which keeps the report)
BenchmarkSwitcher.FromAssembly(typeof(Hub.Bench.CanonicalizationBenchmarks).Assembly).Run(args);
