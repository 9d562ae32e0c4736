using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Hotline.Core.Common;
using Hotline.Core.Data;
using Hotline.Core.Directory;
using Microsoft.Extensions.Logging;

using Hotline.Core.Repeat;

namespace Hotline.Core.Metrics;

/// <summary>
/// The monthly bulletin (每月通报): the ranking with the red and black lists, screenings, and the hot issues. A generated
/// bulletin is stored as a JSON snapshot that is never changed (the table refuses updates and deletes); generating the
/// month again adds a version. The job generates the month before on the first of each month; anyone who reads the
/// figures may generate on demand except liaisons.
/// </summary>
public sealed class BulletinService(Database db, MetricsService metrics, RepeatQueries repeats, IdGenerator ids, TimeProvider time, MetricsOptions options,
    ILogger<BulletinService> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<BulletinView> GenerateAsync(GenerateBulletin request, Actor actor, CancellationToken ct)
    {
        if (actor.Role is not (Role.Supervisor or Role.Dispatcher or Role.Admin))
        {
            throw new ForbiddenException($"{actor.Role} may not generate a bulletin.");
        }

        var (from, _) = MetricsService.MonthRange(request.Month, "month");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, metrics.Zone));
        if (from > today)
        {
            throw ValidationException.For("month", "A month that has begun.");
        }

        var id = await GenerateAsync(request.Month!, "OnDemand", actor.UserId, ct);
        return await GetAsync(id, actor, ct);
    }

    /// <summary>The job: the month before the current local month, once (a Job bulletin that exists is kept).</summary>
    public async Task<long?> GenerateForPreviousMonthAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, metrics.Zone));
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var exists = await db.ReadAsync((c, token) => c.ExecuteScalarAsync<int>(new CommandDefinition(MetricsSql.CountJobBulletins, new { Month = month }, cancellationToken: token)), ct);
        if (exists > 0)
        {
            return null;
        }

        var id = await GenerateAsync(month, "Job", null, ct);
        logger.LogInformation("Published the bulletin of {Month}", month);
        return id;
    }

    /// <summary>Computes the month's bulletin (from the roll-ups, or from raw data) without storing it: the benchmark and the job share it.</summary>
    public async Task<BulletinContent> ComputeAsync(string month, MetricSource source, CancellationToken ct)
    {
        var (from, to) = MetricsService.MonthRange(month, "month");
        var figures = await metrics.ComputeAsync(from, to, source, ct);
        var previous = await metrics.IntakeAsync(from.AddMonths(-1), from.AddDays(-1), source, ct);
        var rows = await metrics.RankAsync(figures, ct);
        var screenings = figures.ScreenedPairs.Count == 0 ? [] : await ScreeningsInAsync(figures, ct);
        var totals = MetricsService.Total(figures);
        return new BulletinContent
        {
            Month = month,
            FromDay = MetricsService.Day(from),
            ToDay = MetricsService.Day(to),
            Thresholds = new BulletinThresholds(options.RedListMinScore, options.BlackListBelowScore, options.MinReceived),
            Departments = rows,
            Totals = totals,
            TotalRates = MetricDefinitions.Rates(totals),
            RedList = rows.Where(r => r.List == BulletinList.Red).Select(r => r.DepartmentName).ToList(),
            BlackList = rows.Where(r => r.List == BulletinList.Black).Select(r => r.DepartmentName).ToList(),
            Screenings = screenings,
            HotIssues = await metrics.HotIssuesAsync(figures.Intake, previous, ct) with { RepeatClusters = await RepeatClustersAsync(from, to, ct) },
        };
    }

    /// <summary>The clusters active in the month, largest and most recent first (RepeatQueries ranks them).</summary>
    private async Task<IReadOnlyList<RepeatClusterItem>> RepeatClustersAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (fromUtc, toUtc) = metrics.UtcRange(from, to);
        return (await repeats.TopClustersAsync(fromUtc, toUtc, options.BulletinRepeatClusters, ct))
            .Select(c => new RepeatClusterItem(c.Id, c.Kind.ToString(), c.CategoryName, c.AreaName, c.Size, c.Matters, c.Unsatisfied, c.LastUtc, c.AnchorNumber, c.Departments))
            .ToList();
    }

    public async Task<IReadOnlyList<BulletinSummary>> ListAsync(Actor actor, CancellationToken ct)
    {
        MetricsService.RequireReader(actor);
        return await db.ReadAsync(async (c, token) => (await c.QueryAsync<BulletinSummary>(new CommandDefinition(MetricsSql.SelectBulletins, cancellationToken: token))).AsList(), ct);
    }

    /// <summary>A stored bulletin exactly as generated (a liaison sees the ranking and their own department's figures).</summary>
    public async Task<BulletinView> GetAsync(long id, Actor actor, CancellationToken ct)
    {
        MetricsService.RequireReader(actor);
        var (summary, json) = await db.ReadAsync(async (c, token) =>
        {
            var all = await c.QueryAsync<BulletinSummary>(new CommandDefinition(MetricsSql.SelectBulletins, cancellationToken: token));
            var content = await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(MetricsSql.SelectBulletinContent, new { Id = id }, cancellationToken: token));
            return (all.SingleOrDefault(b => b.Id == id), content);
        }, ct);
        if (summary is null || json is null)
        {
            throw new NotFoundException($"Bulletin {id} not found.");
        }

        var content = JsonSerializer.Deserialize<BulletinContent>(json, Json)!;
        if (!MetricsService.SeesAll(actor))
        {
            content = content with
            {
                Departments = MetricsService.TrimRows(content.Departments, actor),
                Screenings = content.Screenings.Where(s => s.DepartmentId == actor.DepartmentId).ToList(),
            };
        }

        return new BulletinView(summary, content);
    }

    /// <summary>The stored JSON of a bulletin, byte for byte.</summary>
    public Task<string?> StoredJsonAsync(long id, CancellationToken ct) =>
        db.ReadAsync((c, token) => c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(MetricsSql.SelectBulletinContent, new { Id = id }, cancellationToken: token)), ct);

    private async Task<long> GenerateAsync(string month, string source, long? userId, CancellationToken ct)
    {
        var content = await ComputeAsync(month, MetricSource.Rollup, ct);
        return await db.WriteAsync(async (c, tx, token) =>
        {
            var version = await c.ExecuteScalarAsync<int>(new CommandDefinition(MetricsSql.NextBulletinVersion, new { Month = month }, tx, cancellationToken: token));
            var now = time.GetUtcNow().UtcDateTime;
            var id = ids.NewId();
            var stored = content with { Version = version, Source = source, GeneratedUtc = now };
            await c.ExecuteAsync(new CommandDefinition(MetricsSql.InsertBulletin, new
            {
                Id = id, Month = month, Version = version, Source = source, GeneratedByUserId = userId, NowUtc = now,
                Content = JsonSerializer.Serialize(stored, Json),
            }, tx, cancellationToken: token));
            return id;
        }, ct);
    }

    private async Task<List<Screening>> ScreeningsInAsync(PeriodFigures figures, CancellationToken ct)
    {
        var system = new Actor(0, "", Role.Supervisor, null);
        return (await metrics.ScreeningsAsync(system, ct)).Where(s => s.RevokedUtc is null && figures.ScreenedPairs.Contains((s.TicketId, s.DepartmentId))).ToList();
    }
}
