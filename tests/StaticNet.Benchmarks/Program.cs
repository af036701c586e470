using System;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using StaticNet.Benchmarks;

if (args.Length == 2 && args[0] == FirstCall.ChildFlag)
{
    FirstCall.Child(args[1]);
    return;
}

if (args.Length == 1 && args[0] == "--first-call")
{
    ResultsReport.WriteFirstCall(FirstCall.Measure());
    return;
}

if (args.Length == 1 && args[0] == "--interleaved")
{
    ResultsReport.WriteInterleaved(Interleaved.Measure());
    return;
}

// A short job: what matters is the ratios within one run (this machine has 2 cores; see README.md).
Job job = Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1).WithId("short");

// run.sh may give the benchmark processes (not the builds) a newer libstdc++ for TorchSharp's libtorch.
string[] forwarded = ["LD_LIBRARY_PATH", "LD_PRELOAD"];
EnvironmentVariable[] environment = forwarded
    .Select(name => (Name: name, Value: Environment.GetEnvironmentVariable("STATICNET_BENCH_" + name)))
    .Where(variable => !string.IsNullOrEmpty(variable.Value))
    .Select(variable => new EnvironmentVariable(variable.Name, variable.Value!))
    .ToArray();
if (environment.Length > 0)
{
    job = job.WithEnvironmentVariables(environment);
}

IConfig config = ManualConfig.CreateEmpty()
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumnProvider(DefaultColumnProviders.Instance)
    .AddLogger(ConsoleLogger.Default)
    .AddExporter(MarkdownExporter.GitHub)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);

Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(NetworkInfo).Assembly).Run(args, config).ToArray();
ResultsReport.Write(summaries);
