using System.Text.Json;
using Dapper;
using Hotline.Core.Callers;
using Hotline.Core.Common;
using Hotline.Core.Data;
using Hotline.Core.Directory;
using Hotline.Core.Tickets;

namespace Hotline.Core.Repeat;

/// <summary>
/// Reads of repeat complaints: the supervisors' board (clusters ranked by size and recency), a cluster's detail with its
/// members' departments, outcomes and visits, a ticket's master, children and links, and the figures that count
/// matters and appeals apart. <see cref="TopClustersAsync"/> is the entry point for other features (the bulletin).
/// </summary>
public sealed class RepeatQueries(Database db, TimeProvider time)
{
    public const int MaxPageSize = 100;

    private static void RequireCenter(Actor actor)
    {
        if (actor.Role is not (Role.Supervisor or Role.Dispatcher or Role.Agent))
        {
            throw new ForbiddenException("Repeat clusters are for supervisors and the center.");
        }
    }

    public async Task<ClusterPage> ListClustersAsync(ClusterFilter filter, Actor actor, CancellationToken ct)
    {
        RequireCenter(actor);
        var v = new Validator();
        if (filter.Page < 1)
        {
            v.Add("page", "Must be 1 or more.");
        }

        if (filter.PageSize is < 1 or > MaxPageSize)
        {
            v.Add("pageSize", $"Must be between 1 and {MaxPageSize}.");
        }

        if (filter.MinSize < 1)
        {
            v.Add("minSize", "Must be 1 or more.");
        }

        if (filter.FromUtc is { } from && filter.ToUtc is { } to && to <= from)
        {
            v.Add("to", "Must be after from.");
        }

        v.ThrowIfInvalid();
        var now = time.GetUtcNow().UtcDateTime;
        var args = new
        {
            FromUtc = filter.FromUtc ?? now.AddDays(-30),
            ToUtc = filter.ToUtc ?? now.AddDays(1),
            filter.MinSize,
            Kind = filter.Kind?.ToString(),
            Skip = (filter.Page - 1) * filter.PageSize,
            Take = filter.PageSize,
        };
        return await db.ReadAsync(async (c, token) =>
        {
            var total = await c.ExecuteScalarAsync<int>(new CommandDefinition(RepeatSql.Count(db.Dialect, filter), args, cancellationToken: token));
            var items = (await c.QueryAsync<ClusterSummary>(new CommandDefinition(RepeatSql.List(db.Dialect, filter), args, cancellationToken: token))).ToList();
            return new ClusterPage(await WithDepartmentsAsync(c, items, token), total, filter.Page, filter.PageSize);
        }, ct);
    }

    /// <summary>
    /// The clusters active in a period, largest and latest first, with size, category, area and departments: what the
    /// monthly bulletin's hot-issues section lists. No actor: for other features' services, not for an endpoint.
    /// </summary>
    public Task<IReadOnlyList<ClusterSummary>> TopClustersAsync(DateTime fromUtc, DateTime toUtc, int top, CancellationToken ct, ClusterKind? kind = null)
    {
        var filter = new ClusterFilter { Kind = kind, FromUtc = fromUtc, ToUtc = toUtc, MinSize = 2, Page = 1, PageSize = Math.Clamp(top, 1, MaxPageSize) };
        var args = new { filter.FromUtc, filter.ToUtc, filter.MinSize, Kind = kind?.ToString(), Skip = 0, Take = filter.PageSize };
        return db.ReadAsync<IReadOnlyList<ClusterSummary>>(async (c, token) =>
        {
            var items = (await c.QueryAsync<ClusterSummary>(new CommandDefinition(RepeatSql.List(db.Dialect, filter), args, cancellationToken: token))).ToList();
            return await WithDepartmentsAsync(c, items, token);
        }, ct);
    }

    public async Task<ClusterDetail> GetClusterAsync(long id, Actor actor, CancellationToken ct)
    {
        RequireCenter(actor);
        return await db.ReadAsync(async (c, token) =>
        {
            var cluster = await c.QuerySingleOrDefaultAsync<ClusterSummary>(new CommandDefinition(RepeatSql.SelectCluster, new { Id = id }, cancellationToken: token))
                ?? throw new NotFoundException($"Cluster {id} not found.");
            var members = (await c.QueryAsync<ClusterMemberView>(new CommandDefinition(RepeatSql.SelectMembers, new { Id = id }, cancellationToken: token))).ToList();
            return new ClusterDetail((await WithDepartmentsAsync(c, [cluster], token))[0], members);
        }, ct);
    }

    public async Task<RepeatFigures> FiguresAsync(DateTime? fromUtc, DateTime? toUtc, Actor actor, CancellationToken ct)
    {
        RequireCenter(actor);
        var now = time.GetUtcNow().UtcDateTime;
        var from = fromUtc ?? now.AddDays(-30);
        var to = toUtc ?? now.AddSeconds(1);
        if (to <= from)
        {
            throw ValidationException.For("to", "Must be after from.");
        }

        return await db.ReadAsync(async (c, token) =>
        {
            var args = new { FromUtc = from, ToUtc = to };
            var counts = await c.QuerySingleAsync<(int Appeals, int Matters, int Children)>(new CommandDefinition(RepeatSql.Figures, args, cancellationToken: token));
            var clusters = await c.ExecuteScalarAsync<int>(new CommandDefinition(RepeatSql.CountActiveClusters, args, cancellationToken: token));
            var repeat = await c.ExecuteScalarAsync<int>(new CommandDefinition(RepeatSql.CountRepeatAppeals, args, cancellationToken: token));
            return new RepeatFigures(from, to, counts.Appeals, counts.Matters, counts.Children, clusters, repeat);
        }, ct);
    }

    /// <summary>
    /// A ticket's repeat facts. The center sees everything; a liaison only for a ticket their department holds, with
    /// the children's phone numbers masked and a 举报 reporter's identity hidden.
    /// </summary>
    public async Task<TicketRepeatInfo> TicketInfoAsync(long id, Actor actor, CancellationToken ct)
    {
        if (actor.Role is not (Role.Supervisor or Role.Dispatcher or Role.Agent or Role.Liaison))
        {
            throw new ForbiddenException("Not for this role.");
        }

        return await db.ReadAsync(async (c, token) =>
        {
            var state = await c.QuerySingleOrDefaultAsync<RepeatStateRow>(new CommandDefinition(RepeatSql.SelectRepeatState, new { Id = id }, cancellationToken: token))
                ?? throw new NotFoundException($"Ticket {id} not found.");
            if (actor.Role == Role.Liaison)
            {
                var departments = await c.QueryAsync<long>(new CommandDefinition(RepeatSql.SelectAssignedDepartments, new { Id = id }, cancellationToken: token));
                if (!departments.Contains(actor.DepartmentId ?? -1))
                {
                    throw new NotFoundException($"Ticket {id} not found.");
                }
            }

            var children = (await c.QueryAsync<ChildAppeal>(new CommandDefinition(RepeatSql.SelectChildren, new { Id = id }, cancellationToken: token)))
                .Select(child => Protect(child, actor)).ToList();
            var links = (await c.QueryAsync<TicketLinkView>(new CommandDefinition(RepeatSql.SelectLinks, new { Id = id }, cancellationToken: token))).ToList();
            var clusters = actor.Role == Role.Liaison ? []
                : (await c.QueryAsync<long>(new CommandDefinition(RepeatSql.SelectClusterIdsOfTicket, new { Id = id }, cancellationToken: token))).ToList();
            return new TicketRepeatInfo(id, state.MasterTicketId, state.MasterNumber, state.IsDifficult, state.UnsatisfiedVisits, children, links, clusters);
        }, ct);
    }

    private static ChildAppeal Protect(ChildAppeal child, Actor actor)
    {
        if (child.AppealType == AppealType.Report && !actor.IsCenter)
        {
            return child with { CallerName = null, CallerPhone = null };
        }

        return actor.SeesFullPhone || child.CallerPhone is null ? child : child with { CallerPhone = PhoneNumber.Mask(child.CallerPhone) };
    }

    private async Task<List<ClusterSummary>> WithDepartmentsAsync(System.Data.Common.DbConnection c, List<ClusterSummary> items, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return items;
        }

        var rows = JsonSerializer.Serialize(items.Select(i => new { i.Id }));
        var names = (await c.QueryAsync<(long ClusterId, string Name)>(new CommandDefinition(RepeatSql.DepartmentsOf(db.Dialect), new { Rows = rows }, cancellationToken: ct)))
            .ToLookup(r => r.ClusterId, r => r.Name);
        return items.Select(i => i with { Departments = names[i.Id].OrderBy(n => n, StringComparer.Ordinal).ToList() }).ToList();
    }

    private sealed record RepeatStateRow
    {
        public long TicketId { get; init; }
        public long? MasterTicketId { get; init; }
        public string? MasterNumber { get; init; }
        public bool IsDifficult { get; init; }
        public int UnsatisfiedVisits { get; init; }
        public long? LeadDepartmentId { get; init; }
    }
}
