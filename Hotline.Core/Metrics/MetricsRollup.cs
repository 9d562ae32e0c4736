using System.Data.Common;
using System.Globalization;
using Dapper;
using Hotline.Core.Calendar;
using Hotline.Core.Data;
using Hotline.Core.Directory;
using Hotline.Core.Tickets;
using Microsoft.Extensions.Logging;

namespace Hotline.Core.Metrics;

/// <summary>A roll-up row of <c>MetricDaily</c>.</summary>
public sealed record DailyRow
{
    public string Day { get; init; } = "";
    public long DepartmentId { get; init; }
    public long Received { get; init; }
    public long Repeated { get; init; }
    public long Signed { get; init; }
    public long SignedOnTime { get; init; }
    public long Returned { get; init; }
    public long Completed { get; init; }
    public long CompletedOnTime { get; init; }
    public long HandlingDays { get; init; }
    public long Visited { get; init; }
    public long Satisfied { get; init; }
    public long Resolved { get; init; }
    public long Reopened { get; init; }
    public long Overdue { get; init; }
}

/// <summary>A roll-up row of <c>IntakeDaily</c>.</summary>
public sealed record IntakeRow
{
    public string Day { get; init; } = "";
    public long CategoryId { get; init; }
    public long AreaId { get; init; }
    public long Received { get; init; }
}

/// <summary>Counters being folded, keyed by (local day, department) and (local day, category, area).</summary>
/// <remarks>With <paramref name="perDay"/> false (a period recomputed from raw data) every day counts under one key.</remarks>
public sealed class MetricFold(WorkingCalendar calendar, TimeZoneInfo zone, IReadOnlyDictionary<long, long>? streets = null, bool perDay = true)
{
    public Dictionary<(string Day, long DepartmentId), MetricCounters> Daily { get; } = [];
    public Dictionary<(string Day, long CategoryId, long AreaId), long> Intake { get; } = [];

    /// <summary>Folds one event (its repeat flag already set) into the counters.</summary>
    public void Add(MetricEvent e)
    {
        var day = perDay ? MetricDefinitions.LocalDay(e.OccurredUtc, zone) : "";
        if (MetricDefinitions.IsIntake(e.Action))
        {
            var area = e.AreaId ?? 0;
            var key = (day, e.CategoryId, streets is not null && streets.TryGetValue(area, out var street) ? street : area);
            Intake[key] = Intake.GetValueOrDefault(key) + 1;
            return;
        }

        if (e.DepartmentId is not { } dept)
        {
            return;
        }

        if (MetricDefinitions.Contribution(e, calendar) is not { } c)
        {
            return;
        }

        if (!Daily.TryGetValue((day, dept), out var counters))
        {
            Daily[(day, dept)] = counters = new MetricCounters();
        }

        counters.Add(c);
    }

    /// <summary>Folds events counted together in the database, all of one day (or of the period when not per day).</summary>
    public void Add(string day, MetricGroup g)
    {
        if (MetricDefinitions.Contribution(g, calendar) is not { } c)
        {
            return;
        }

        var key = (perDay ? day : "", g.DepartmentId);
        if (!Daily.TryGetValue(key, out var counters))
        {
            Daily[key] = counters = new MetricCounters();
        }

        counters.Add(c);
    }

    /// <summary>Folds the intake events of one day counted together in the database.</summary>
    public void AddIntake(string day, long categoryId, long areaId, long received)
    {
        var key = (perDay ? day : "", categoryId, streets is not null && streets.TryGetValue(areaId, out var street) ? street : areaId);
        Intake[key] = Intake.GetValueOrDefault(key) + received;
    }

    /// <summary>The counters per department over all folded days.</summary>
    public Dictionary<long, MetricCounters> ByDepartment()
    {
        var result = new Dictionary<long, MetricCounters>();
        foreach (var ((_, dept), c) in Daily)
        {
            if (!result.TryGetValue(dept, out var sum))
            {
                result[dept] = sum = new MetricCounters();
            }

            sum.Add(c);
        }

        return result;
    }
}

/// <summary>
/// The daily roll-ups. A step reads the live feed (TicketEvent rows in commit order) after the cursor, folds the
/// events outside any write transaction, and writes the sums and the new cursor position in one short unit that only
/// succeeds from the position it started at: intake never waits for a fold, and two folders never count an event twice.
/// <see cref="RebuildAsync"/> recomputes everything from the event log.
/// </summary>
public sealed class MetricsRollup(Database db, CalendarService calendars, DirectoryService directory, TicketOptions tickets, MetricsOptions options, TimeProvider time,
    ILogger<MetricsRollup> logger)
{
    private readonly TimeZoneInfo _zone = tickets.ResolveTimeZone();

    /// <summary>Each community's street or town (others map to themselves): intake is rolled up per street.</summary>
    public async Task<Dictionary<long, long>> StreetsAsync(CancellationToken ct)
    {
        var areas = (await directory.AreasAsync(ct)).ToDictionary(a => a.Id);
        return areas.Values.ToDictionary(a => a.Id, a => a.Level == AreaLevel.Community && a.ParentId is { } parent ? parent : a.Id);
    }

    /// <summary>Folds the feed up to its end (in steps of <see cref="MetricsOptions.RollupBatch"/>); returns how many events were folded.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var (rows, folded) = await StepAsync(ct);
            total += folded;
            if (rows < options.RollupBatch)
            {
                return total;
            }
        }
    }

    /// <summary>One step; returns the feed rows passed and the events folded.</summary>
    public async Task<(int Rows, int Folded)> StepAsync(CancellationToken ct)
    {
        var calendar = await calendars.CurrentAsync(ct);
        var (from, feed) = await db.ReadAsync(async (c, token) =>
        {
            var position = await c.ExecuteScalarAsync<long>(new CommandDefinition(MetricsSql.SelectCursor, cancellationToken: token));
            var rows = (await c.QueryAsync<FeedRow>(new CommandDefinition(MetricsSql.SelectFeedAfter(db.Dialect, options.RollupBatch),
                new { AfterSeq = position }, cancellationToken: token))).AsList();
            return (position, rows);
        }, ct);

        // Contiguous numbers only: a missing one may be a write not committed yet (SQL Server), waited for a bounded time.
        var now = time.GetUtcNow().UtcDateTime;
        var ready = new List<FeedRow>(feed.Count);
        var position = from;
        foreach (var row in feed)
        {
            if (row.Seq != position + 1 && now - row.FeedUtc < TimeSpan.FromMilliseconds(options.GapTimeoutMs))
            {
                break;
            }

            ready.Add(row);
            position = row.Seq;
        }

        if (ready.Count == 0)
        {
            return (feed.Count, 0);
        }

        var events = ready.Where(r => r.Id is not null).Select(r => r.ToEvent()).ToList();
        var fold = new MetricFold(calendar, _zone, await StreetsAsync(ct));
        foreach (var e in events)
        {
            fold.Add(e);
        }

        var written = await db.WriteAsync(async (c, tx, token) =>
        {
            var moved = await c.ExecuteAsync(new CommandDefinition(MetricsSql.AdvanceCursor, new { Position = position, From = from, NowUtc = now }, tx, cancellationToken: token));
            if (moved == 0)
            {
                return false; // another folder took these rows
            }

            await AddAsync(c, tx, fold, token);
            return true;
        }, ct);
        return (feed.Count, written ? events.Count : 0);
    }

    /// <summary>
    /// Recomputes every roll-up from the event log, as of one consistent read; the cursor is set to the feed position of
    /// that read, so later events are folded once by the next step.
    /// </summary>
    public async Task<long> RebuildAsync(CancellationToken ct)
    {
        var calendar = await calendars.CurrentAsync(ct);
        var fold = new MetricFold(calendar, _zone, await StreetsAsync(ct));
        var offset = MetricDefinitions.FixedOffsetMinutes(_zone);
        var (position, count) = await db.ReadAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token); // one snapshot (SQLite WAL) for the position and the log
            var last = await c.ExecuteScalarAsync<long>(new CommandDefinition(MetricsSql.SelectLastSeq, transaction: tx, cancellationToken: token));
            var n = offset is { } minutes
                ? await FoldByDayAsync(c, tx, fold, minutes, token)
                : await FoldEventsAsync(c, tx, fold, token);
            return (last, n);
        }, ct);

        await db.WriteAsync(async (c, tx, token) =>
        {
            await c.ExecuteAsync(new CommandDefinition(MetricsSql.DeleteDaily, transaction: tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition(MetricsSql.DeleteIntake, transaction: tx, cancellationToken: token));
            await InsertAllAsync(c, tx, fold, token);
            await c.ExecuteAsync(new CommandDefinition(MetricsSql.SetCursor, new { Position = position, NowUtc = time.GetUtcNow().UtcDateTime }, tx, cancellationToken: token));
        }, ct);
        logger.LogInformation("Rebuilt the metric roll-ups from {Count} events (feed position {Position})", count, position);
        return count;
    }

    /// <summary>
    /// The log one local day at a time, each counted in the database (MetricsSql.SelectGroupedBetween, the raw path's own
    /// statement), and the urges by day in one pass: a few hundred groups a day instead of every event through C#. Returns
    /// the events counted.
    /// </summary>
    private async Task<long> FoldByDayAsync(DbConnection c, DbTransaction tx, MetricFold fold, int offsetMinutes, CancellationToken ct)
    {
        var span = await c.QuerySingleAsync<LogSpan>(new CommandDefinition(MetricsSql.SelectLogSpan, transaction: tx, cancellationToken: ct));
        if (span.FirstUtc is not { } first || span.LastUtc is not { } last)
        {
            return 0;
        }

        var grouped = MetricsSql.SelectGroupedBetween(db.Dialect);
        var intake = MetricsSql.SelectIntakeEventsBetween(db.Dialect);
        long n = 0;
        foreach (var u in await c.QueryAsync<UrgeDay>(new CommandDefinition(MetricsSql.SelectUrgesByDayBetween(db.Dialect),
            new { FromUtc = first, ToUtc = last.AddTicks(1), OffsetMinutes = offsetMinutes }, tx, cancellationToken: ct)))
        {
            fold.Add(u.Day, new MetricGroup { DepartmentId = u.DepartmentId, Action = u.Action, Count = u.Count });
            n += u.Count;
        }

        for (var day = LocalDate(first); day <= LocalDate(last); day = day.AddDays(1))
        {
            var fromUtc = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), _zone);
            var toUtc = TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), _zone);
            var ids = await c.QuerySingleAsync<IdRange>(new CommandDefinition(MetricsSql.SelectEventIdsBetween, new { FromUtc = fromUtc, ToUtc = toUtc }, tx, cancellationToken: ct));
            if (ids.FromId is not { } fromId || ids.ToId is not { } toId)
            {
                continue;
            }

            var name = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var args = new { FromUtc = fromUtc, ToUtc = toUtc, FromId = fromId, ToId = toId, OffsetMinutes = offsetMinutes };
            foreach (var g in await c.QueryAsync<MetricGroup>(new CommandDefinition(grouped, args, tx, cancellationToken: ct)))
            {
                fold.Add(name, g);
                n += g.Count;
            }

            foreach (var i in await c.QueryAsync<IntakeRow>(new CommandDefinition(intake, args, tx, cancellationToken: ct)))
            {
                fold.AddIntake(name, i.CategoryId, i.AreaId, i.Received);
                n += i.Received;
            }
        }

        return n;
    }

    /// <summary>The log event by event through C#, in key order: a time zone with daylight saving, whose local dates the database cannot tell.</summary>
    private async Task<long> FoldEventsAsync(DbConnection c, DbTransaction tx, MetricFold fold, CancellationToken ct)
    {
        long n = 0;
        long after = 0;
        while (true)
        {
            var page = (await c.QueryAsync<MetricEvent>(new CommandDefinition(MetricsSql.SelectEventsAfterId(db.Dialect, 20_000),
                new { AfterId = after }, tx, cancellationToken: ct))).AsList();
            if (page.Count == 0)
            {
                return n;
            }

            foreach (var e in page)
            {
                fold.Add(e);
            }

            n += page.Count;
            after = page[^1].Id;
        }
    }

    private DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone));

    private sealed record UrgeDay
    {
        public string Day { get; init; } = "";
        public long DepartmentId { get; init; }
        public string Action { get; init; } = "";
        public long Count { get; init; }
    }

    private sealed record LogSpan
    {
        public DateTime? FirstUtc { get; init; }
        public DateTime? LastUtc { get; init; }
    }

    /// <summary>Every roll-up row, in key order (for comparisons and tests).</summary>
    public Task<(List<DailyRow> Daily, List<IntakeRow> Intake)> SnapshotAsync(CancellationToken ct) =>
        db.ReadAsync(async (c, token) =>
            ((await c.QueryAsync<DailyRow>(new CommandDefinition(MetricsSql.SelectAllDaily, cancellationToken: token))).AsList(),
             (await c.QueryAsync<IntakeRow>(new CommandDefinition(MetricsSql.SelectAllIntake, cancellationToken: token))).AsList()), ct);

    private static async Task AddAsync(DbConnection c, DbTransaction tx, MetricFold fold, CancellationToken ct)
    {
        foreach (var ((day, dept), counters) in fold.Daily)
        {
            var args = DailyArgs(day, dept, counters);
            if (await c.ExecuteAsync(new CommandDefinition(MetricsSql.AddDaily, args, tx, cancellationToken: ct)) == 0)
            {
                await c.ExecuteAsync(new CommandDefinition(MetricsSql.InsertDaily, args, tx, cancellationToken: ct));
            }
        }

        foreach (var ((day, category, area), received) in fold.Intake)
        {
            var args = new { Day = day, CategoryId = category, AreaId = area, Received = received };
            if (await c.ExecuteAsync(new CommandDefinition(MetricsSql.AddIntake, args, tx, cancellationToken: ct)) == 0)
            {
                await c.ExecuteAsync(new CommandDefinition(MetricsSql.InsertIntake, args, tx, cancellationToken: ct));
            }
        }
    }

    private static async Task InsertAllAsync(DbConnection c, DbTransaction tx, MetricFold fold, CancellationToken ct)
    {
        foreach (var chunk in fold.Daily.Chunk(1000))
        {
            await c.ExecuteAsync(new CommandDefinition(MetricsSql.InsertDaily, chunk.Select(kv => DailyArgs(kv.Key.Day, kv.Key.DepartmentId, kv.Value)).ToList(), tx, cancellationToken: ct));
        }

        foreach (var chunk in fold.Intake.Chunk(1000))
        {
            await c.ExecuteAsync(new CommandDefinition(MetricsSql.InsertIntake,
                chunk.Select(kv => new { kv.Key.Day, kv.Key.CategoryId, kv.Key.AreaId, Received = kv.Value }).ToList(), tx, cancellationToken: ct));
        }
    }

    private static object DailyArgs(string day, long dept, MetricCounters c) => new
    {
        Day = day, DepartmentId = dept, c.Received, c.Repeated, c.Signed, c.SignedOnTime, c.Returned, c.Completed, c.CompletedOnTime,
        c.HandlingDays, c.Visited, c.Satisfied, c.Resolved, c.Reopened, c.Overdue,
    };

    private sealed record FeedRow
    {
        public long Seq { get; init; }
        public DateTime FeedUtc { get; init; }
        public long? Id { get; init; }
        public long? TicketId { get; init; }
        public string? Action { get; init; }
        public long? DepartmentId { get; init; }
        public string? Detail { get; init; }
        public DateTime? OccurredUtc { get; init; }
        public DateTime? DueUtc { get; init; }
        public DateTime? StartedUtc { get; init; }
        public DateTime? DoneUtc { get; init; }
        public bool IsRepeat { get; init; }
        public long? CategoryId { get; init; }
        public long? AreaId { get; init; }
        public string? CallerPhone { get; init; }
        public DateTime? CreatedUtc { get; init; }

        public MetricEvent ToEvent() => new()
        {
            Id = Id!.Value, TicketId = TicketId!.Value, Action = Action!, DepartmentId = DepartmentId, Detail = Detail, OccurredUtc = OccurredUtc!.Value,
            DueUtc = DueUtc, StartedUtc = StartedUtc, DoneUtc = DoneUtc, CategoryId = CategoryId!.Value, AreaId = AreaId, CallerPhone = CallerPhone,
            CreatedUtc = CreatedUtc!.Value, IsRepeat = IsRepeat,
        };
    }
}
