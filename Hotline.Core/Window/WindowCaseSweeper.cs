using System.Data.Common;
using System.Text.Json;
using Dapper;
using Hotline.Core.Data;
using Hotline.Core.Escalations;
using Microsoft.Extensions.Logging;

namespace Hotline.Core.Window;

/// <summary>
/// Deadlines of window cases in hand, swept by the deadline job: a case whose working-day deadline comes close (yellow,
/// 20% left) or passes (red) raises a Window escalation on the supervisors' board once, with an entry in the case's log.
/// Set-based over index ranges of the thresholds crossed since the last tick (its own SweepState row), idempotent, and safe
/// with several workers (the existence check claims its rows; a unique index backs it). The live feed's triggers push
/// each escalation to supervisors.
/// </summary>
public sealed class WindowCaseSweeper(Database db, IdGenerator ids, TimeProvider time, ILogger<WindowCaseSweeper> logger)
{
    public const string SweepName = "WindowCases";

    /// <summary>Thresholds a little older than the last tick are looked at again, in case a deadline was set late.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private static readonly (string Sql, EscalationLevel Level, string Text)[] Thresholds =
    [
        (WindowSql.DueYellow, EscalationLevel.Yellow, "黄牌：办理期限将至"),
        (WindowSql.DueRed, EscalationLevel.Red, "红牌：办理超期，已报督办"),
    ];

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var raised = await db.WriteAsync(async (c, tx, token) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var last = await c.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(EscalationSql.SelectSweepState, new { Name = SweepName }, tx, cancellationToken: token));
            var since = last is { } l ? l - Overlap : DateTime.MinValue;
            var count = 0;
            foreach (var (sql, level, text) in Thresholds)
            {
                var due = (await c.QueryAsync<long>(new CommandDefinition(sql, new { SinceUtc = since, NowUtc = now }, tx, cancellationToken: token))).AsList();
                foreach (var chunk in due.Order().Chunk(DeadlineSweeper.ChunkSize))
                {
                    count += await RaiseChunkAsync(c, tx, chunk, level, text, now, token);
                }
            }

            var args = new { Name = SweepName, NowUtc = now };
            await c.ExecuteAsync(new CommandDefinition(last is null ? EscalationSql.InsertSweepState : EscalationSql.UpdateSweepState, args, tx, cancellationToken: token));
            return count;
        }, ct);
        if (raised > 0)
        {
            logger.LogInformation("Window case sweep raised {Raised} escalations", raised);
        }

        return raised;
    }

    private async Task<int> RaiseChunkAsync(DbConnection c, DbTransaction tx, long[] caseIds, EscalationLevel level, string text, DateTime now, CancellationToken token)
    {
        var rows = JsonSerializer.Serialize(caseIds.Select(id => new { Id = ids.NewId(), WindowCaseId = id, LogId = ids.NewId(), Detail = text }));
        var args = new { Rows = rows, Level = level.ToString(), NowUtc = now, ActorUserId = DeadlineSweeper.SystemUserId };
        var raised = await c.ExecuteAsync(new CommandDefinition(WindowSql.RaiseMany(db.Dialect), args, tx, cancellationToken: token));
        if (raised > 0)
        {
            await c.ExecuteAsync(new CommandDefinition(WindowSql.InsertEscalateLogs(db.Dialect), args, tx, cancellationToken: token));
        }

        return raised;
    }
}
