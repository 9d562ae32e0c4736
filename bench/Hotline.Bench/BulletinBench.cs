using System.Diagnostics;
using System.Globalization;
using Dapper;
using Hotline.Core.Calendar;
using Hotline.Core.Data;
using Hotline.Core.Deadlines;
using Hotline.Core.Directory;
using Hotline.Core.Metrics;
using Hotline.Core.Repeat;
using Hotline.Core.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Bench;

/// <summary>
/// Monthly bulletin benchmark (DESIGN.md "Performance targets": under 200 ms pre-aggregated, under 10 s raw): a real
/// SQLite file built by the real migrations with N tickets over twelve months (December 2025 to November 2026) and
/// their event log (register, dispatch, sign, reply, approval, visit; some returns, late signs, overdue escalations and
/// reopenings), the roll-ups built by the production <see cref="MetricsRollup.RebuildAsync"/>, then the production
/// <see cref="BulletinService.ComputeAsync"/> for November 2026 from the roll-ups and recomputed from raw data.
///   dotnet run --project bench/Hotline.Bench -c Release -- bulletin [--tickets 10000000] [--runs 5] [--raw-runs 3] [--write-results]
/// The file is cached under bench/out/ (git-ignored): re-runs skip generation and the rebuild.
/// </summary>
internal static class BulletinBench
{
    private const string Month = "2026-11";
    private const int Departments = 100;
    private const int Categories = 50;   // 5 roots of 10
    private const int Streets = 20;      // of 10 communities each
    private const long FirstDepartment = 200_001;
    private const long FirstCategory = 200_001;
    private const long FirstArea = 200_001;
    private const long Agent = 200_001;

    /// <summary>1 Dec 2025 00:00 in Beijing.</summary>
    private static readonly long Start = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeSeconds();
    private const long Span = 365L * 86400;

    public static async Task RunAsync(string[] args, string root)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var tickets = long.Parse(Value("--tickets") ?? "10000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Value("--runs") ?? "5", CultureInfo.InvariantCulture);
        var rawRuns = int.Parse(Value("--raw-runs") ?? "3", CultureInfo.InvariantCulture);
        DapperSetup.Configure();
        var outDir = Path.Combine(root, "bench", "out");
        Directory.CreateDirectory(outDir);
        var file = Path.Combine(outDir, $"bulletin-{tickets}.db");
        var marker = file + ".done";
        string generation;
        if (File.Exists(marker) && File.Exists(file))
        {
            generation = await File.ReadAllTextAsync(marker);
            Console.WriteLine($"Using cached {file}: {generation}");
            await MigrateAsync(file, root); // migrations added since it was generated
        }
        else if (File.Exists(file) && args.Contains("--rebuild"))
        {
            await MigrateAsync(file, root);
            generation = $"{tickets:N0} tickets (loaded earlier); {await RebuildAsync(file)}"; // a loaded file whose roll-ups were not built
            await File.WriteAllTextAsync(marker, generation);
        }
        else
        {
            generation = await GenerateAsync(file, tickets, root);
            await File.WriteAllTextAsync(marker, generation);
        }

        var s = Services(file);
        var rollup = new List<double>();
        BulletinContent? fromRollups = null;
        for (var i = 0; i < runs + 1; i++)
        {
            var sw = Stopwatch.StartNew();
            fromRollups = await s.Bulletins.ComputeAsync(Month, MetricSource.Rollup, CancellationToken.None);
            sw.Stop();
            if (i > 0)
            {
                rollup.Add(sw.Elapsed.TotalMilliseconds); // the first run warms the process (JIT, connection pool)
            }

            Console.WriteLine($"  from roll-ups: {sw.Elapsed.TotalMilliseconds:F1} ms{(i == 0 ? " (warm-up)" : "")}");
        }

        var raw = new List<double>();
        BulletinContent? fromRaw = null;
        for (var i = 0; i < rawRuns; i++)
        {
            var sw = Stopwatch.StartNew();
            fromRaw = await s.Bulletins.ComputeAsync(Month, MetricSource.Raw, CancellationToken.None);
            sw.Stop();
            raw.Add(sw.Elapsed.TotalMilliseconds);
            Console.WriteLine($"  recomputed from raw data: {sw.Elapsed.TotalMilliseconds:F0} ms");
        }

        var same = fromRollups!.Departments.Select(d => (d.DepartmentId, d.Counters)).SequenceEqual(fromRaw!.Departments.Select(d => (d.DepartmentId, d.Counters)))
            && fromRollups.HotIssues.TopCategories.SequenceEqual(fromRaw.HotIssues.TopCategories)
            && fromRollups.HotIssues.RisingCategories.SequenceEqual(fromRaw.HotIssues.RisingCategories);
        var load = File.ReadAllText("/proc/loadavg").Trim();
        var text = $"""
            | bulletin of {Month} over {tickets:N0} tickets | runs | min | median | max | target |
            | --- | --- | --- | --- | --- | --- |
            | from the daily roll-ups | {rollup.Count} | {rollup.Min():F1} ms | {Median(rollup):F1} ms | {rollup.Max():F1} ms | under 200 ms |
            | recomputed from raw data (event log and tickets) | {raw.Count} | {raw.Min() / 1000:F2} s | {Median(raw) / 1000:F2} s | {raw.Max() / 1000:F2} s | under 10 s |

            The month: {fromRollups.Totals.Received:N0} receipts by {fromRollups.Departments.Count} departments, {fromRollups.HotIssues.Total:N0} tickets registered,
            {fromRollups.Totals.Completed:N0} completed, {fromRollups.Totals.Visited:N0} visits, {fromRollups.Totals.Repeated:N0} repeat appeals.
            Both ways give the same figures, ranking and hot issues: {(same ? "yes" : "NO")}. Load average at the end: {load}.

            Data: {generation}
            """;
        Console.WriteLine();
        Console.WriteLine(text);
        if (args.Contains("--write-results"))
        {
            await Report.AppendRawAsync(root, $"\n## Monthly bulletin over {tickets:N0} tickets ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n\nMachine: {Report.Machine()}; commit {Report.Git()}.\n\n{text}\n");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Stack(Database Db, MetricsRollup Rollup, BulletinService Bulletins);

    private static Stack Services(string file)
    {
        var time = TimeProvider.System;
        var factory = new DbConnectionFactory(new DatabaseOptions { ConnectionString = $"Data Source={file}" }, Path.GetDirectoryName(file)!);
        var db = new Database(factory, TransientFaults.CreatePipeline(time: time));
        var ticketOptions = new TicketOptions();
        var calendars = new CalendarService(db, time, ticketOptions, new DeadlineOptions());
        var ids = new IdGenerator(time, 0);
        var directory = new DirectoryService(db, ids, time, new PasswordHasher<UserView>());
        var options = new MetricsOptions();
        var rollup = new MetricsRollup(db, calendars, directory, ticketOptions, options, time, NullLogger<MetricsRollup>.Instance);
        var metrics = new MetricsService(db, rollup, calendars, directory, ids, time, ticketOptions, options);
        return new Stack(db, rollup, new BulletinService(db, metrics, new RepeatQueries(db, time), ids, time, options, NullLogger<BulletinService>.Instance));
    }

    private static async Task<string> GenerateAsync(string file, long tickets, string root)
    {
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(f);
        }

        var total = Stopwatch.StartNew();
        Console.WriteLine($"Generating {file}: {tickets:N0} tickets over twelve months with their events");
        await MigrateAsync(file, root);

        await using (var c = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await c.OpenAsync();
            // No journal while loading (a failed load is generated again): a WAL would hold each chunk twice and copy it back at every checkpoint.
            await c.ExecuteAsync("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-2000000; PRAGMA temp_store=MEMORY;");
            // Bulk load without the secondary indexes and the triggers (the loader writes what they would), then put them back;
            // all but the caller's index, which the receipts' repeat flag is looked up in as production does.
            var indexes = (await c.QueryAsync<(string Name, string Sql)>(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('Ticket', 'TicketEvent', 'TicketDepartment', 'Escalation') "
                + "AND name <> 'IX_Ticket_CallerPhone_CreatedUtc'")).ToList();
            var triggers = (await c.QueryAsync<(string Name, string Sql)>(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('TicketEvent', 'Escalation')")).ToList();
            foreach (var (name, _) in indexes)
            {
                await c.ExecuteAsync($"DROP INDEX {name}");
            }

            foreach (var (name, _) in triggers)
            {
                await c.ExecuteAsync($"DROP TRIGGER {name}");
            }

            await c.ExecuteAsync(DirectorySql());
            const long chunk = 500_000;
            for (long from = 1; from <= tickets; from += chunk)
            {
                var to = Math.Min(tickets, from + chunk - 1);
                await using var tx = await c.BeginTransactionAsync();
                // Each generated ticket's attributes are computed once into a temp table; the events are then appended in
                // key order (ticket, then step), so every insert lands at the end of the table's B-tree.
                await c.ExecuteAsync("DROP TABLE IF EXISTS temp.g", transaction: tx);
                var steps = Stopwatch.StartNew();
                await c.ExecuteAsync(Generated(tickets), new { From = from, To = to }, tx);
                var generated = steps.Elapsed.TotalSeconds;
                await c.ExecuteAsync(TicketInsert, transaction: tx);
                var ticketRows = steps.Elapsed.TotalSeconds;
                await c.ExecuteAsync(EventInsert, transaction: tx);
                var eventRows = steps.Elapsed.TotalSeconds;
                await c.ExecuteAsync(EscalationInsert, transaction: tx);
                await tx.CommitAsync();
                Console.WriteLine($"  tickets {to:N0}/{tickets:N0}  {total.Elapsed.TotalSeconds:F0} s (generated {generated:F1} s, tickets {ticketRows - generated:F1} s, "
                    + $"events {eventRows - ticketRows:F1} s, escalations and commit {steps.Elapsed.TotalSeconds - eventRows:F1} s)");
            }

            await c.ExecuteAsync("DROP TABLE IF EXISTS temp.g");
            foreach (var (name, sql) in indexes.Concat(triggers))
            {
                var sw = Stopwatch.StartNew();
                await c.ExecuteAsync(sql);
                Console.WriteLine($"  {name}  {sw.Elapsed.TotalSeconds:F1} s  (total {total.Elapsed.TotalSeconds:F0} s)");
            }

            await c.ExecuteAsync("PRAGMA analysis_limit=1000; ANALYZE; PRAGMA journal_mode=WAL;");
        }

        var loaded = total.Elapsed;
        var text = $"{tickets:N0} tickets loaded in {loaded.TotalSeconds:F0} s; {await RebuildAsync(file)}";
        Console.WriteLine(text);
        return text;
    }

    /// <summary>The roll-ups rebuilt from the event log by the production code, timed.</summary>
    private static async Task<string> RebuildAsync(string file)
    {
        SqliteConnection.ClearAllPools();
        var s = Services(file);
        var path = MetricDefinitions.FixedOffsetMinutes(new TicketOptions().ResolveTimeZone()) is null ? "event by event" : "counted in the database a day at a time";
        var sw2 = Stopwatch.StartNew();
        var folded = await s.Rollup.RebuildAsync(CancellationToken.None);
        sw2.Stop();
        var (events, daily, intake) = await s.Db.ReadAsync(async (c, ct) => (
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM TicketEvent"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM MetricDaily"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM IntakeDaily")), CancellationToken.None);
        SqliteConnection.ClearAllPools();
        return $"{events:N0} events ({new FileInfo(file).Length / 1e9:F1} GB); roll-ups rebuilt from the event log by MetricsRollup.RebuildAsync ({path}) "
            + $"in {sw2.Elapsed.TotalSeconds:F0} s ({folded:N0} events folded into {daily:N0} department-day and {intake:N0} category-street-day rows)";
    }

    private static async Task MigrateAsync(string file, string root)
    {
        var factory = new DbConnectionFactory(new DatabaseOptions { ConnectionString = $"Data Source={file}" }, Path.GetDirectoryName(file)!);
        await new MigrationRunner(factory, Path.Combine(root, "sql"), TimeProvider.System, NullLogger<MigrationRunner>.Instance).MigrateAsync();
        SqliteConnection.ClearAllPools();
    }

    private static string DirectorySql() => $"""
        INSERT INTO AppUser (Id, UserName, DisplayName, PasswordHash, Role, DepartmentId, IsActive, FailedLoginCount, CreatedUtc, UpdatedUtc)
        VALUES ({Agent}, 'bench-agent', '话务员', '!', 'Agent', NULL, 1, 0, '2025-01-01 00:00:00', '2025-01-01 00:00:00');
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Departments - 1})
        INSERT INTO Department (Id, Code, Name, Kind, ParentId, AreaId, IsActive, CreatedUtc, UpdatedUtc)
        SELECT {FirstDepartment} + i, printf('BD%03d', i), printf('测试部门%03d', i), 'Functional', NULL, NULL, 1, '2025-01-01 00:00:00', '2025-01-01 00:00:00' FROM n;
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Categories + Categories / 10 - 1})
        INSERT INTO Category (Id, Code, Name, ParentId, SortOrder, IsActive, CreatedUtc, UpdatedUtc)
        SELECT {FirstCategory} + i, printf('BC%03d', i), CASE WHEN i < {Categories} THEN printf('类别%02d', i) ELSE printf('大类%d', i - {Categories}) END,
            CASE WHEN i < {Categories} THEN {FirstCategory + Categories} + i / 10 END, 0, 1, '2025-01-01 00:00:00', '2025-01-01 00:00:00' FROM n;
        INSERT INTO Area (Id, Code, Name, Level, ParentId, IsActive, CreatedUtc, UpdatedUtc)
        VALUES ({FirstArea - 1}, 'BA-D', '测试区', 'District', NULL, 1, '2025-01-01 00:00:00', '2025-01-01 00:00:00');
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Streets * 11 - 1})
        INSERT INTO Area (Id, Code, Name, Level, ParentId, IsActive, CreatedUtc, UpdatedUtc)
        SELECT {FirstArea} + i, printf('BA%03d', i), CASE WHEN i < {Streets} THEN printf('街道%02d', i) ELSE printf('社区%03d', i - {Streets}) END,
            CASE WHEN i < {Streets} THEN 'Street' ELSE 'Community' END,
            CASE WHEN i < {Streets} THEN {FirstArea - 1} ELSE {FirstArea} + (i - {Streets}) % {Streets} END, 1, '2025-01-01 00:00:00', '2025-01-01 00:00:00' FROM n;
        """;

    /// <summary>
    /// The generated tickets @From..@To into temp table g. Ticket i is created evenly over the year; a hash picks its department,
    /// category, community, caller (3 million phones), whether it is still open (1 in 10), signed late (1 in 10), replied late
    /// (1 in 10: after a red handle escalation), returned (1 in 33), the visit's satisfaction and resolution, and reopening.
    /// One ticket in 12 is the same caller calling again about the same category as a ticket up to 5,000 tickets before
    /// (days at 10 million a year): the repeat-appeal rule has something to find.
    /// </summary>
    private static string Generated(long tickets) => $"""
        CREATE TEMP TABLE g AS
        WITH RECURSIVE n(i) AS (SELECT @From UNION ALL SELECT i + 1 FROM n WHERE i < @To),
        s AS (SELECT i, (i * 2654435761) % 4294967296 AS h, (i * 2246822519) % 4294967296 AS h2, {Start} + (i - 1) * {Span} / {tickets} AS c FROM n),
        m AS (SELECT *, CASE WHEN h2 % 12 = 0 AND i - 1 - (h2 / 12) % 5000 >= 1 THEN ((i - 1 - (h2 / 12) % 5000) * 2654435761) % 4294967296 ELSE h END AS hm FROM s)
        SELECT i, h, c, {FirstDepartment} + h % {Departments} AS dept, (h / 7) % 10 = 0 AS open, (h / 70) % 10 = 0 AS lateSign,
            (h / 700) % 10 = 0 AS lateReply, (h / 7000) % 33 = 0 AS returned, (h / 230000) % 10 AS sat, (h / 2300000) % 10 <> 0 AS resolved,
            c + CASE WHEN (h / 700) % 10 = 0 THEN 9 ELSE 3 END * 86400 AS r,
            {FirstCategory} + (hm / 13) % {Categories} AS category, printf('138%08d', (hm / 19) % 3000000) AS phone
        FROM m ORDER BY i
        """;

    private static string Ts(string seconds) => $"strftime('%Y-%m-%d %H:%M:%S', {seconds}, 'unixepoch')";

    private static readonly string TicketInsert = $"""
        INSERT INTO Ticket (Id, Number, Status, Channel, AppealType, Urgency, CategoryId, AreaId, Address, Title, Content, CallerName, CallerPhone,
            IsConfidential, LeadDepartmentId, CreatedByUserId, CreatedUtc, UpdatedUtc, DispatchedUtc, RepliedUtc, ClosedUtc, Satisfaction, Version,
            SignDueUtc, HandleDueUtc)
        SELECT i, printf('B%010d', i), CASE WHEN open THEN 'InProgress' ELSE 'Closed' END,
            CASE h % 7 WHEN 0 THEN 'Web' WHEN 1 THEN 'WeChat' WHEN 2 THEN 'App' ELSE 'Phone' END, 'Complaint', 'Normal',
            category, {FirstArea + Streets} + (h / 17) % {Streets * 10}, NULL, '测试诉求', '测试诉求内容', NULL,
            phone, 0, dept, {Agent}, {Ts("c")}, {Ts("c")}, {Ts("c + 300")},
            CASE WHEN open THEN NULL ELSE {Ts("r")} END, CASE WHEN open THEN NULL ELSE {Ts("r + 14400")} END,
            CASE WHEN open THEN NULL WHEN sat < 2 THEN 'Unsatisfied' WHEN sat = 2 THEN 'BasicallySatisfied' ELSE 'Satisfied' END, 6,
            {Ts("c + 86400")}, {Ts("c + 7 * 86400")}
        FROM g ORDER BY i
        """;

    private const string SignDetail = """'{"role":"Lead"}'""";
    private const string ReplyDetail = """'{"result":"已处理","resolved":true}'""";
    private const string VisitOpen = """'{"satisfaction":"'""";
    private const string VisitMiddle = """'","resolved":'""";
    private const string VisitClose = "'}'";

    /// <summary>
    /// A ticket's events, steps k of one statement in key order (i * 10 + k): 0 register, 1 dispatch, 2 return request, 3 sign,
    /// 5 reply, 6 approval, 7 visit, 8 reopening (4 is the red escalation's key, in <see cref="EscalationInsert"/>). The dispatch
    /// records whether the appeal repeats by the production rule, against the tickets loaded so far.
    /// </summary>
    private static readonly string EventInsert = $"""
        WITH k(k) AS (VALUES (0), (1), (2), (3), (5), (6), (7), (8))
        INSERT INTO TicketEvent (Id, TicketId, Action, FromStatus, ToStatus, ActorUserId, ActorRole, DepartmentId, Reason, Detail, OccurredUtc, DueUtc, StartedUtc, DoneUtc, IsRepeat)
        SELECT i * 10 + k, i,
            CASE k WHEN 0 THEN 'Register' WHEN 1 THEN 'Dispatch' WHEN 2 THEN 'RequestReturn' WHEN 3 THEN 'Sign' WHEN 5 THEN 'Reply' WHEN 6 THEN 'ApproveReply' WHEN 7 THEN 'RecordVisit' ELSE 'Reopen' END,
            CASE k WHEN 0 THEN NULL WHEN 1 THEN 'PendingDispatch' WHEN 2 THEN 'PendingSign' WHEN 3 THEN 'PendingSign' WHEN 5 THEN 'InProgress' WHEN 6 THEN 'PendingReview' WHEN 7 THEN 'PendingVisit' ELSE 'Closed' END,
            CASE k WHEN 0 THEN 'PendingDispatch' WHEN 1 THEN 'PendingSign' WHEN 2 THEN 'ReturnRequested' WHEN 3 THEN 'InProgress' WHEN 5 THEN 'PendingReview' WHEN 6 THEN 'PendingVisit' WHEN 7 THEN 'Closed' ELSE 'InProgress' END,
            {Agent},
            CASE k WHEN 0 THEN 'Agent' WHEN 1 THEN 'Dispatcher' WHEN 2 THEN 'Liaison' WHEN 3 THEN 'Liaison' WHEN 5 THEN 'Liaison' WHEN 6 THEN 'Dispatcher' ELSE 'Agent' END,
            CASE WHEN k = 0 THEN NULL ELSE dept END,
            CASE k WHEN 2 THEN '不属于本单位职责' WHEN 8 THEN '回访不满意' END,
            CASE k WHEN 3 THEN {SignDetail} WHEN 5 THEN {ReplyDetail}
                WHEN 7 THEN {VisitOpen} || CASE WHEN sat < 2 THEN 'Unsatisfied' WHEN sat = 2 THEN 'BasicallySatisfied' ELSE 'Satisfied' END
                    || {VisitMiddle} || CASE WHEN resolved THEN 'true' ELSE 'false' END || {VisitClose} END,
            CASE k WHEN 0 THEN {Ts("c")} WHEN 1 THEN {Ts("c + 300")} WHEN 2 THEN {Ts("c + 1800")} WHEN 3 THEN {Ts("c + CASE WHEN lateSign THEN 108000 ELSE 3600 END")}
                WHEN 5 THEN {Ts("r")} WHEN 6 THEN {Ts("r + 7200")} WHEN 7 THEN {Ts("r + 14400")} ELSE {Ts("r + 14460")} END,
            CASE k WHEN 3 THEN {Ts("c + 86400")} WHEN 6 THEN {Ts("c + 7 * 86400")} END,
            CASE k WHEN 6 THEN {Ts("c + 300")} END,
            CASE k WHEN 6 THEN {Ts("r")} END,
            CASE k WHEN 1 THEN ({MetricDefinitions.RepeatAppealSql(new SqliteDialect(), "i")}) END
        FROM g CROSS JOIN k
        WHERE k IN (0, 1, 3) OR (k = 2 AND returned) OR (k IN (5, 6, 7) AND NOT open) OR (k = 8 AND NOT open AND sat = 0)
        ORDER BY i, k
        """;

    /// <summary>The red handle escalation (催办) of each ticket replied late, as the sweep raises it: an Escalation row, no event.</summary>
    private static readonly string EscalationInsert = $"""
        INSERT INTO Escalation (Id, TicketId, WindowCaseId, Kind, Level, DepartmentId, DueUtc, RaisedUtc, AcknowledgedByUserId, AcknowledgedUtc, ClearedUtc)
        SELECT i * 10 + 4, i, NULL, 'Handle', 'Red', dept, {Ts("c + 7 * 86400")}, {Ts("c + 7 * 86400")}, NULL, NULL, {Ts("r")}
        FROM g WHERE lateReply AND NOT open ORDER BY i
        """;
}
