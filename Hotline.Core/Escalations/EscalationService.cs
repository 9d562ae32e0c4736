using Dapper;
using Hotline.Core.Common;
using Hotline.Core.Data;
using Hotline.Core.Directory;

namespace Hotline.Core.Escalations;

/// <summary>Escalations as supervisors and the center see them; a liaison sees only their department's.</summary>
public sealed class EscalationService(Database db, TimeProvider time)
{
    public async Task<EscalationPage> ListAsync(EscalationFilter filter, Actor actor, CancellationToken ct)
    {
        if (actor.Role is not (Role.Supervisor or Role.Dispatcher or Role.Liaison))
        {
            throw new ForbiddenException("Escalations are for supervisors, the center and departments.");
        }

        var v = new Validator();
        if (filter.Page < 1)
        {
            v.Add("page", "Must be 1 or more.");
        }

        if (filter.PageSize is < 1 or > 200)
        {
            v.Add("pageSize", "Must be between 1 and 200.");
        }

        v.ThrowIfInvalid();
        var scoped = actor.Role == Role.Liaison;
        var args = new
        {
            ScopeDepartmentId = actor.DepartmentId,
            Kind = filter.Kind?.ToString(),
            Level = filter.Level?.ToString(),
            filter.DepartmentId,
            Skip = (filter.Page - 1) * filter.PageSize,
            Take = filter.PageSize,
        };
        return await db.ReadAsync(async (c, token) =>
        {
            var total = await c.ExecuteScalarAsync<int>(new CommandDefinition(EscalationSql.Count(db.Dialect, filter, scoped), args, cancellationToken: token));
            var items = (await c.QueryAsync<EscalationView>(new CommandDefinition(EscalationSql.List(db.Dialect, filter, scoped), args, cancellationToken: token))).ToList();
            return new EscalationPage(items, total, filter.Page, filter.PageSize);
        }, ct);
    }

    /// <summary>Acknowledging twice keeps the first acknowledgement.</summary>
    public async Task<EscalationView> AcknowledgeAsync(long id, Actor actor, CancellationToken ct)
    {
        if (actor.Role is not (Role.Supervisor or Role.Dispatcher))
        {
            throw new ForbiddenException("Supervisors and the center acknowledge escalations.");
        }

        return await db.WriteAsync(async (c, tx, token) =>
        {
            await c.ExecuteAsync(new CommandDefinition(EscalationSql.Acknowledge, new { Id = id, actor.UserId, NowUtc = time.GetUtcNow().UtcDateTime }, tx, cancellationToken: token));
            return await c.QuerySingleOrDefaultAsync<EscalationView>(new CommandDefinition(EscalationSql.SelectOne, new { Id = id }, tx, cancellationToken: token))
                ?? throw new NotFoundException($"Escalation {id} not found.");
        }, ct);
    }
}
