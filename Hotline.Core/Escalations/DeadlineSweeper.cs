using System.Globalization;
using System.Text.Json;
using Dapper;
using Hotline.Core.Data;
using Microsoft.Extensions.Logging;

namespace Hotline.Core.Escalations;

/// <summary>
/// One tick of deadline enforcement: every sign/handle/visit threshold crossed since the last tick raises its
/// escalation once; a red handle deadline is the urge (催办) to the department, and a handle deadline N working days past
/// is the supervision order (督办). Each escalation is a record on the ticket's timeline and in the live feed, with no
/// event of its own beside it. Set-based over index ranges (each threshold is read as one range of a partial index that
/// carries what the escalation needs, then raised a chunk of rows per statement), idempotent, and safe with several
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

    private static readonly Threshold[] Thresholds =
    [
        new(EscalationSql.DueSignYellow, EscalationKind.Sign, EscalationLevel.Yellow),
        new(EscalationSql.DueSignRed, EscalationKind.Sign, EscalationLevel.Red),
        new(EscalationSql.DueHandleYellow, EscalationKind.Handle, EscalationLevel.Yellow),
        new(EscalationSql.DueHandleRed, EscalationKind.Handle, EscalationLevel.Red),
        new(EscalationSql.DueSupervise, EscalationKind.Handle, EscalationLevel.Supervise),
        new(EscalationSql.DueVisitRed, EscalationKind.Visit, EscalationLevel.Red),
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
                var due = (await c.QueryAsync<DueRow>(new CommandDefinition(threshold.Sql(db.Dialect), new { SinceUtc = since, NowUtc = now }, tx, cancellationToken: token))).AsList();
                due.Sort((a, b) => a.TicketId.CompareTo(b.TicketId)); // writes the TicketId-keyed index in key order
                var newly = 0;
                foreach (var chunk in due.Chunk(ChunkSize))
                {
                    var rows = JsonSerializer.Serialize(chunk.Select(r => new RaiseRow(ids.NewId(), r.TicketId, r.DepartmentId, JsonTimestamp(r.DueUtc))));
                    newly += await c.ExecuteAsync(new CommandDefinition(EscalationSql.RaiseMany(db.Dialect), new
                    {
                        Rows = rows, Kind = threshold.Kind.ToString(), Level = threshold.Level.ToString(), NowUtc = now,
                    }, tx, cancellationToken: token));
                }

                raised += newly;
                urged += threshold.IsUrge ? newly : 0;
                supervised += threshold.Level == EscalationLevel.Supervise ? newly : 0;
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
    /// A due time as text that compares equal to the stored one: on SQLite the text Microsoft.Data.Sqlite writes for a
    /// DateTime, which SQL Server's DATETIME2 reads too.
    /// </summary>
    private static string JsonTimestamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private sealed record Threshold(Func<ISqlDialect, string> Sql, EscalationKind Kind, EscalationLevel Level)
    {
        public bool IsUrge => TicketEscalation.IsUrge(Kind, Level);
    }

    /// <summary>One row of <see cref="EscalationSql.RaiseMany"/>'s JSON: the escalation's key, and what the due read found.</summary>
    private sealed record RaiseRow(long Id, long TicketId, long? DepartmentId, string DueUtc);

    private sealed record DueRow
    {
        public long TicketId { get; init; }
        public long? DepartmentId { get; init; }
        public DateTime DueUtc { get; init; }
    }
}
