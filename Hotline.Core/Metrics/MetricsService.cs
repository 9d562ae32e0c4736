using System.Globalization;
using Dapper;
using Hotline.Core.Calendar;
using Hotline.Core.Common;
using Hotline.Core.Data;
using Hotline.Core.Directory;
using Hotline.Core.Tickets;

namespace Hotline.Core.Metrics;

/// <summary>What a period's computation yields: counters per department, intake per (category, area), screened counts.</summary>
public sealed record PeriodFigures(
    Dictionary<long, MetricCounters> Departments,
    Dictionary<(long CategoryId, long AreaId), long> Intake,
    HashSet<(long TicketId, long DepartmentId)> ScreenedPairs)
{
    /// <summary>How many screenings changed each department's figures of the period.</summary>
    public Dictionary<long, int> Screened => ScreenedPairs.GroupBy(p => p.DepartmentId).ToDictionary(g => g.Key, g => g.Count());
}

/// <summary>
/// Per-department figures for any period of local days, from the roll-ups (the default, a sum over days) or recomputed
/// from the event log; screening (甄别); the dashboards. Access: supervisors, dispatchers and admins see every
/// department; a liaison sees the ranking and the figures of their own department.
/// </summary>
public sealed class MetricsService(Database db, MetricsRollup rollup, CalendarService calendars, DirectoryService directory, IdGenerator ids,
    TimeProvider time, TicketOptions tickets, MetricsOptions options)
{
    public const int ReasonMax = 1000;
    private readonly TimeZoneInfo _zone = tickets.ResolveTimeZone();

    public TimeZoneInfo Zone => _zone;

    public static void RequireReader(Actor actor)
    {
        if (actor.Role is not (Role.Supervisor or Role.Dispatcher or Role.Admin or Role.Liaison))
        {
            throw new ForbiddenException($"{actor.Role} may not read the performance figures.");
        }
    }

    public static bool SeesAll(Actor actor) => actor.Role is Role.Supervisor or Role.Dispatcher or Role.Admin;

    /// <summary>The figures of [from, to] (local days, inclusive), ranked; trimmed to what the actor may see.</summary>
    public async Task<MetricsTable> TableAsync(string? from, string? to, string? source, Actor actor, CancellationToken ct)
    {
        RequireReader(actor);
        var (fromDay, toDay) = ParseRange(from, to);
        var src = ParseSource(source);
        var figures = await ComputeAsync(fromDay, toDay, src, ct);
        var rows = await RankAsync(figures, ct);
        return Trim(new MetricsTable
        {
            FromDay = Day(fromDay), ToDay = Day(toDay), Source = src, Departments = rows,
            Totals = Total(figures), TotalRates = MetricDefinitions.Rates(Total(figures)),
        }, actor);
    }

    /// <summary>The counters of a period. From the roll-ups, screened tickets' contributions are taken away; from raw data, they are skipped.</summary>
    public async Task<PeriodFigures> ComputeAsync(DateOnly fromDay, DateOnly toDay, MetricSource source, CancellationToken ct)
    {
        var calendar = await calendars.CurrentAsync(ct);
        var screenings = await db.ReadAsync(async (c, token) =>
            (await c.QueryAsync<ScreenedPair>(new CommandDefinition(MetricsSql.SelectActiveScreenings, cancellationToken: token))).Select(p => (p.TicketId, p.DepartmentId)).ToHashSet(), ct);
        Dictionary<long, MetricCounters> departments;
        Dictionary<(long CategoryId, long AreaId), long> intake;
        if (source == MetricSource.Rollup)
        {
            await rollup.CatchUpAsync(ct);
            (departments, intake) = await db.ReadAsync(async (c, token) =>
            {
                var args = new { FromDay = Day(fromDay), ToDay = Day(toDay) };
                var daily = (await c.QueryAsync<DailyRow>(new CommandDefinition(MetricsSql.SumDaily, args, cancellationToken: token)))
                    .ToDictionary(r => r.DepartmentId, ToCounters);
                var intakeRows = (await c.QueryAsync<IntakeRow>(new CommandDefinition(MetricsSql.SumIntake, args, cancellationToken: token)))
                    .ToDictionary(r => (r.CategoryId, r.AreaId), r => r.Received);
                return (daily, intakeRows);
            }, ct);
        }
        else
        {
            var (fromUtc, toUtc) = UtcRange(fromDay, toDay);
            departments = MetricDefinitions.FixedOffsetMinutes(_zone) is { } offset
                ? await CountRawAsync(calendar, fromUtc, toUtc, offset, ct)
                : await FoldRawAsync(calendar, fromUtc, toUtc, ct);
            intake = await IntakeBetweenAsync(fromUtc, toUtc, ct);
        }

        // Screened tickets' contributions in the period are taken away, event by event (they are few).
        var screened = new HashSet<(long TicketId, long DepartmentId)>();
        foreach (var (ticketId, dept) in screenings)
        {
            var fold = new MetricFold(calendar, _zone);
            var events = await db.ReadAsync(async (c, token) =>
                (await c.QueryAsync<MetricEvent>(new CommandDefinition(MetricsSql.SelectTicketEvents, new { TicketId = ticketId }, cancellationToken: token))).AsList(), ct);
            foreach (var e in events.Where(e => e.DepartmentId == dept && !MetricDefinitions.IsIntake(e.Action) && InRange(e.OccurredUtc, fromDay, toDay)))
            {
                fold.Add(e);
            }

            var taken = fold.ByDepartment().GetValueOrDefault(dept);
            if (taken is { IsEmpty: false } && departments.TryGetValue(dept, out var counters))
            {
                counters.Add(taken, -1);
                screened.Add((ticketId, dept));
            }
        }

        return new PeriodFigures(departments.Where(d => !d.Value.IsEmpty).ToDictionary(), intake, screened);
    }

    /// <summary>
    /// A period recomputed from raw data, counted in the database (MetricsSql.SelectGroupedBetween: one pass over the
    /// period's stretch of the event log, grouped by department and action) and folded by the same definitions as every
    /// other path. The stretch is cut into as many slices of keys as there are cores, counted at once on their own connections.
    /// </summary>
    private async Task<Dictionary<long, MetricCounters>> CountRawAsync(WorkingCalendar calendar, DateTime fromUtc, DateTime toUtc, int offsetMinutes, CancellationToken ct)
    {
        var ids = await db.ReadAsync((c, token) => c.QuerySingleAsync<IdRange>(new CommandDefinition(MetricsSql.SelectEventIdsBetween,
            new { FromUtc = fromUtc, ToUtc = toUtc }, cancellationToken: token)), ct);
        var tasks = new List<Task<List<MetricGroup>>>
        {
            db.ReadAsync(async (c, token) => (await c.QueryAsync<MetricGroup>(new CommandDefinition(MetricsSql.SelectUrgesBetween,
                new { FromUtc = fromUtc, ToUtc = toUtc }, cancellationToken: token))).AsList(), ct),
        };
        if (ids is { FromId: { } first, ToId: { } last })
        {
            var slices = Math.Clamp(Environment.ProcessorCount, 1, 8);
            var size = (last - first) / slices + 1;
            var grouped = MetricsSql.SelectGroupedBetween(db.Dialect);
            tasks.AddRange(Enumerable.Range(0, slices).Select(i => Task.Run(() => db.ReadAsync(async (c, token) =>
            {
                var args = new { FromUtc = fromUtc, ToUtc = toUtc, FromId = first + size * i, ToId = Math.Min(last, first + size * (i + 1) - 1), OffsetMinutes = offsetMinutes };
                return (await c.QueryAsync<MetricGroup>(new CommandDefinition(grouped, args, cancellationToken: token))).AsList();
            }, ct), ct)));
        }

        var fold = new MetricFold(calendar, _zone, perDay: false);
        foreach (var g in (await Task.WhenAll(tasks)).SelectMany(p => p))
        {
            fold.Add("", g);
        }

        return fold.ByDepartment();
    }

    /// <summary>A period recomputed from raw data event by event through C#: a time zone with daylight saving, whose local dates the database cannot tell.</summary>
    private Task<Dictionary<long, MetricCounters>> FoldRawAsync(WorkingCalendar calendar, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        db.ReadAsync(async (c, token) =>
        {
            var fold = new MetricFold(calendar, _zone, perDay: false);
            await foreach (var e in c.QueryUnbufferedAsync<MetricEvent>(MetricsSql.SelectEventsBetween, new { FromUtc = fromUtc, ToUtc = toUtc }).WithCancellation(token))
            {
                fold.Add(e);
            }

            return fold.ByDepartment();
        }, ct);

    /// <summary>Intake per (category, area) of a period: the roll-ups, or the ticket table for raw data.</summary>
    public async Task<Dictionary<(long CategoryId, long AreaId), long>> IntakeAsync(DateOnly fromDay, DateOnly toDay, MetricSource source, CancellationToken ct)
    {
        if (source == MetricSource.Raw)
        {
            var (fromUtc, toUtc) = UtcRange(fromDay, toDay);
            return await IntakeBetweenAsync(fromUtc, toUtc, ct);
        }

        return await db.ReadAsync(async (c, token) =>
            (await c.QueryAsync<IntakeRow>(new CommandDefinition(MetricsSql.SumIntake, new { FromDay = Day(fromDay), ToDay = Day(toDay) }, cancellationToken: token)))
            .ToDictionary(r => (r.CategoryId, r.AreaId), r => r.Received), ct);
    }

    /// <summary>Departments ranked by score (ties share a rank), with their red/black list placement.</summary>
    public async Task<List<DepartmentMetrics>> RankAsync(PeriodFigures figures, CancellationToken ct)
    {
        var names = (await directory.DepartmentsAsync(ct)).ToDictionary(d => d.Id, d => d.Name);
        var screened = figures.Screened;
        var rows = figures.Departments.Select(kv =>
        {
            var rates = MetricDefinitions.Rates(kv.Value);
            var score = MetricDefinitions.Score(rates, options);
            BulletinList? list = score is { } s && kv.Value.Received >= options.MinReceived
                ? s >= options.RedListMinScore ? BulletinList.Red : s < options.BlackListBelowScore ? BulletinList.Black : null
                : null;
            return new DepartmentMetrics
            {
                DepartmentId = kv.Key, DepartmentName = names.GetValueOrDefault(kv.Key, kv.Key.ToString(CultureInfo.InvariantCulture)),
                Score = score, List = list, Counters = kv.Value, Rates = rates, Screened = screened.GetValueOrDefault(kv.Key),
            };
        }).ToList();
        return rows
            .Select(r => r with { Rank = r.Score is { } s ? 1 + rows.Count(o => o.Score > s) : null })
            .OrderBy(r => r.Rank ?? int.MaxValue).ThenByDescending(r => r.Counters!.Received).ThenBy(r => r.DepartmentName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>For a liaison: other departments keep their name, rank, score and list only.</summary>
    public static MetricsTable Trim(MetricsTable table, Actor actor) =>
        SeesAll(actor) ? table : table with { Departments = TrimRows(table.Departments, actor), Totals = null, TotalRates = null };

    public static IReadOnlyList<DepartmentMetrics> TrimRows(IReadOnlyList<DepartmentMetrics> rows, Actor actor) =>
        SeesAll(actor) ? rows : rows.Select(r => r.DepartmentId == actor.DepartmentId ? r : r with { Counters = null, Rates = null, Screened = 0 }).ToList();

    public static MetricCounters Total(PeriodFigures figures)
    {
        var total = new MetricCounters();
        foreach (var c in figures.Departments.Values)
        {
            total.Add(c);
        }

        return total;
    }

    // Screening (甄别).

    public async Task<Screening> ScreenAsync(CreateScreening request, Actor actor, CancellationToken ct)
    {
        RequireCenter(actor);
        new Validator().Required("ticketId", request.TicketId).Required("departmentId", request.DepartmentId)
            .Required("reason", request.Reason, ReasonMax).ThrowIfInvalid();
        var id = await db.WriteAsync(async (c, tx, token) =>
        {
            var args = new { request.TicketId, request.DepartmentId };
            if (await c.ExecuteScalarAsync<int>(new CommandDefinition(MetricsSql.CountTicketDepartment, args, tx, cancellationToken: token)) == 0)
            {
                throw ValidationException.For("departmentId", $"Department {request.DepartmentId} was never assigned ticket {request.TicketId}.");
            }

            if (await c.ExecuteScalarAsync<int>(new CommandDefinition(MetricsSql.CountActiveScreening, args, tx, cancellationToken: token)) > 0)
            {
                throw new ConflictException(ConflictCodes.Duplicate, "This ticket is already screened out of this department's figures.");
            }

            var newId = ids.NewId();
            await c.ExecuteAsync(new CommandDefinition(MetricsSql.InsertScreening, new
            {
                Id = newId, request.TicketId, request.DepartmentId, Reason = request.Reason!.Trim(), CreatedByUserId = actor.UserId,
                NowUtc = time.GetUtcNow().UtcDateTime,
            }, tx, cancellationToken: token));
            return newId;
        }, ct);
        return await GetScreeningAsync(id, ct);
    }

    public async Task<Screening> RevokeAsync(long id, RevokeScreening request, Actor actor, CancellationToken ct)
    {
        RequireCenter(actor);
        new Validator().Required("reason", request.Reason, ReasonMax).ThrowIfInvalid();
        await GetScreeningAsync(id, ct);
        var rows = await db.WriteAsync((c, tx, token) => c.ExecuteAsync(new CommandDefinition(MetricsSql.RevokeScreening,
            new { Id = id, UserId = actor.UserId, NowUtc = time.GetUtcNow().UtcDateTime, Reason = request.Reason!.Trim() }, tx, cancellationToken: token)), ct);
        if (rows == 0)
        {
            throw new ConflictException(ConflictCodes.InvalidState, "This screening was revoked already.");
        }

        return await GetScreeningAsync(id, ct);
    }

    public async Task<IReadOnlyList<Screening>> ScreeningsAsync(Actor actor, CancellationToken ct)
    {
        RequireReader(actor);
        var all = await db.ReadAsync(async (c, token) => (await c.QueryAsync<Screening>(new CommandDefinition(MetricsSql.SelectScreenings, cancellationToken: token))).AsList(), ct);
        return SeesAll(actor) ? all : all.Where(s => s.DepartmentId == actor.DepartmentId).ToList();
    }

    public async Task<Screening> GetScreeningAsync(long id, CancellationToken ct) =>
        await db.ReadAsync((c, token) => c.QuerySingleOrDefaultAsync<Screening>(new CommandDefinition(MetricsSql.SelectScreening, new { Id = id }, cancellationToken: token)), ct)
        ?? throw new NotFoundException($"Screening {id} not found.");

    // Dashboards.

    public async Task<Dashboard> DashboardAsync(string? month, Actor actor, CancellationToken ct)
    {
        if (!SeesAll(actor))
        {
            throw new ForbiddenException($"{actor.Role} may not see the dashboards.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, _zone));
        var (heatFrom, heatTo) = month is { Length: > 0 } ? MonthRange(month, "month") : (new DateOnly(today.Year, today.Month, 1), today);
        await rollup.CatchUpAsync(ct);
        var (todayFrom, todayTo) = UtcRange(today, today);
        var satisfactionFrom = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var (channels, statuses, overdue, days) = await db.ReadAsync(async (c, token) =>
        (
            (await c.QueryAsync<CountItem>(new CommandDefinition(MetricsSql.TodayByChannel, new { FromUtc = todayFrom, ToUtc = todayTo }, cancellationToken: token))).AsList(),
            (await c.QueryAsync<CountItem>(new CommandDefinition(MetricsSql.OpenByStatus, cancellationToken: token))).AsList(),
            (await c.QueryAsync<DepartmentCount>(new CommandDefinition(MetricsSql.OverdueByDepartment, new { NowUtc = now }, cancellationToken: token))).AsList(),
            (await c.QueryAsync<DaySatisfaction>(new CommandDefinition(MetricsSql.SumSatisfactionByDay,
                new { FromDay = Day(satisfactionFrom), ToDay = Day(today) }, cancellationToken: token))).AsList()
        ), ct);
        var names = (await directory.DepartmentsAsync(ct)).ToDictionary(d => d.Id, d => d.Name);
        var overdueTotal = overdue.Sum(o => o.Count);
        var satisfaction = Enumerable.Range(0, 12).Select(i => satisfactionFrom.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).Select(m =>
        {
            var inMonth = days.Where(d => d.Day.StartsWith(m, StringComparison.Ordinal)).ToList();
            var visited = inMonth.Sum(d => d.Visited);
            var satisfied = inMonth.Sum(d => d.Satisfied);
            return new MonthlySatisfaction(m, visited, satisfied, MetricDefinitions.Ratio(satisfied, visited));
        }).ToList();

        var intake = await IntakeAsync(heatFrom, heatTo, MetricSource.Rollup, ct);
        var trees = await TreesAsync(ct);
        var heat = intake.GroupBy(kv => (Area: trees.Street(kv.Key.AreaId), Category: trees.RootCategory(kv.Key.CategoryId)))
            .Select(g => new HeatCell(g.Key.Area, g.Key.Category, g.Sum(kv => kv.Value))).ToList();
        var total = heat.Sum(h => h.Count);
        return new Dashboard
        {
            Today = Day(today),
            TodayTotal = channels.Sum(c => c.Count),
            TodayByChannel = channels.OrderByDescending(c => c.Count).ToList(),
            OpenByStatus = statuses,
            OverdueByDepartment = overdue.OrderByDescending(o => o.Count)
                .Select(o => new HotItem(o.DepartmentId, names.GetValueOrDefault(o.DepartmentId, ""), o.Count, Share(o.Count, overdueTotal))).ToList(),
            Satisfaction = satisfaction,
            HeatMonth = heatFrom.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            HeatAreas = heat.GroupBy(h => h.AreaId).Select(g => new HotItem(g.Key, trees.AreaName(g.Key), g.Sum(h => h.Count), Share(g.Sum(h => h.Count), total)))
                .OrderByDescending(h => h.Count).ToList(),
            HeatCategories = heat.GroupBy(h => h.CategoryId).Select(g => new HotItem(g.Key, trees.CategoryName(g.Key), g.Sum(h => h.Count), Share(g.Sum(h => h.Count), total)))
                .OrderByDescending(h => h.Count).ToList(),
            Heat = heat,
        };
    }

    /// <summary>Top categories and areas of a month, and the categories rising most against the month before.</summary>
    public async Task<HotIssues> HotIssuesAsync(Dictionary<(long CategoryId, long AreaId), long> intake, Dictionary<(long CategoryId, long AreaId), long> previous, CancellationToken ct)
    {
        var trees = await TreesAsync(ct);
        var total = intake.Values.Sum();
        var byCategory = intake.GroupBy(kv => kv.Key.CategoryId).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        var before = previous.GroupBy(kv => kv.Key.CategoryId).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        return new HotIssues
        {
            Total = total,
            TopCategories = byCategory.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(options.HotTop)
                .Select(kv => new HotItem(kv.Key, trees.CategoryName(kv.Key), kv.Value, Share(kv.Value, total))).ToList(),
            TopAreas = intake.Where(kv => kv.Key.AreaId != 0).GroupBy(kv => trees.Street(kv.Key.AreaId)).Select(g => (Id: g.Key, Count: g.Sum(kv => kv.Value)))
                .OrderByDescending(a => a.Count).ThenBy(a => a.Id).Take(options.HotTop)
                .Select(a => new HotItem(a.Id, trees.AreaName(a.Id), a.Count, Share(a.Count, total))).ToList(),
            RisingCategories = byCategory.Select(kv => (Id: kv.Key, Count: kv.Value, Before: before.GetValueOrDefault(kv.Key)))
                .Where(r => r.Count > r.Before).OrderByDescending(r => r.Count - r.Before).ThenBy(r => r.Id).Take(options.RisingTop)
                .Select(r => new RisingItem(r.Id, trees.CategoryName(r.Id), r.Count, r.Before, r.Count - r.Before)).ToList(),
        };
    }

    public static (DateOnly From, DateOnly To) MonthRange(string? month, string field)
    {
        if (month is null || !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            throw ValidationException.For(field, "A month as yyyy-MM.");
        }

        return (first, first.AddMonths(1).AddDays(-1));
    }

    public (DateTime FromUtc, DateTime ToUtc) UtcRange(DateOnly fromDay, DateOnly toDay) =>
        (TimeZoneInfo.ConvertTimeToUtc(fromDay.ToDateTime(TimeOnly.MinValue), _zone),
         TimeZoneInfo.ConvertTimeToUtc(toDay.AddDays(1).ToDateTime(TimeOnly.MinValue), _zone));

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (DateOnly From, DateOnly To) ParseRange(string? from, string? to)
    {
        var v = new Validator();
        var ok1 = DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var a);
        var ok2 = DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var b);
        if (!ok1)
        {
            v.Add("from", "A local date as yyyy-MM-dd.");
        }

        if (!ok2)
        {
            v.Add("to", "A local date as yyyy-MM-dd.");
        }
        else if (ok1 && (b < a || b.DayNumber - a.DayNumber > 366))
        {
            v.Add("to", "On or after from, at most 366 days later.");
        }

        v.ThrowIfInvalid();
        return (a, b);
    }

    private static MetricSource ParseSource(string? source) => source switch
    {
        null or "" or "rollup" or "Rollup" => MetricSource.Rollup,
        "raw" or "Raw" => MetricSource.Raw,
        _ => throw ValidationException.For("source", "rollup or raw."),
    };

    private static void RequireCenter(Actor actor)
    {
        if (actor.Role is not (Role.Dispatcher or Role.Supervisor))
        {
            throw new ForbiddenException($"{actor.Role} may not screen tickets.");
        }
    }

    private bool InRange(DateTime utc, DateOnly from, DateOnly to)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone));
        return day >= from && day <= to;
    }

    private Task<Dictionary<(long CategoryId, long AreaId), long>> IntakeBetweenAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        db.ReadAsync(async (c, token) =>
            (await c.QueryAsync<IntakeRow>(new CommandDefinition(MetricsSql.IntakeBetween, new { FromUtc = fromUtc, ToUtc = toUtc }, cancellationToken: token)))
            .ToDictionary(r => (r.CategoryId, r.AreaId), r => r.Received), ct);

    private static decimal Share(long count, long total) => total == 0 ? 0 : Math.Round((decimal)count / total, 4);

    private static MetricCounters ToCounters(DailyRow r) => new()
    {
        Received = r.Received, Repeated = r.Repeated, Signed = r.Signed, SignedOnTime = r.SignedOnTime, Returned = r.Returned, Completed = r.Completed,
        CompletedOnTime = r.CompletedOnTime, HandlingDays = r.HandlingDays, Visited = r.Visited, Satisfied = r.Satisfied, Resolved = r.Resolved,
        Reopened = r.Reopened, Overdue = r.Overdue,
    };

    private sealed record ScreenedPair
    {
        public long TicketId { get; init; }
        public long DepartmentId { get; init; }
    }

    private sealed record DepartmentCount
    {
        public long DepartmentId { get; init; }
        public long Count { get; init; }
    }

    private sealed record DaySatisfaction
    {
        public string Day { get; init; } = "";
        public long Visited { get; init; }
        public long Satisfied { get; init; }
    }

    private async Task<Trees> TreesAsync(CancellationToken ct) =>
        new((await directory.AreasAsync(ct)).ToDictionary(a => a.Id), (await directory.CategoriesAsync(ct)).ToDictionary(c => c.Id));

    /// <summary>The area tree (areas grouped to their street or town) and the category tree (to their root).</summary>
    private sealed class Trees(Dictionary<long, Area> areas, Dictionary<long, Category> categories)
    {
        public long Street(long areaId)
        {
            var current = areaId;
            while (areas.TryGetValue(current, out var a) && a.Level == AreaLevel.Community && a.ParentId is { } parent)
            {
                current = parent;
            }

            return current;
        }

        public long RootCategory(long id)
        {
            var current = id;
            for (var i = 0; i < 20 && categories.TryGetValue(current, out var c) && c.ParentId is { } parent; i++)
            {
                current = parent;
            }

            return current;
        }

        public string AreaName(long id) => id == 0 ? "" : areas.TryGetValue(id, out var a) ? a.Name : id.ToString(CultureInfo.InvariantCulture);

        public string CategoryName(long id) => categories.TryGetValue(id, out var c) ? c.Name : id.ToString(CultureInfo.InvariantCulture);
    }
}
