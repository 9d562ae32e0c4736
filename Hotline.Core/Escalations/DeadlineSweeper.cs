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
/// handle deadline N working days past issues a supervision order (督办). Set-based over index ranges, idempotent,
/// and safe with several workers on one database.
/// </summary>
public sealed class DeadlineSweeper(Database db, IdGenerator ids, TimeProvider time, ILogger<DeadlineSweeper> logger)
{
    public const string SweepName = "Deadlines";

    /// <summary>The system account the migrations create: it raises escalations and cannot sign in.</summary>
    public const long SystemUserId = 1;

    /// <summary>Thresholds a little older than the last tick are looked at again, in case a clock was set late.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly (string Sql, EscalationKind Kind, EscalationLevel Level)[] Thresholds =
    [
        (EscalationSql.DueSignYellow, EscalationKind.Sign, EscalationLevel.Yellow),
        (EscalationSql.DueSignRed, EscalationKind.Sign, EscalationLevel.Red),
        (EscalationSql.DueHandleYellow, EscalationKind.Handle, EscalationLevel.Yellow),
        (EscalationSql.DueHandleRed, EscalationKind.Handle, EscalationLevel.Red),
        (EscalationSql.DueSupervise, EscalationKind.Handle, EscalationLevel.Supervise),
        (EscalationSql.DueVisitRed, EscalationKind.Visit, EscalationLevel.Red),
    ];

    public async Task<SweepResult> SweepAsync(CancellationToken ct)
    {
        var result = await db.WriteAsync(async (c, tx, token) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var last = await c.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(EscalationSql.SelectSweepState, new { Name = SweepName }, tx, cancellationToken: token));
            var since = last is { } l ? l - Overlap : DateTime.MinValue;
            int raised = 0, urged = 0, supervised = 0;
            foreach (var (sql, kind, level) in Thresholds)
            {
                var due = await c.QueryAsync<DueRow>(new CommandDefinition(sql, new { SinceUtc = since, NowUtc = now }, tx, cancellationToken: token));
                foreach (var row in due)
                {
                    if (!await RaiseAsync(c, tx, row, kind, level, now, token))
                    {
                        continue; // raised by an earlier tick or another worker
                    }

                    raised++;
                    if (kind == EscalationKind.Handle && level == EscalationLevel.Red)
                    {
                        await AppendEventAsync(c, tx, row, TicketAction.Urge, "办理期限已到，请尽快办理", new { row.DueUtc }, now, token);
                        urged++;
                    }
                    else if (level == EscalationLevel.Supervise)
                    {
                        await AppendEventAsync(c, tx, row, TicketAction.Supervise, "超期未办结，发出督办单", new { row.DueUtc }, now, token);
                        supervised++;
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

    private async Task<bool> RaiseAsync(DbConnection c, DbTransaction tx, DueRow row, EscalationKind kind, EscalationLevel level, DateTime now, CancellationToken ct)
    {
        var inserted = await c.ExecuteAsync(new CommandDefinition(EscalationSql.Raise(db.Dialect), new
        {
            Id = ids.NewId(), row.TicketId, Kind = kind.ToString(), Level = level.ToString(), row.DepartmentId, row.DueUtc, NowUtc = now,
        }, tx, cancellationToken: ct));
        if (inserted == 0)
        {
            return false;
        }

        await AppendEventAsync(c, tx, row, TicketAction.Escalate, null, new { Kind = kind, Level = level, row.DueUtc }, now, ct);
        return true;
    }

    // Escalations leave the ticket's status and version alone: nobody's open form becomes stale because a clock ran out.
    private async Task AppendEventAsync(DbConnection c, DbTransaction tx, DueRow row, TicketAction action, string? reason, object detail, DateTime now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(EscalationSql.InsertEvent, new
        {
            Id = ids.NewId(),
            row.TicketId,
            Action = action.ToString(),
            ActorUserId = SystemUserId,
            row.DepartmentId,
            Reason = reason,
            Detail = JsonSerializer.Serialize(detail, EventJson),
            NowUtc = now,
        }, tx, cancellationToken: ct));

    private sealed record DueRow
    {
        public long TicketId { get; init; }
        public long? DepartmentId { get; init; }
        public DateTime DueUtc { get; init; }
    }
}
