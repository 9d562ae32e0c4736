using System.Diagnostics;
using Dapper;
using Hotline.Core.Data;
using Hotline.Core.Window;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Bench;

/// <summary>
/// Window-case deadline sweep (issue 8): the production <see cref="WindowCaseSweeper"/> in process on its real
/// <see cref="Database"/> writer, against a SQLite file built by the real migrations and filled with N window cases of
/// which a tenth are in hand with due times spread over weeks around "now"; steady ticks of about --per-tick crossed
/// thresholds and a 24-hour catch-up. With --rebuild-on FILE it also times migration 0007's rebuild of the Escalation
/// table on an existing database (e.g. the sweep bench's bench/out/sweep-1000000.db), in a transaction rolled back.
///   dotnet run --project bench/Hotline.Bench -c Release -- window [--cases 1000000] [--ticks 20] [--per-tick 1000] [--rebuild-on FILE] [--write-results]
/// </summary>
internal static class WindowSweepBench
{
    private static readonly DateTime T0 = new(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc);
    private const long FirstDepartmentId = 100_001;
    private const long StaffUserId = 100_001;

    public static async Task RunAsync(string[] args, string root)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var cases = long.Parse(Value("--cases") ?? "1000000");
        var ticks = int.Parse(Value("--ticks") ?? "20");
        var perTick = int.Parse(Value("--per-tick") ?? "1000");
        DapperSetup.Configure();
        var outDir = Path.Combine(root, "bench", "out");
        Directory.CreateDirectory(outDir);
        var file = Path.Combine(outDir, $"window-{cases}.db");
        var lines = new List<string>();

        var generation = await GenerateAsync(file, cases, root);
        lines.Add($"Generated {cases:N0} window cases ({cases / 10:N0} in hand) in {generation.TotalSeconds:F1} s; file {new FileInfo(file).Length / 1_048_576.0:F0} MB.");

        var factory = new DbConnectionFactory(new DatabaseOptions { ConnectionString = $"Data Source={file}" }, outDir);
        var time = new BenchTime(T0);
        var db = new Database(factory, TransientFaults.CreatePipeline());
        var sweeper = new WindowCaseSweeper(db, new IdGenerator(time, 1), time, NullLogger<WindowCaseSweeper>.Instance);
        await sweeper.SweepAsync(CancellationToken.None); // the sweep's first run at T0: its state row

        // In hand: 10% of N, each with a warn and a due time, spread over 35 days: thresholds per second = 2 * inHand / 35 days.
        var perSecond = 2.0 * (cases / 10) / (35 * 86400.0);
        var interval = TimeSpan.FromSeconds(perTick / perSecond);
        var wall = new List<double>();
        var raised = 0;
        for (var i = 0; i < ticks; i++)
        {
            time.Now = time.Now + interval;
            var sw = Stopwatch.StartNew();
            raised += await sweeper.SweepAsync(CancellationToken.None);
            wall.Add(sw.Elapsed.TotalMilliseconds);
        }

        wall.Sort();
        lines.Add($"Steady ticks: {ticks} ticks of {interval.TotalMinutes:F0} simulated minutes, {raised / (double)ticks:F0} escalations a tick: p50 {wall[wall.Count / 2]:F1} ms, p99/max {wall[^1]:F1} ms.");

        time.Now = time.Now.AddHours(24);
        var catchUp = Stopwatch.StartNew();
        var caught = await sweeper.SweepAsync(CancellationToken.None);
        lines.Add($"Catch-up after 24 hours: {caught:N0} escalations (with their log entries and feed rows) in {catchUp.Elapsed.TotalMilliseconds:F0} ms.");
        var again = await sweeper.SweepAsync(CancellationToken.None);
        lines.Add($"Sweeping again at once raises {again} (idempotent).");

        if (Value("--rebuild-on") is { } existing)
        {
            lines.Add(await TimeRebuildAsync(existing, root));
        }

        var text = string.Join(Environment.NewLine, lines.Select(l => "- " + l));
        Console.WriteLine(text);
        if (args.Contains("--write-results"))
        {
            var load = File.ReadAllText("/proc/loadavg").Trim();
            await File.AppendAllTextAsync(Path.Combine(root, "bench", "RESULTS.md"), $"""

                ## Window-case deadline sweep (issue 8) ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)

                Machine: {Report.Machine()}; commit {Report.Git()}; load average at the end: {load}.

                {text}

                """);
        }
    }

    private static async Task<TimeSpan> GenerateAsync(string file, long cases, string root)
    {
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(f);
        }

        var sw = Stopwatch.StartNew();
        var factory = new DbConnectionFactory(new DatabaseOptions { ConnectionString = $"Data Source={file}" }, Path.GetDirectoryName(file)!);
        await new MigrationRunner(factory, Path.Combine(root, "sql"), TimeProvider.System, NullLogger<MigrationRunner>.Instance).MigrateAsync();
        SqliteConnection.ClearAllPools();
        await using var c = new SqliteConnection($"Data Source={file};Pooling=False");
        await c.OpenAsync();
        await c.ExecuteAsync("PRAGMA synchronous=OFF; PRAGMA cache_size=-500000;");
        await using var tx = await c.BeginTransactionAsync();
        await c.ExecuteAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99)
            INSERT INTO Department (Id, Code, Name, Kind, ParentId, AreaId, IsActive, CreatedUtc, UpdatedUtc)
            SELECT {FirstDepartmentId} + i, printf('WD%03d', i), printf('窗口测试部门%03d', i), 'Functional', NULL, NULL, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM n;
            INSERT INTO AppUser (Id, UserName, DisplayName, PasswordHash, Role, DepartmentId, IsActive, FailedLoginCount, CreatedUtc, UpdatedUtc)
            VALUES ({StaffUserId}, 'bench-window', '窗口', '!', 'WindowStaff', NULL, 1, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00');
            """, transaction: tx);
        // One case in ten in hand (Handling), its due time from -14 to +21 days around T0, warn 20% of 5 working days (~1 day) earlier;
        // the others closed. Cases whose thresholds already passed are taken as escalated by the sweep's first run (its state row at T0).
        var t0 = new DateTimeOffset(T0).ToUnixTimeSeconds();
        static string Ts(string seconds) => $"strftime('%Y-%m-%d %H:%M:%S', {seconds}, 'unixepoch')";
        await c.ExecuteAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {cases})
            INSERT INTO WindowCase (Id, Number, Status, ApplicantName, ApplicantPhone, ServiceItemName, ServiceItemCode, FailedDepartmentId, FailedUtc, Cause,
                Description, Request, Mode, LeadDepartmentId, HandlingStartedUtc, DueUtc, WarnUtc, DeadlineEstimated, ClosedUtc, CreatedByUserId, CreatedUtc, UpdatedUtc, Version)
            SELECT i, printf('CKB-%09d', i), CASE WHEN i % 10 = 0 THEN 'Handling' ELSE 'Closed' END, '申请人', '13800000000', printf('事项%03d', i % 500), printf('SX%03d', i % 500),
                {FirstDepartmentId} + i % 100, {Ts($"{t0} - 86400 * 30")}, 'Materials', '情况', '诉求', 'Department', {FirstDepartmentId} + i % 100, {Ts($"{t0} - 86400 * 20")},
                {Ts($"{t0} - 14 * 86400 + (i * 7919) % (35 * 86400)")}, {Ts($"{t0} - 15 * 86400 + (i * 7919) % (35 * 86400)")}, 0,
                CASE WHEN i % 10 = 0 THEN NULL ELSE {Ts($"{t0} - 86400")} END, {StaffUserId}, {Ts($"{t0} - 86400 * 30")}, {Ts($"{t0} - 86400 * 30")}, 1
            FROM n
            """, transaction: tx);
        await tx.CommitAsync();
        await c.ExecuteAsync("ANALYZE WindowCase"); // (one word alone would be taken by Dapper for a stored procedure)
        return sw.Elapsed;
    }

    /// <summary>Migration 0007's Escalation rebuild (its statements from the script) on an existing file, timed and rolled back.</summary>
    private static async Task<string> TimeRebuildAsync(string file, string root)
    {
        var script = await File.ReadAllTextAsync(Path.Combine(root, "sql", "sqlite", "0007_window_cases.sql"));
        var rebuild = script[script.IndexOf("CREATE TABLE WindowCase (", StringComparison.Ordinal)..];
        await using var c = new SqliteConnection($"Data Source={file};Pooling=False");
        await c.OpenAsync();
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'WindowCase'") > 0)
        {
            // Already migrated: undo nothing, time the same copy and index build on a scratch name instead.
            rebuild = rebuild[rebuild.IndexOf("CREATE TABLE Escalation_0007", StringComparison.Ordinal)..rebuild.IndexOf("DROP TABLE Escalation;", StringComparison.Ordinal)]
                + "CREATE UNIQUE INDEX IX_Scratch_1 ON Escalation_0007 (TicketId, Kind, Level, DueUtc); CREATE UNIQUE INDEX IX_Scratch_2 ON Escalation_0007 (WindowCaseId, Kind, Level, DueUtc); CREATE INDEX IX_Scratch_3 ON Escalation_0007 (ClearedUtc, RaisedUtc);";
        }

        var rows = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Escalation");
        await using var tx = await c.BeginTransactionAsync();
        var sw = Stopwatch.StartNew();
        await c.ExecuteAsync(rebuild, transaction: tx);
        var elapsed = sw.Elapsed;
        await tx.RollbackAsync();
        return $"Migration 0007's Escalation rebuild on {Path.GetFileName(file)} ({rows:N0} escalations): {elapsed.TotalSeconds:F1} s (rolled back).";
    }

    private sealed class BenchTime(DateTime start) : TimeProvider
    {
        public DateTime Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);
    }
}
