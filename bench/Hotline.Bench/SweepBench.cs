using System.Diagnostics;
using Dapper;
using Hotline.Core.Data;
using Hotline.Core.Escalations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Bench;

/// <summary>
/// Deadline-sweep benchmark (DESIGN.md, "Performance targets"): a real SQLite file built by the real migrations, filled
/// with N tickets of which a tenth are open with due times spread over weeks, then the production
/// <see cref="DeadlineSweeper"/> under a controlled clock: steady ticks of about 1,000 crossed thresholds, the catch-up
/// after a 24-hour outage, and the same tick on a 1M-ticket file next to the 10M one.
///   dotnet run --project bench/Hotline.Bench -c Release -- sweep [--tickets 10000000,1000000] [--ticks 20] [--runs 3] [--catch-up-runs 3] [--verbose] [--write-results]
/// Generated files are cached under bench/out/ (git-ignored): re-runs skip generation.
/// </summary>
internal static class SweepBench
{
    /// <summary>"Now" at the start of every scenario: Monday 7 Dec 2026, 10:00 in Beijing.</summary>
    private static readonly DateTime T0 = new(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>Rows the generator writes have ids below this; everything the sweeps add (IdGenerator keys) is above.</summary>
    private const long GeneratedIdCeiling = 10_000_000_000;

    private const int DepartmentCount = 100;
    private const long FirstDepartmentId = 100_001;
    private const long AgentUserId = 100_001;
    private const long CategoryId = 100_001;

    public static async Task RunAsync(string[] args, string root)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var sizes = (Value("--tickets") ?? "10000000,1000000").Split(',').Select(long.Parse).ToArray();
        var ticks = int.Parse(Value("--ticks") ?? "20");
        var runs = int.Parse(Value("--runs") ?? "3");
        var perTick = int.Parse(Value("--per-tick") ?? "1000");
        var catchUpRuns = int.Parse(Value("--catch-up-runs") ?? runs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        DapperSetup.Configure();
        var outDir = Path.Combine(root, "bench", "out");
        Directory.CreateDirectory(outDir);

        var reports = new List<SizeReport>();
        foreach (var size in sizes)
        {
            var file = Path.Combine(outDir, $"sweep-{size}.db");
            var generation = await EnsureGeneratedAsync(file, size, root);
            reports.Add(await MeasureAsync(file, size, generation, ticks, runs, catchUpRuns, perTick, args.Contains("--verbose"), root));
        }

        var text = Report(reports, ticks, runs, perTick);
        Console.WriteLine();
        Console.WriteLine(text);
        if (args.Contains("--write-results"))
        {
            await WriteResultsAsync(root, text);
        }
    }

    // ---------------------------------------------------------------------------------------------------- generation

    private sealed record Generation(TimeSpan Elapsed, long FileBytes, bool Cached, string Shape);

    private static string Marker(string file) => file + ".done";

    private static async Task<Generation> EnsureGeneratedAsync(string file, long tickets, string root)
    {
        if (File.Exists(Marker(file)) && File.Exists(file))
        {
            var lines = await File.ReadAllLinesAsync(Marker(file));
            Console.WriteLine($"Using cached {file} (generated in {lines[0]} s)");
            return new Generation(TimeSpan.FromSeconds(double.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture)), new FileInfo(file).Length, true, lines.Length > 1 ? lines[1] : "");
        }

        foreach (var f in new[] { file, file + "-wal", file + "-shm", Marker(file) })
        {
            File.Delete(f);
        }

        var total = Stopwatch.StartNew();
        Console.WriteLine($"Generating {file}: {tickets:N0} tickets, {tickets / 10:N0} open");
        var factory = Factory(file);
        await new MigrationRunner(factory, Path.Combine(root, "sql"), TimeProvider.System, NullLogger<MigrationRunner>.Instance).MigrateAsync();
        SqliteConnection.ClearAllPools();

        await using var c = new SqliteConnection($"Data Source={file};Pooling=False");
        await c.OpenAsync();
        await c.ExecuteAsync("PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA foreign_keys=ON;");

        // Bulk load without the secondary indexes, then rebuild them from their own definitions (sorted builds).
        var indexes = (await c.QueryAsync<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('Ticket', 'TicketEvent', 'TicketDepartment', 'Escalation')")).ToList();
        foreach (var (name, _) in indexes)
        {
            await c.ExecuteAsync($"DROP INDEX {name}");
        }

        await c.ExecuteAsync($"""
            INSERT INTO Category (Id, Code, Name, ParentId, SortOrder, IsActive, CreatedUtc, UpdatedUtc)
            VALUES ({CategoryId}, 'BENCH', '占道经营', NULL, 0, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00');
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {DepartmentCount - 1})
            INSERT INTO Department (Id, Code, Name, Kind, ParentId, AreaId, IsActive, CreatedUtc, UpdatedUtc)
            SELECT {FirstDepartmentId} + i, printf('BD%03d', i), printf('测试部门%03d', i), 'Functional', NULL, NULL, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM n;
            INSERT INTO AppUser (Id, UserName, DisplayName, PasswordHash, Role, DepartmentId, IsActive, FailedLoginCount, CreatedUtc, UpdatedUtc)
            VALUES ({AgentUserId}, 'bench-agent', '话务员', '!', 'Agent', NULL, 1, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00');
            """);

        const long chunk = 1_000_000;
        for (long from = 1; from <= tickets; from += chunk)
        {
            var to = Math.Min(tickets, from + chunk - 1);
            await using var tx = await c.BeginTransactionAsync();
            await c.ExecuteAsync(TicketInsert(tickets), new { From = from, To = to }, tx);
            await c.ExecuteAsync(EventInsert, new { From = from, To = to }, tx);
            await tx.CommitAsync();
            Console.WriteLine($"  tickets {to:N0}/{tickets:N0}  {total.Elapsed.TotalSeconds:F0} s");
        }

        await using (var tx = await c.BeginTransactionAsync())
        {
            await c.ExecuteAsync(AssignmentInsert, transaction: tx);
            // A running system has raised every threshold already passed: the escalations up to T0.
            var k = 0;
            foreach (var (kind, level, status, threshold, due) in Thresholds)
            {
                k++;
                await c.ExecuteAsync($"""
                    INSERT INTO Escalation (Id, TicketId, Kind, Level, DepartmentId, DueUtc, RaisedUtc)
                    SELECT {k} * 100000000 + Id, Id, '{kind}', '{level}', LeadDepartmentId, {due}, {threshold}
                    FROM Ticket WHERE Status IN ({status}) AND {threshold} <= @T0
                    """, new { T0 }, tx);
            }

            await tx.CommitAsync();
        }

        Console.WriteLine($"  assignments and past escalations  {total.Elapsed.TotalSeconds:F0} s");
        foreach (var (name, sql) in indexes)
        {
            var sw = Stopwatch.StartNew();
            await c.ExecuteAsync(sql);
            Console.WriteLine($"  index {name}  {sw.Elapsed.TotalSeconds:F1} s  (total {total.Elapsed.TotalSeconds:F0} s)");
        }

        await c.ExecuteAsync("PRAGMA analysis_limit=1000; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        var shape = await ShapeAsync(c);
        await c.CloseAsync();
        SqliteConnection.ClearAllPools();
        total.Stop();
        await File.WriteAllLinesAsync(Marker(file), [total.Elapsed.TotalSeconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture), shape]);
        Console.WriteLine($"Generated in {total.Elapsed.TotalSeconds:F0} s, {new FileInfo(file).Length / 1e9:F2} GB: {shape}");
        return new Generation(total.Elapsed, new FileInfo(file).Length, false, shape);
    }

    private static async Task<string> ShapeAsync(SqliteConnection c)
    {
        var statuses = await c.QueryAsync<(string Status, long N)>("SELECT Status, COUNT(*) FROM Ticket GROUP BY Status ORDER BY 2 DESC");
        var escalations = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Escalation");
        var events = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM TicketEvent");
        return string.Join(", ", statuses.Select(s => $"{s.Status} {s.N:N0}")) + $"; {escalations:N0} escalations and {events:N0} events already there";
    }

    private static readonly (string Kind, string Level, string Status, string Threshold, string Due)[] Thresholds =
    [
        ("Sign", "Yellow", "'PendingSign'", "SignWarnUtc", "SignDueUtc"),
        ("Sign", "Red", "'PendingSign'", "SignDueUtc", "SignDueUtc"),
        ("Handle", "Yellow", "'PendingSign', 'ReturnRequested', 'InProgress'", "HandleWarnUtc", "HandleDueUtc"),
        ("Handle", "Red", "'PendingSign', 'ReturnRequested', 'InProgress'", "HandleDueUtc", "HandleDueUtc"),
        ("Handle", "Supervise", "'PendingSign', 'ReturnRequested', 'InProgress'", "SuperviseUtc", "HandleDueUtc"),
        ("Visit", "Red", "'PendingVisit'", "VisitDueUtc", "VisitDueUtc"),
    ];

    /// <summary>
    /// Tickets from a recursive CTE: ids in creation order over 36 days up to T0; one in ten open (scattered through the
    /// table), with due times spread over weeks around T0 (sign: -1 to +1.5 days; handle: -14 to +21 days; visit: -2 to
    /// +5 days); closed tickets keep due times in their past. Times are ISO text as Microsoft.Data.Sqlite writes them.
    /// </summary>
    private static string TicketInsert(long tickets)
    {
        var t0 = new DateTimeOffset(T0).ToUnixTimeSeconds();
        var span = 36L * 86400;
        static string Ts(string seconds) => $"strftime('%Y-%m-%d %H:%M:%S', {seconds}, 'unixepoch')";
        return $"""
            WITH RECURSIVE n(i) AS (SELECT @From UNION ALL SELECT i + 1 FROM n WHERE i < @To),
            h AS (SELECT i, (i * 2654435761) % 4294967296 AS h1, ((i * 48271) % 2147483647) * 16807 % 2147483647 AS h2 FROM n), -- no 64-bit overflow
            s AS (
                SELECT i, h1, h2, {t0} - ({tickets} - i) * {span} / {tickets} AS created,
                    CASE WHEN h1 % 10 <> 0 THEN 'Closed'
                         WHEN (h1 / 10) % 100 < 3 THEN 'PendingDispatch'
                         WHEN (h1 / 10) % 100 < 8 THEN 'PendingSign'
                         WHEN (h1 / 10) % 100 < 10 THEN 'ReturnRequested'
                         WHEN (h1 / 10) % 100 < 85 THEN 'InProgress'
                         WHEN (h1 / 10) % 100 < 90 THEN 'PendingReview'
                         ELSE 'PendingVisit' END AS status,
                    (h2 % 1000000) / 1000000.0 AS r
                FROM h),
            d AS (
                SELECT i, h1, h2, created, status,
                    CASE status
                        WHEN 'Closed' THEN created + 86400
                        WHEN 'PendingSign' THEN {t0} + CAST(-86400 + r * 216000 AS INTEGER)
                        WHEN 'PendingDispatch' THEN NULL
                        WHEN 'PendingVisit' THEN {t0} - 20 * 86400 + CAST(r * 86400 AS INTEGER)
                        ELSE {t0} + CAST(-14 * 86400 + r * 35 * 86400 AS INTEGER) - 6 * 86400 END AS sign,
                    CASE status
                        WHEN 'Closed' THEN created + 7 * 86400
                        WHEN 'PendingSign' THEN {t0} + CAST(-86400 + r * 216000 AS INTEGER) + 5 * 86400
                        WHEN 'PendingDispatch' THEN NULL
                        WHEN 'PendingVisit' THEN {t0} - 14 * 86400 + CAST(r * 86400 AS INTEGER)
                        ELSE {t0} + CAST(-14 * 86400 + r * 35 * 86400 AS INTEGER) END AS handle,
                    CASE status
                        WHEN 'Closed' THEN created + 9 * 86400
                        WHEN 'PendingVisit' THEN {t0} + CAST(-2 * 86400 + r * 7 * 86400 AS INTEGER)
                        ELSE NULL END AS visit
                FROM s)
            INSERT INTO Ticket (Id, Number, Status, Channel, AppealType, Urgency, CategoryId, AreaId, Address, Title, Content, CallerName, CallerPhone,
                IsConfidential, LeadDepartmentId, CreatedByUserId, CreatedUtc, UpdatedUtc, DispatchedUtc, ClosedUtc, Version,
                PolicyId, SignDueUtc, SignWarnUtc, HandleDueUtc, HandleWarnUtc, VisitDueUtc, VisitWarnUtc, SuperviseUtc)
            SELECT i, printf('%s-%07d', strftime('%Y%m%d', created, 'unixepoch'), i), status, 'Phone',
                CASE h2 % 5 WHEN 0 THEN 'Consultation' WHEN 1 THEN 'HelpRequest' WHEN 2 THEN 'Complaint' WHEN 3 THEN 'Report' ELSE 'Suggestion' END,
                'Normal', {CategoryId}, NULL, NULL, '早市占道经营', '早市摊贩占用人行道，影响通行，请处理。', NULL, printf('138%08d', h2 % 100000000),
                0, CASE WHEN status = 'PendingDispatch' THEN NULL ELSE {FirstDepartmentId} + h1 % {DepartmentCount} END, {AgentUserId},
                {Ts("created")}, {Ts("created")}, CASE WHEN status = 'PendingDispatch' THEN NULL ELSE {Ts("created")} END,
                CASE WHEN status = 'Closed' THEN {Ts("created + 5 * 86400")} END, 4,
                5, {Ts("sign")}, {Ts("sign - 6 * 3600")}, {Ts("handle")}, {Ts("handle - 30 * 3600")}, {Ts("visit")}, {Ts("visit - 10 * 3600")},
                CASE WHEN handle IS NOT NULL THEN {Ts("handle + 4 * 86400")} END
            FROM d
            """;
    }

    private const string EventInsert = $"""
        INSERT INTO TicketEvent (Id, TicketId, Action, FromStatus, ToStatus, ActorUserId, ActorRole, DepartmentId, Reason, Detail, OccurredUtc)
        SELECT Id, Id, 'Register', NULL, 'PendingSign', CreatedByUserId, 'Agent', LeadDepartmentId, NULL, NULL, CreatedUtc
        FROM Ticket WHERE Id BETWEEN @From AND @To
        """;

    private const string AssignmentInsert = """
        INSERT INTO TicketDepartment (Id, TicketId, DepartmentId, Role, SignState, IsActive, AssignedUtc, SignedUtc, SignedByUserId)
        SELECT Id, Id, LeadDepartmentId, 'Lead', CASE WHEN Status IN ('PendingSign', 'ReturnRequested') THEN 'Pending' ELSE 'Signed' END, 1, DispatchedUtc,
            CASE WHEN Status IN ('PendingSign', 'ReturnRequested') THEN NULL ELSE DispatchedUtc END, NULL
        FROM Ticket WHERE Status NOT IN ('Closed', 'PendingDispatch')
        """;

    // --------------------------------------------------------------------------------------------------- measurement

    private sealed record Tick(double Ms, int Raised, int Urged, int Supervised, double CpuMs);

    private sealed record SizeReport(long Tickets, Generation Generation, long Due24h, TimeSpan TickInterval, List<Tick> Steady, List<Tick> CatchUps, double FullScanMs);

    private static DbConnectionFactory Factory(string file) => new(new DatabaseOptions { ConnectionString = $"Data Source={file}" }, Path.GetDirectoryName(file)!);

    private static async Task<SizeReport> MeasureAsync(string file, long tickets, Generation generation, int ticks, int runs, int catchUpRuns, int perTick, bool verbose, string root)
    {
        var factory = Factory(file);
        // Apply migrations added since the file was generated (e.g. new indexes): the sweep is measured on today's schema.
        foreach (var applied in await new MigrationRunner(factory, Path.Combine(root, "sql"), TimeProvider.System, NullLogger<MigrationRunner>.Instance).MigrateAsync())
        {
            Console.WriteLine($"Applied {applied} to {file}");
        }

        var due24 = await CountDueAsync(factory, T0, T0.AddHours(24));
        var interval = TimeSpan.FromSeconds(Math.Round(86400.0 * perTick / due24));
        Console.WriteLine($"{tickets:N0} tickets: {due24:N0} thresholds cross in the 24 h after T0; a tick of {interval.TotalSeconds:F0} s holds about {perTick:N0}");

        var fullScan = await FullScanAsync(factory);
        var time = new ManualTime(T0);
        var sweeper = new DeadlineSweeper(new Database(factory, TransientFaults.CreatePipeline()), new IdGenerator(time, 1), time, NullLogger<DeadlineSweeper>.Instance);

        // Warm-up (JIT, page cache), then reset.
        await ResetAsync(factory);
        for (var k = 1; k <= 3; k++)
        {
            time.Now = T0 + interval * k;
            await sweeper.SweepAsync(CancellationToken.None);
        }

        var steady = new List<Tick>();
        for (var run = 0; run < runs; run++)
        {
            await ResetAsync(factory);
            for (var k = 1; k <= ticks; k++)
            {
                time.Now = T0 + interval * k;
                steady.Add(await TimedAsync(sweeper));
                if (verbose)
                {
                    // The WAL file's size is a high-water mark (it is reused after a checkpoint): the pages of the largest commit so far.
                    Console.WriteLine($"    tick {k}: {steady[^1].Ms:F1} ms ({steady[^1].CpuMs:F0} ms CPU), {steady[^1].Raised} raised, WAL {new FileInfo(file + "-wal").Length / (4096 + 24)} pages");
                }
            }

            Console.WriteLine($"  steady run {run + 1}: p50 {Percentile(steady.TakeLast(ticks), 50):F1} ms, max {steady.TakeLast(ticks).Max(t => t.Ms):F1} ms, {steady.TakeLast(ticks).Sum(t => t.Raised):N0} raised");
        }

        var catchUps = new List<Tick>();
        for (var run = 0; run < catchUpRuns; run++)
        {
            await ResetAsync(factory);
            time.Now = T0.AddHours(24);
            catchUps.Add(await TimedAsync(sweeper));
            Console.WriteLine($"  catch-up run {run + 1}: {catchUps[^1].Ms:F0} ms ({catchUps[^1].CpuMs:F0} ms CPU), {catchUps[^1].Raised:N0} raised");
            await CheckExactlyOnceAsync(factory, catchUps[^1], due24);
        }

        await ResetAsync(factory);
        SqliteConnection.ClearAllPools();
        return new SizeReport(tickets, generation, due24, interval, steady, catchUps, fullScan);
    }

    /// <summary>Wall time, and the CPU time this process spent meanwhile (on a shared machine the gap is waiting: for a core or the disk).</summary>
    private static async Task<Tick> TimedAsync(DeadlineSweeper sweeper)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var r = await sweeper.SweepAsync(CancellationToken.None);
        var wall = sw.Elapsed.TotalMilliseconds;
        process.Refresh();
        return new Tick(wall, r.Raised, r.Urged, r.Supervised, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    /// <summary>
    /// The catch-up raised exactly the thresholds crossed in its 24 hours (counted independently over the index
    /// ranges), each once, and wrote no timeline event beside them (an escalation is its own timeline entry): the figures
    /// are of complete work.
    /// </summary>
    private static async Task CheckExactlyOnceAsync(DbConnectionFactory factory, Tick tick, long due)
    {
        await using var c = await factory.OpenAsync();
        var escalations = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM Escalation WHERE Id > {GeneratedIdCeiling}");
        var events = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM TicketEvent WHERE Id > {GeneratedIdCeiling}");
        if (tick.Raised != due || escalations != due || events != 0)
        {
            throw new InvalidOperationException($"Catch-up incomplete: {tick.Raised} raised, {escalations} escalations and {events} events for {due} thresholds crossed.");
        }
    }

    /// <summary>Back to the generated state: nothing raised after T0, the sweep last ran at T0.</summary>
    private static async Task ResetAsync(DbConnectionFactory factory)
    {
        await using var c = await factory.OpenAsync();
        await c.ExecuteAsync($"""
            DELETE FROM TicketEvent WHERE Id > {GeneratedIdCeiling};
            DELETE FROM Escalation WHERE Id > {GeneratedIdCeiling};
            DELETE FROM SweepState;
            INSERT INTO SweepState (Name, LastSweptUtc) VALUES (@Name, @T0);
            PRAGMA wal_checkpoint(TRUNCATE);
            """, new { Name = DeadlineSweeper.SweepName, T0 });
    }

    private static async Task<long> CountDueAsync(DbConnectionFactory factory, DateTime since, DateTime now)
    {
        await using var c = await factory.OpenAsync();
        long total = 0;
        foreach (var (_, _, status, threshold, _) in Thresholds)
        {
            total += await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM Ticket WHERE Status IN ({status}) AND {threshold} > @Since AND {threshold} <= @Now", new { Since = since, Now = now });
        }

        return total;
    }

    /// <summary>What the index ranges beat: one pass over every ticket for the handle thresholds of a tick.</summary>
    private static async Task<double> FullScanAsync(DbConnectionFactory factory)
    {
        await using var c = await factory.OpenAsync();
        var sw = Stopwatch.StartNew();
        await c.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM Ticket NOT INDEXED
            WHERE Status IN ('PendingSign', 'ReturnRequested', 'InProgress') AND HandleDueUtc > @Since AND HandleDueUtc <= @Now
            """, new { Since = T0, Now = T0.AddMinutes(1) });
        return sw.Elapsed.TotalMilliseconds;
    }

    private static double Percentile(IEnumerable<Tick> ticks, double p)
    {
        var sorted = ticks.Select(t => t.Ms).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Report(List<SizeReport> reports, int ticks, int runs, int perTick)
    {
        var lines = new List<string>
        {
            "| tickets (open) | file | generated in | thresholds in 24 h | tick interval | ticks | escalations per tick (mean) | p50 ms | p99 ms | max ms | best run p50 ms | CPU ms per tick (p50) | catch-up 24 h: raised | catch-up ms (best / median / max) | catch-up CPU ms (best) | full scan ms |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        };
        foreach (var r in reports)
        {
            var bestRunP50 = r.Steady.Chunk(ticks).Select(run => Percentile(run, 50)).Min();
            var catchMs = r.CatchUps.Select(t => t.Ms).ToList();
            var catchUp = r.CatchUps.Count == 0
                ? "- | - | -"
                : $"{r.CatchUps[0].Raised:N0} ({r.CatchUps[0].Urged:N0} urges, {r.CatchUps[0].Supervised:N0} supervision orders) | {catchMs.Min():F0} / {Median(catchMs):F0} / {catchMs.Max():F0} | {r.CatchUps.Min(t => t.CpuMs):F0}";
            lines.Add($"| {r.Tickets:N0} ({r.Tickets / 10:N0}) | {r.Generation.FileBytes / 1e9:F1} GB | {r.Generation.Elapsed.TotalSeconds:F0} s | {r.Due24h:N0} | {r.TickInterval.TotalSeconds:F0} s | {r.Steady.Count} ({runs} x {ticks}) | {r.Steady.Average(t => t.Raised):F0} | {Percentile(r.Steady, 50):F1} | {Percentile(r.Steady, 99):F1} | {r.Steady.Max(t => t.Ms):F1} | {bestRunP50:F1} | {Median(r.Steady.Select(t => t.CpuMs)):F0} | {catchUp} | {r.FullScanMs:F0} |");
        }

        lines.Add("");
        foreach (var r in reports)
        {
            lines.Add($"Dataset {r.Tickets:N0}: {r.Generation.Shape}.");
        }

        return string.Join("\n", lines);
    }

    private static async Task WriteResultsAsync(string root, string table)
    {
        var load = File.ReadAllText("/proc/loadavg").Trim();
        var section = $"""

            ## Deadline sweep: raw run ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)

            Machine: {Hotline.Bench.Report.Machine()}; commit {Hotline.Bench.Report.Git()}; load average at the end: {load}.

            {table}

            """;
        await Hotline.Bench.Report.AppendRawAsync(root, section);
    }

    /// <summary>The clock the sweeper and its id generator read: set by the benchmark, never moving on its own.</summary>
    private sealed class ManualTime(DateTime start) : TimeProvider
    {
        public DateTime Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);
    }
}
