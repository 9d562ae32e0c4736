using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Hotline.Core.Data;
using Hotline.Core.Tickets;
using Microsoft.Extensions.Logging;

namespace Hotline.Core.Escalations;

/// <summary>
/// One tick of deadline enforcement: every sign/handle/visit threshold crossed since the last tick raises its
/// escalation once, with an event on the ticket's timeline; a red handle deadline urges (催办) the department, and a
/// handle deadline N working days past issues a supervision order (督办). Set-based over index ranges (each threshold
/// is read as one range, then raised and recorded a chunk of rows per statement), idempotent, and safe with several
/// workers on one database: its cost follows what is due, not how many tickets there are.
/// </summary>
public sealed class DeadlineSweeper(Database db, IdGenerator ids, TimeProvider time, ILogger<DeadlineSweeper> logger)
{
    public const string SweepName = "Deadlines";

    /// <summary>The system account the migrations create: it raises escalations and cannot sign in.</summary>
    public const long SystemUserId = 1;

    /// <summary>Rows per set-based statement: a catch-up after an outage runs as many chunks, in one transaction.</summary>
    internal const int ChunkSize = 5000;

    /// <summary>Thresholds a little older than the last tick are looked at again, in case a clock was set late.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly Threshold[] Thresholds =
    [
        new(EscalationSql.DueSignYellow, EscalationKind.Sign, EscalationLevel.Yellow, "SignDueUtc", null, null),
        new(EscalationSql.DueSignRed, EscalationKind.Sign, EscalationLevel.Red, "SignDueUtc", null, null),
        new(EscalationSql.DueHandleYellow, EscalationKind.Handle, EscalationLevel.Yellow, "HandleDueUtc", null, null),
        new(EscalationSql.DueHandleRed, EscalationKind.Handle, EscalationLevel.Red, "HandleDueUtc", TicketAction.Urge, "办理期限已到，请尽快办理"),
        new(EscalationSql.DueSupervise, EscalationKind.Handle, EscalationLevel.Supervise, "HandleDueUtc", TicketAction.Supervise, "超期未办结，发出督办单"),
        new(EscalationSql.DueVisitRed, EscalationKind.Visit, EscalationLevel.Red, "VisitDueUtc", null, null),
    ];

    public async Task<SweepResult> SweepAsync(CancellationToken ct)
    {
        var result = await db.WriteAsync(async (c, tx, token) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var last = await c.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(EscalationSql.SelectSweepState, new { Name = SweepName }, tx, cancellationToken: token));
            var since = last is { } l ? l - Overlap : DateTime.MinValue;
            int raised = 0, urged = 0, supervised = 0;
            foreach (var threshold in Thresholds)
            {
                var due = (await c.QueryAsync<DueRow>(new CommandDefinition(threshold.Sql, new { SinceUtc = since, NowUtc = now }, tx, cancellationToken: token))).AsList();
                due.Sort((a, b) => a.TicketId.CompareTo(b.TicketId)); // writes by TicketId-keyed indexes in key order
                foreach (var chunk in due.Chunk(ChunkSize))
                {
                    var (newly, followed) = await RaiseChunkAsync(c, tx, threshold, chunk, now, token);
                    raised += newly;
                    if (threshold.FollowUp == TicketAction.Urge)
                    {
                        urged += followed;
                    }
                    else if (threshold.FollowUp == TicketAction.Supervise)
                    {
                        supervised += followed;
                    }
                }
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

            return new SweepResult(since, now, raised, urged, supervised);
        }, ct);
        if (result.Raised > 0)
        {
            logger.LogInformation("Deadline sweep raised {Raised} escalations ({Urged} urges, {Supervised} supervision orders)", result.Raised, result.Urged, result.Supervised);
        }

        return result;
    }

    /// <summary>
    /// Raises a chunk of crossed thresholds in three statements: the escalations not raised yet, an Escalate event for each
    /// one raised now (found by its new key), and the follow-up event (催办 or 督办) where the threshold has one.
    /// Escalations leave the ticket's status and version alone: nobody's open form becomes stale because a clock ran out.
    /// </summary>
    private async Task<(int Raised, int Followed)> RaiseChunkAsync(DbConnection c, DbTransaction tx, Threshold threshold, DueRow[] chunk, DateTime now, CancellationToken ct)
    {
        var rows = new RaiseRow[chunk.Length];
        var follow = threshold.FollowUp is null ? null : new RaiseRow[chunk.Length];
        for (var i = 0; i < chunk.Length; i++)
        {
            var row = chunk[i];
            var id = ids.NewId();
            rows[i] = new RaiseRow(id, row.TicketId, ids.NewId(), JsonSerializer.Serialize(new { threshold.Kind, threshold.Level, row.DueUtc }, EventJson));
            if (follow is not null)
            {
                follow[i] = new RaiseRow(id, row.TicketId, ids.NewId(), JsonSerializer.Serialize(new { row.DueUtc }, EventJson));
            }
        }

        var json = JsonSerializer.Serialize(rows);
        var raised = await c.ExecuteAsync(new CommandDefinition(EscalationSql.RaiseMany(db.Dialect, threshold.DueColumn), new
        {
            Rows = json, Kind = threshold.Kind.ToString(), Level = threshold.Level.ToString(), NowUtc = now,
        }, tx, cancellationToken: ct));
        if (raised == 0)
        {
            return (0, 0); // raised by an earlier tick or another worker
        }

        await InsertEventsAsync(c, tx, json, TicketAction.Escalate, null, now, ct);
        var followed = follow is null ? 0 : await InsertEventsAsync(c, tx, JsonSerializer.Serialize(follow), threshold.FollowUp!.Value, threshold.FollowReason, now, ct);
        return (raised, followed);
    }

    private async Task<int> InsertEventsAsync(DbConnection c, DbTransaction tx, string rows, TicketAction action, string? reason, DateTime now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(EscalationSql.InsertEvents(db.Dialect), new
        {
            Rows = rows, Action = action.ToString(), ActorUserId = SystemUserId, Reason = reason, NowUtc = now,
        }, tx, cancellationToken: ct));

    private sealed record Threshold(string Sql, EscalationKind Kind, EscalationLevel Level, string DueColumn, TicketAction? FollowUp, string? FollowReason);

    /// <summary>One row of <see cref="EscalationSql.RaiseMany"/>'s JSON: the escalation's key, its ticket, and its event's key and detail.</summary>
    private sealed record RaiseRow(long Id, long TicketId, long EventId, string Detail);

    private sealed record DueRow
    {
        public long TicketId { get; init; }
        public long? DepartmentId { get; init; }
        public DateTime DueUtc { get; init; }
    }
}
