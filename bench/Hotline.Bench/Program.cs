using System.Diagnostics;
using Hotline.Bench;

// Intake benchmark: starts the real Api on loopback with a fresh SQLite database (WAL, synchronous=FULL) and drives
// simulated agents registering and dispatching tickets ("登记并派单", one POST each).
//   dotnet run --project bench/Hotline.Bench -c Release -- [--agents 1,10,50] [--rates 30,300] [--duration 20] [--write-results]
var options = BenchOptions.Parse(args);
if (args.Contains("routing"))
{
    // dotnet run --project bench/Hotline.Bench -c Release -- routing [--write-results]
    var routing = RoutingBench.Run();
    Console.WriteLine(routing);
    if (options.WriteResults)
    {
        await Report.AppendAsync(options, "Routing decisions with 5,000 rules (in-process, one core)", routing);
    }

    return;
}

if (args.Contains("live"))
{
    // dotnet run --project bench/Hotline.Bench -c Release -- live [--screens 1000,5000] [--write-results]
    var live = await LiveBench.RunAsync(options, options.Screens);
    Console.WriteLine(live);
    if (options.WriteResults)
    {
        await Report.AppendAsync(options, "Escalations pushed live to supervisor screens", live);
    }

    return;
}

if (args.Contains("window"))
{
    await WindowSweepBench.RunAsync(args, options.Root); // window-case deadline sweep, issue 8 (WindowSweepBench.cs)
    return;
}

if (args.Contains("bulletin"))
{
    await BulletinBench.RunAsync(args, options.Root); // monthly bulletin over a generated 10M-ticket file (BulletinBench.cs)
    return;
}

if (args.Contains("repeat"))
{
    // dotnet run --project bench/Hotline.Bench -c Release -- repeat [--tickets 10000000] [--probes 3000] [--write-results]
    var repeat = await RepeatBench.RunAsync(args, options.Root); // candidate lookup at intake on a generated 10M-ticket file (RepeatBench.cs)
    if (options.WriteResults)
    {
        await Report.AppendAsync(options, "Repeat complaints: candidate lookup at intake, 10M tickets", repeat);
    }

    return;
}

if (args.Contains("sweep"))
{
    await SweepBench.RunAsync(args, options.Root); // deadline sweep on a generated 10M-ticket file (SweepBench.cs)
    return;
}

await using var api = await ApiProcess.StartAsync(options);
var intake = await IntakeClient.CreateAsync(api.BaseUrl, options.Agents.DefaultIfEmpty(1).Max());
var results = new List<Result>();

await intake.WarmUpAsync(TimeSpan.FromSeconds(3));
foreach (var agents in options.Agents)
{
    results.Add(await Scenarios.ClosedLoopAsync(intake, agents, options.Duration));
    Console.WriteLine(results[^1].Row());
}

foreach (var rate in options.Rates)
{
    results.Add(await Scenarios.OpenLoopAsync(intake, rate, options.Duration));
    Console.WriteLine(results[^1].Row());
}

var table = Result.Table(results);
Console.WriteLine();
Console.WriteLine(table);
if (options.WriteResults)
{
    await Report.WriteAsync(options, table);
}

namespace Hotline.Bench
{
    internal sealed record BenchOptions(int[] Agents, int[] Rates, TimeSpan Duration, bool WriteResults, string Root, int[] Screens)
    {
        public static BenchOptions Parse(string[] args)
        {
            string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            int[] List(string name, int[] fallback) => Value(name) is { } v ? v.Split(',').Select(int.Parse).ToArray() : fallback;
            var root = Directory.GetCurrentDirectory();
            while (!File.Exists(Path.Combine(root, "Hotline.sln")))
            {
                root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run from inside the repository.");
            }

            return new BenchOptions(List("--agents", [1, 10, 50]), List("--rates", [30, 300]),
                TimeSpan.FromSeconds(int.Parse(Value("--duration") ?? "20")), args.Contains("--write-results"), root, List("--screens", [1000, 5000]));
        }
    }

    internal sealed record Result(string Scenario, int Requests, int Errors, TimeSpan Elapsed, double[] LatenciesMs)
    {
        public double Throughput => Requests / Elapsed.TotalSeconds;

        public double Percentile(double p)
        {
            if (LatenciesMs.Length == 0)
            {
                return double.NaN;
            }

            var sorted = LatenciesMs.Order().ToArray();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        }

        public string Row() =>
            $"| {Scenario} | {Requests} | {Errors} | {Throughput:F0} | {Percentile(50):F1} | {Percentile(95):F1} | {Percentile(99):F1} | {LatenciesMs.DefaultIfEmpty().Max():F1} |";

        public static string Table(IEnumerable<Result> results) =>
            "| scenario | requests | errors | tickets/s | p50 ms | p95 ms | p99 ms | max ms |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n" +
            string.Join("\n", results.Select(r => r.Row()));
    }

    internal static class Report
    {
        public static async Task WriteAsync(BenchOptions options, string table)
        {
            var section = $"""

                ## Intake: register and dispatch over HTTP ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)

                Machine: {Machine()}; commit {Git()}.
                Api in Release on loopback, fresh SQLite file (WAL, synchronous=FULL: every acknowledged ticket is durable), demo directory.
                Each request is one "登记并派单" (POST /api/tickets with a dispatch): validation, number, ticket, assignment, two audit events, due times.
                Closed loop: N agents back to back for {options.Duration.TotalSeconds:F0} s. Open loop: a fixed arrival rate for {options.Duration.TotalSeconds:F0} s,
                latency measured from the intended send time (no coordinated omission).

                {table}

                """;
            await AppendRawAsync(options, section);
        }

        public static Task AppendAsync(BenchOptions options, string title, string body) =>
            AppendRawAsync(options, $"\n## {title} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n\nMachine: {Machine()}; commit {Git()}.\n\n{body}\n");

        /// <summary>CPU, cores, memory and runtime, for the heading of a result.</summary>
        public static string Machine() =>
            $"{File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim()}, "
            + $"{Environment.ProcessorCount} cores, {File.ReadLines("/proc/meminfo").First().Split(':')[1].Trim()} memory; .NET {Environment.Version}";

        public static string Git()
        {
            using var p = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true })!;
            return p.StandardOutput.ReadToEnd().Trim();
        }

        public static Task AppendRawAsync(BenchOptions options, string section) => AppendRawAsync(options.Root, section);

        public static async Task AppendRawAsync(string root, string section)
        {
            var path = Path.Combine(root, "bench", "RESULTS.md");
            if (!File.Exists(path))
            {
                await File.WriteAllTextAsync(path, "# Benchmark results\n\nTargets are in shared/DESIGN.md (\"Performance targets\").\n");
            }

            await File.AppendAllTextAsync(path, section);
            Console.WriteLine($"Appended to {path}");
        }
    }
}
