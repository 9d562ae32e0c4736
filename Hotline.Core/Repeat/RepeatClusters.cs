using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Hotline.Core.Data;
using Hotline.Core.Escalations;
using Hotline.Core.Tickets;
using Microsoft.Extensions.Logging;

namespace Hotline.Core.Repeat;

/// <summary>A registered appeal as clustering needs it.</summary>
internal sealed record ClusterCandidateTicket
{
    public long Id { get; init; }
    public string? CallerPhone { get; init; }
    public long CategoryId { get; init; }
    public long? AreaId { get; init; }
    public string? Address { get; init; }
    public string Title { get; init; } = "";
    public string Content { get; init; } = "";
    public DateTime CreatedUtc { get; init; }
}

/// <summary>What one maintenance run did.</summary>
public sealed record ClusterRunResult(DateTime SinceUtc, DateTime NowUtc, int Tickets, int Joined, int Escalated);

/// <summary>
/// Keeps repeat clusters up to date, from the intake path (inside the registration's own transaction) and from the
/// Worker's job (tickets registered since its last run, and thresholds not yet raised): the same person about the same
/// matter (Caller), or the same place and category (Place). Each member keeps the evidence that joined it. A caller
/// cluster reaching the threshold (default 3 appeals in 30 days) raises a Repeat escalation at Red; a place cluster
/// reaching 3 in 7 days raises an early warning at Yellow. Both are ordinary Escalation rows, attached to the cluster's
/// first ticket, so the live feed pushes them to supervisors. Idempotent: members and escalations are written once.
/// </summary>
public sealed class RepeatClusters(Database db, IdGenerator ids, TimeProvider time, RepeatOptions options, RepeatDetector detector,
    ILogger<RepeatClusters> logger)
{
    public const string SweepName = "RepeatClusters";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly string _findActive = RepeatSql.FindActiveCluster(db.Dialect);
    private readonly string _insertEvent = TicketSql.InsertEvent(db.Dialect);

    /// <summary>
    /// The lookups and scoring of a registration, done before its write (on a read connection): the single writer only
    /// joins clusters. Two registrations of one matter at the same instant may miss each other here; the job's next run
    /// clusters them (it looks at every ticket registered since its last run).
    /// </summary>
    internal Task<List<ScoredRow>> PrefetchAsync(string? phone, long categoryId, long? areaId, string? address, string title, string content,
        DateTime nowUtc, CancellationToken ct)
    {
        var probe = RepeatProbe.From(phone, categoryId, areaId, address, title, content, nowUtc);
        return db.ReadAsync((c, token) => detector.FindAsync(c, null, probe, 0, token), ct);
    }

    /// <summary>Clusters the ticket (idempotent); returns how many clusters it joined.</summary>
    internal async Task<(int Joined, int Escalated)> ClusterAsync(DbConnection c, DbTransaction tx, ClusterCandidateTicket t, DateTime nowUtc, CancellationToken ct,
        List<ScoredRow>? prefetched = null)
    {
        var phone = t.CallerPhone;
        var probe = RepeatProbe.From(phone, t.CategoryId, t.AreaId, t.Address, t.Title, t.Content, t.CreatedUtc);
        detector.Remember(t.Id, probe.Bigrams);
        var scored = prefetched is null ? await detector.FindAsync(c, tx, probe, t.Id, ct) : prefetched.Where(s => s.Row.Id != t.Id).ToList();
        scored.RemoveAll(s => s.Row.CreatedUtc > t.CreatedUtc || s.Row.CategoryId != t.CategoryId || !detector.Scorer.IsCandidate(s.Score));
        int joined = 0, escalated = 0;
        if (phone is not null)
        {
            var same = scored.Where(s => s.Row.CallerPhone == phone).ToList();
            if (same.Count > 0)
            {
                joined++;
                escalated += await JoinAsync(c, tx, ClusterKind.Caller, $"caller:{phone}:{t.CategoryId}", t, probe, same, nowUtc, ct);
            }
        }

        string? placeKey = null;
        Func<ScoredRow, bool> samePlace = _ => false;
        if (probe.AddressKey is { } addressKey)
        {
            placeKey = $"addr:{addressKey}:{t.CategoryId}";
            samePlace = s => s.Row.AddressKey == addressKey;
        }
        else if (t.AreaId is { } area)
        {
            placeKey = $"area:{area}:{t.CategoryId}";
            samePlace = s => s.Row.AreaId == area;
        }

        if (placeKey is not null)
        {
            var place = scored.Where(samePlace).ToList();
            if (place.Count > 0)
            {
                joined++;
                escalated += await JoinAsync(c, tx, ClusterKind.Place, placeKey, t, probe, place, nowUtc, ct);
            }
        }

        return (joined, escalated);
    }

    private async Task<int> JoinAsync(DbConnection c, DbTransaction tx, ClusterKind kind, string key, ClusterCandidateTicket t, RepeatProbe probe,
        List<ScoredRow> matches, DateTime nowUtc, CancellationToken ct)
    {
        var window = kind == ClusterKind.Caller ? options.CallerWindowDays : options.PlaceWindowDays;
        var cluster = await c.QuerySingleOrDefaultAsync<ClusterRow>(new CommandDefinition(_findActive,
            new { ClusterKey = key, SinceUtc = t.CreatedUtc.AddDays(-window) }, tx, cancellationToken: ct));
        if (cluster is null)
        {
            var first = matches.OrderBy(m => m.Row.CreatedUtc).ThenBy(m => m.Row.Id).First().Row; // ids grow with time: the earliest wins a tie
            cluster = new ClusterRow { Id = ids.NewId(), Kind = kind, FirstUtc = first.CreatedUtc, LastUtc = t.CreatedUtc, AnchorTicketId = first.Id };
            await c.ExecuteAsync(new CommandDefinition(RepeatSql.InsertCluster, new
            {
                cluster.Id,
                Kind = kind.ToString(),
                ClusterKey = key,
                t.CategoryId,
                AreaId = kind == ClusterKind.Place ? t.AreaId : null,
                AddressKey = kind == ClusterKind.Place ? probe.AddressKey : null,
                CallerPhone = kind == ClusterKind.Caller ? t.CallerPhone : null,
                cluster.FirstUtc,
                cluster.LastUtc,
                cluster.AnchorTicketId,
                NowUtc = nowUtc,
            }, tx, cancellationToken: ct));
        }

        var best = matches[0];
        var members = matches.Select(m => new MemberRow(ids.NewId(), m.Row.Id, JsonSerializer.Serialize(new Evidence(t.Id, m.Score, m.Reasons), Json)))
            .Prepend(new MemberRow(ids.NewId(), t.Id, JsonSerializer.Serialize(new Evidence(best.Row.Id, best.Score, best.Reasons), Json)));
        var added = await c.ExecuteAsync(new CommandDefinition(RepeatSql.InsertMembers(db.Dialect),
            new { Rows = JsonSerializer.Serialize(members), ClusterId = cluster.Id, NowUtc = nowUtc }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(RepeatSql.GrowCluster, new
        {
            cluster.Id,
            Added = added,
            FirstUtc = matches.Min(m => m.Row.CreatedUtc), // the matches are older than t (ClusterAsync keeps no later one)
            LastUtc = t.CreatedUtc,
            NowUtc = nowUtc,
        }, tx, cancellationToken: ct));
        return cluster.WarnedUtc is null && await CheckThresholdAsync(c, tx, cluster, t.CreatedUtc, nowUtc, ct) ? 1 : 0;
    }

    /// <summary>Raises the cluster's escalation once, when its appeals within the window reach the threshold.</summary>
    private async Task<bool> CheckThresholdAsync(DbConnection c, DbTransaction tx, ClusterRow cluster, DateTime atUtc, DateTime nowUtc, CancellationToken ct)
    {
        var (count, days, level) = cluster.Kind == ClusterKind.Caller
            ? (options.EscalateAppeals, options.EscalateWindowDays, EscalationLevel.Red)
            : (options.PlaceWarnAppeals, options.PlaceWarnWindowDays, EscalationLevel.Yellow);
        var recent = await c.ExecuteScalarAsync<int>(new CommandDefinition(RepeatSql.CountMembersSince,
            new { cluster.Id, SinceUtc = atUtc.AddDays(-days) }, tx, cancellationToken: ct));
        if (recent < count
            || await c.ExecuteAsync(new CommandDefinition(RepeatSql.MarkWarned, new { cluster.Id, NowUtc = nowUtc }, tx, cancellationToken: ct)) == 0)
        {
            return false;
        }

        var anchor = await c.QuerySingleAsync<AnchorRow>(new CommandDefinition(RepeatSql.SelectAnchor, new { Id = cluster.AnchorTicketId }, tx, cancellationToken: ct));
        var raised = await c.ExecuteAsync(new CommandDefinition(EscalationSql.Raise(db.Dialect), new
        {
            Id = ids.NewId(),
            TicketId = anchor.Id,
            Kind = nameof(EscalationKind.Repeat),
            Level = level.ToString(),
            DepartmentId = anchor.LeadDepartmentId,
            DueUtc = cluster.FirstUtc,
            NowUtc = nowUtc,
        }, tx, cancellationToken: ct));
        if (raised > 0)
        {
            await c.ExecuteAsync(new CommandDefinition(_insertEvent, new
            {
                Id = ids.NewId(),
                TicketId = anchor.Id,
                Action = nameof(TicketAction.Escalate),
                FromStatus = anchor.Status.ToString(),
                ToStatus = anchor.Status.ToString(),
                ActorUserId = DeadlineSweeper.SystemUserId,
                ActorRole = "System",
                DepartmentId = anchor.LeadDepartmentId,
                Reason = cluster.Kind == ClusterKind.Caller ? $"重复诉求：同一来电人同一事项 {days} 日内 {recent} 次" : $"重复诉求预警：同一地点同类诉求 {days} 日内 {recent} 次",
                Detail = JsonSerializer.Serialize(new { Kind = EscalationKind.Repeat, Level = level, DueUtc = cluster.FirstUtc, ClusterId = cluster.Id, Appeals = recent }, Json),
                NowUtc = nowUtc,
            }, tx, cancellationToken: ct));
        }

        return raised > 0;
    }

    /// <summary>
    /// The Worker's run: clusters the tickets registered since the last run (the intake path did so already; this keeps
    /// clusters right for tickets that came another way) and raises thresholds not yet raised (e.g. after the
    /// thresholds were lowered). The lookups are read first, on a read connection, as at intake: the single writer only
    /// joins clusters, so a minute of busy intake does not hold every registration behind the job. Where it stopped is
    /// kept in SweepState.
    /// </summary>
    public async Task<ClusterRunResult> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (last, tickets) = await db.ReadAsync(async (c, token) =>
        {
            var last = await c.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(EscalationSql.SelectSweepState, new { Name = SweepName }, cancellationToken: token));
            var since = last ?? now.AddHours(-1);
            var list = new List<(ClusterCandidateTicket Ticket, List<ScoredRow> Found)>();
            foreach (var t in await c.QueryAsync<ClusterCandidateTicket>(new CommandDefinition(RepeatSql.RegisteredSince, new { SinceUtc = since, NowUtc = now }, cancellationToken: token)))
            {
                var probe = RepeatProbe.From(t.CallerPhone, t.CategoryId, t.AreaId, t.Address, t.Title, t.Content, t.CreatedUtc);
                list.Add((t, await detector.FindAsync(c, null, probe, t.Id, token)));
            }

            return (last, list);
        }, ct);

        var result = await db.WriteAsync(async (c, tx, token) =>
        {
            int joined = 0, escalated = 0;
            foreach (var (t, found) in tickets)
            {
                var (j, e) = await ClusterAsync(c, tx, t, now, token, found);
                joined += j;
                escalated += e;
            }

            var unwarned = await c.QueryAsync<ClusterRow>(new CommandDefinition(RepeatSql.UnwarnedActiveClusters,
                new { SinceUtc = now.AddDays(-Math.Max(options.EscalateWindowDays, options.PlaceWarnWindowDays)), MinSize = Math.Min(options.EscalateAppeals, options.PlaceWarnAppeals) },
                tx, cancellationToken: token));
            foreach (var cluster in unwarned)
            {
                escalated += await CheckThresholdAsync(c, tx, cluster, now, now, token) ? 1 : 0;
            }

            var args = new { Name = SweepName, NowUtc = now };
            if (last is null)
            {
                await c.ExecuteAsync(new CommandDefinition(EscalationSql.InsertSweepState, args, tx, cancellationToken: token));
            }
            else
            {
                await c.ExecuteAsync(new CommandDefinition(EscalationSql.UpdateSweepState, args, tx, cancellationToken: token));
            }

            return new ClusterRunResult(last ?? now.AddHours(-1), now, tickets.Count, joined, escalated);
        }, ct);
        if (result.Escalated > 0)
        {
            logger.LogInformation("Repeat clusters: {Tickets} tickets looked at, {Escalated} escalations raised", result.Tickets, result.Escalated);
        }

        return result;
    }

    private sealed record Evidence(long MatchedTicketId, double Score, IReadOnlyList<CandidateReason> Reasons);

    private sealed record ClusterRow
    {
        public long Id { get; init; }
        public ClusterKind Kind { get; init; }
        public int Size { get; init; }
        public DateTime FirstUtc { get; init; }
        public DateTime LastUtc { get; init; }
        public DateTime? WarnedUtc { get; init; }
        public long AnchorTicketId { get; init; }
    }

    private sealed record AnchorRow
    {
        public long Id { get; init; }
        public TicketStatus Status { get; init; }
        public long? LeadDepartmentId { get; init; }
    }

    /// <summary>One row of <see cref="RepeatSql.InsertMembers"/>'s JSON.</summary>
    private sealed record MemberRow(long Id, long TicketId, string Evidence);
}
