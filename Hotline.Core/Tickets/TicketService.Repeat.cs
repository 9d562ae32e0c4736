using System.Data.Common;
using System.Text.Json;
using Dapper;
using Hotline.Core.Common;
using Hotline.Core.Directory;
using Hotline.Core.Escalations;
using Hotline.Core.Repeat;

namespace Hotline.Core.Tickets;

/// <summary>
/// Repeat complaints in the lifecycle: a new appeal attached to an open ticket at intake (a child: no dispatch of its
/// own, one more appeal on the master), merge (并单) and un-merge by the center, the master's approved reply handed to
/// every child so each caller gets a return visit, and two unsatisfied visits making a ticket 疑难 with a supervision
/// order (督办). Each in the transaction of the action that causes it.
/// </summary>
public sealed partial class TicketService
{
    /// <summary>The master a new appeal is attached to, checked before anything is written.</summary>
    private sealed record MasterRow
    {
        public long Id { get; init; }
        public string Number { get; init; } = "";
        public TicketStatus Status { get; init; }
        public long? MasterTicketId { get; init; }
        public long? LeadDepartmentId { get; init; }
        public string? ReplyResult { get; init; }
        public bool? ReplyResolved { get; init; }
    }

    private sealed record ChildRow
    {
        public long Id { get; init; }
        public AppealType AppealType { get; init; }
        public Urgency Urgency { get; init; }
    }

    private sealed record VisitedRow
    {
        public long Id { get; init; }
        public TicketStatus Status { get; init; }
        public long? LeadDepartmentId { get; init; }
        public int UnsatisfiedVisits { get; init; }
        public bool IsDifficult { get; init; }
    }

    private static void ValidateLink(RegisterTicket r, bool answerDirectly)
    {
        if (r.Link is not { } link)
        {
            return;
        }

        var v = new Validator().Required("link.ticketId", link.TicketId).Required("link.mode", link.Mode);
        if (link.Mode == RepeatLinkMode.Child && answerDirectly)
        {
            v.Add("link.mode", "An appeal answered directly is not attached to another ticket.");
        }

        if (link.Mode == RepeatLinkMode.Child && r.Dispatch is not null)
        {
            v.Add("dispatch", "An appeal attached to an open ticket is not dispatched: its master is.");
        }

        v.ThrowIfInvalid();
    }

    /// <summary>For a child: the master, which must exist, be open and not be a child itself.</summary>
    private static async Task<MasterRow?> ReadLinkTargetAsync(DbConnection c, DbTransaction tx, RegisterTicket r, CancellationToken ct)
    {
        if (r.Link is not { TicketId: { } target } link)
        {
            return null;
        }

        var master = await c.QuerySingleOrDefaultAsync<MasterRow>(new CommandDefinition(TicketRepeatSql.SelectMaster, new { Id = target }, tx, cancellationToken: ct))
            ?? throw ValidationException.For("link.ticketId", $"No ticket {target}.");
        if (link.Mode != RepeatLinkMode.Child)
        {
            return null;
        }

        if (master.MasterTicketId is { } grand)
        {
            throw ValidationException.For("link.ticketId", $"Ticket {master.Number} is itself merged into ticket {grand}: attach to that one.");
        }

        if (!TicketWorkflow.OpenStatuses.Contains(master.Status))
        {
            throw new ConflictException(ConflictCodes.InvalidState, $"Ticket {master.Number} is {master.Status}: register the appeal as new.", master.Status.ToString());
        }

        return master;
    }

    /// <summary>After the ticket row and its timeline: the link, the master's event, and the repeat clusters.</summary>
    private async Task AfterRegisterAsync(DbConnection c, DbTransaction tx, Registration registration, CancellationToken ct, List<ScoredRow> prefetched)
    {
        var (ticketId, r, actor, now) = (registration.TicketId, registration.Request, registration.Actor, registration.NowUtc);
        if (r.Link is { TicketId: { } linked, Mode: { } mode })
        {
            await InsertLinkAsync(c, tx, ticketId, linked, mode == RepeatLinkMode.Child ? TicketLinkKind.Child : TicketLinkKind.Related,
                r.Link.Score, r.Link.Reasons, null, actor, now, ct);
        }

        if (registration.Master is { } master)
        {
            // The department sees one more appeal on the master: an event on its timeline, pushed live like any other.
            await AppendEventAsync(c, tx, master.Id, TicketAction.Link, master.Status, master.Status, actor, master.LeadDepartmentId, null,
                new { ChildTicketId = ticketId, ChildNumber = registration.Number }, now, ct);
            if (master.Status == TicketStatus.PendingVisit)
            {
                // The master's reply is approved already: this caller is visited on it too.
                await HandOverReplyAsync(c, tx, master, new ChildRow { Id = ticketId, AppealType = r.AppealType!.Value, Urgency = r.Urgency!.Value }, actor, now, ct);
            }
        }

        await repeatClusters.ClusterAsync(c, tx, new ClusterCandidateTicket
        {
            Id = ticketId,
            CallerPhone = registration.Phone,
            CategoryId = r.CategoryId!.Value,
            AreaId = r.AreaId,
            Address = r.Address,
            Title = r.Title!.Trim(),
            Content = r.Content!.Trim(),
            CreatedUtc = now,
        }, now, ct, prefetched);
    }

    /// <summary>The repeat lookups of a registration, read before its write so the single writer does not do them.</summary>
    private Task<List<ScoredRow>> PrefetchRepeatsAsync(RegisterTicket r, string? phone, CancellationToken ct) =>
        repeatClusters.PrefetchAsync(phone, r.CategoryId!.Value, r.AreaId, r.Address, r.Title!.Trim(), r.Content!.Trim(), time.GetUtcNow().UtcDateTime, ct);

    private async Task InsertLinkAsync(DbConnection c, DbTransaction tx, long ticketId, long linkedId, TicketLinkKind kind, double? score,
        IReadOnlyList<CandidateReason>? reasons, string? reason, Actor actor, DateTime now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(TicketRepeatSql.InsertLink, new
        {
            Id = ids.NewId(),
            TicketId = ticketId,
            LinkedTicketId = linkedId,
            Kind = kind.ToString(),
            Score = score,
            Evidence = reasons is null ? null : JsonSerializer.Serialize(reasons, EventJson),
            Reason = reason,
            CreatedByUserId = actor.UserId,
            NowUtc = now,
        }, tx, cancellationToken: ct));

    /// <summary>并单: the ticket becomes a child of the master, with the reason; its departments are released.</summary>
    public Task<TicketDetail> MergeAsync(long id, MergeRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator().Required("masterTicketId", request.MasterTicketId).Required("reason", request.Reason, ReasonMax);
        if (request.MasterTicketId == id)
        {
            v.Add("masterTicketId", "A ticket cannot be merged into itself.");
        }

        v.ThrowIfInvalid();
        var reason = request.Reason!.Trim();
        return TransitionAsync(id, request.Version, actor, TicketAction.Merge, async step =>
        {
            var c = step.Connection;
            var tx = step.Transaction;
            var master = await c.QuerySingleOrDefaultAsync<MasterRow>(new CommandDefinition(TicketRepeatSql.SelectMaster, new { Id = request.MasterTicketId }, tx, cancellationToken: step.Token))
                ?? throw ValidationException.For("masterTicketId", $"No ticket {request.MasterTicketId}.");
            if (master.MasterTicketId is not null)
            {
                throw ValidationException.For("masterTicketId", $"Ticket {master.Number} is itself merged into another ticket.");
            }

            if (master.Status is not (TicketStatus.PendingDispatch or TicketStatus.PendingSign or TicketStatus.ReturnRequested or TicketStatus.InProgress
                or TicketStatus.PendingReview or TicketStatus.PendingVisit))
            {
                throw new ConflictException(ConflictCodes.InvalidState, $"The master {master.Number} is {master.Status}: merge into an open ticket.", master.Status.ToString());
            }

            await step.ExecuteAsync(TicketSql.EndAssignments, new { TicketId = id, SignState = SignState.Withdrawn.ToString() });
            await step.ExecuteAsync(TicketRepeatSql.SetMaster, new { Id = id, MasterTicketId = master.Id, master.LeadDepartmentId });
            // Children of the merged ticket follow it to the new master.
            await step.ExecuteAsync(TicketRepeatSql.MoveChildren, new { FromId = id, ToId = master.Id });
            await InsertLinkAsync(c, tx, id, master.Id, TicketLinkKind.Merged, null, null, reason, actor, step.NowUtc, step.Token);
            await AppendEventAsync(c, tx, master.Id, TicketAction.Merge, master.Status, master.Status, actor, master.LeadDepartmentId, reason,
                new { ChildTicketId = id }, step.NowUtc, step.Token);
            if (master.Status == TicketStatus.PendingVisit)
            {
                step.To = TicketStatus.PendingVisit; // the master's reply is approved already: this caller is visited on it
                await step.ExecuteAsync(TicketRepeatSql.CopyReply, new { Id = id, master.ReplyResult, master.ReplyResolved, step.NowUtc });
                await step.Clocks(master.LeadDepartmentId).StartVisitAsync();
            }

            return step.Event(master.LeadDepartmentId, reason, new { MasterTicketId = master.Id, MasterNumber = master.Number });
        }, ct);
    }

    /// <summary>Un-merge while the master is not closed: the child comes back as its own matter, waiting for dispatch.</summary>
    public Task<TicketDetail> UnmergeAsync(long id, UnmergeRequest request, Actor actor, CancellationToken ct)
    {
        var reason = RequireReason(request.Reason);
        return TransitionAsync(id, request.Version, actor, TicketAction.Unmerge, async step =>
        {
            var c = step.Connection;
            var tx = step.Transaction;
            var masterId = await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(TicketRepeatSql.SelectMasterId, new { Id = id }, tx, cancellationToken: step.Token));
            var master = masterId is null ? null
                : await c.QuerySingleAsync<MasterRow>(new CommandDefinition(TicketRepeatSql.SelectMaster, new { Id = masterId }, tx, cancellationToken: step.Token));
            if (master is not null && master.Status is TicketStatus.Closed)
            {
                throw new ConflictException(ConflictCodes.InvalidState, $"The master {master.Number} is closed: un-merge is possible only while it is open.", TicketStatus.Merged.ToString());
            }

            await step.ExecuteAsync(TicketRepeatSql.ClearMaster, new { Id = id });
            if (master is not null)
            {
                await InsertLinkAsync(c, tx, id, master.Id, TicketLinkKind.Unmerged, null, null, reason, actor, step.NowUtc, step.Token);
                await AppendEventAsync(c, tx, master.Id, TicketAction.Unmerge, master.Status, master.Status, actor, master.LeadDepartmentId, reason,
                    new { ChildTicketId = id }, step.NowUtc, step.Token);
            }

            return step.Event(null, reason, master is null ? null : new { MasterTicketId = master.Id, MasterNumber = master.Number });
        }, ct);
    }

    /// <summary>The master's reply was approved: every child still merged moves to its own return visit, on the master's reply.</summary>
    private async Task HandOverReplyToChildrenAsync(Step step, long masterId)
    {
        var c = step.Connection;
        var tx = step.Transaction;
        var master = await c.QuerySingleAsync<MasterRow>(new CommandDefinition(TicketRepeatSql.SelectMaster, new { Id = masterId }, tx, cancellationToken: step.Token));
        var children = await c.QueryAsync<ChildRow>(new CommandDefinition(TicketRepeatSql.SelectMergedChildren, new { Id = masterId }, tx, cancellationToken: step.Token));
        foreach (var child in children)
        {
            await HandOverReplyAsync(c, tx, master with { LeadDepartmentId = step.LeadDepartmentId }, child, null, step.NowUtc, step.Token);
        }
    }

    private async Task HandOverReplyAsync(DbConnection c, DbTransaction tx, MasterRow master, ChildRow child, Actor? actor, DateTime now, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition(TicketRepeatSql.CopyReply, new { child.Id, master.ReplyResult, master.ReplyResolved, NowUtc = now }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(TicketRepeatSql.MoveToVisit, new { child.Id, NowUtc = now, master.LeadDepartmentId }, tx, cancellationToken: ct));
        await new Clocks(this, c, tx, child.Id, child.AppealType, child.Urgency, master.LeadDepartmentId, now, ct).StartVisitAsync();
        var system = actor ?? new Actor(DeadlineSweeper.SystemUserId, "系统", Role.Admin, null);
        await c.ExecuteAsync(new CommandDefinition(_insertEvent, new
        {
            Id = ids.NewId(),
            TicketId = child.Id,
            Action = nameof(TicketAction.ApproveReply),
            FromStatus = nameof(TicketStatus.Merged),
            ToStatus = nameof(TicketStatus.PendingVisit),
            ActorUserId = system.UserId,
            ActorRole = actor is null ? "System" : system.Role.ToString(),
            DepartmentId = master.LeadDepartmentId,
            Reason = (string?)null,
            Detail = JsonSerializer.Serialize(new { MasterTicketId = master.Id, MasterNumber = master.Number, Result = master.ReplyResult }, EventJson),
            NowUtc = now,
        }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// A return visit is being recorded. A child cannot be reopened on its own (its master is handled). An unsatisfied
    /// visit counts on the ticket and on its master; at the configured count (default 2) the ticket becomes 疑难 and a
    /// supervision order is raised (Escalation Kind Difficult, Level Supervise).
    /// </summary>
    /// <returns>The supervision reason when this visit made the ticket itself 疑难: the caller appends its event last.</returns>
    private async Task<string?> OnVisitAsync(Step step, long id, VisitRequest request)
    {
        var masterId = await step.Connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(TicketRepeatSql.SelectMasterId, new { Id = id }, step.Transaction, cancellationToken: step.Token));
        if (request.Reopen && masterId is not null)
        {
            throw new ConflictException(ConflictCodes.InvalidState, "This appeal is merged into a master ticket: reopen the master instead.", step.From.ToString());
        }

        if (request.Satisfaction != Satisfaction.Unsatisfied)
        {
            return null;
        }

        string? own = null;
        foreach (var ticketId in masterId is { } m ? new[] { id, m } : [id])
        {
            await step.ExecuteAsync(TicketRepeatSql.CountUnsatisfiedVisit, new { Id = ticketId });
            var row = await step.Connection.QuerySingleAsync<VisitedRow>(new CommandDefinition(TicketRepeatSql.SelectVisited, new { Id = ticketId }, step.Transaction, cancellationToken: step.Token));
            if (row.IsDifficult || row.UnsatisfiedVisits < repeatOptions.DifficultAfterUnsatisfiedVisits)
            {
                continue;
            }

            await step.ExecuteAsync(TicketRepeatSql.MarkDifficult, new { Id = ticketId });
            await step.ExecuteAsync(EscalationSql.Raise(db.Dialect), new
            {
                Id = ids.NewId(),
                TicketId = ticketId,
                Kind = nameof(EscalationKind.Difficult),
                Level = nameof(EscalationLevel.Supervise),
                DepartmentId = row.LeadDepartmentId,
                DueUtc = step.NowUtc,
                step.NowUtc,
            });
            var reason = $"{row.UnsatisfiedVisits} 次回访不满意，列为疑难工单，发出督办单";
            if (ticketId == id)
            {
                own = reason;
            }
            else
            {
                var system = new Actor(DeadlineSweeper.SystemUserId, "系统", Role.Admin, null);
                await AppendSuperviseEventAsync(step, ticketId, row, reason, system);
            }
        }

        return own;
    }

    private Task AppendSuperviseEventAsync(Step step, long ticketId, VisitedRow row, string reason, Actor system) =>
        step.Connection.ExecuteAsync(new CommandDefinition(_insertEvent, new
        {
            Id = ids.NewId(),
            TicketId = ticketId,
            Action = nameof(TicketAction.Supervise),
            FromStatus = row.Status.ToString(),
            ToStatus = row.Status.ToString(),
            ActorUserId = system.UserId,
            ActorRole = "System",
            DepartmentId = row.LeadDepartmentId,
            Reason = reason,
            Detail = JsonSerializer.Serialize(new { Kind = EscalationKind.Difficult, Level = EscalationLevel.Supervise }, EventJson),
            step.NowUtc,
        }, step.Transaction, cancellationToken: step.Token));

    /// <summary>A child is not reopened on its own: its master is.</summary>
    private static async Task RefuseChildReopenAsync(Step step, long id)
    {
        var masterId = await step.Connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(TicketRepeatSql.SelectMasterId, new { Id = id }, step.Transaction, cancellationToken: step.Token));
        if (masterId is not null)
        {
            throw new ConflictException(ConflictCodes.InvalidState, "This appeal is merged into a master ticket: reopen the master instead.", step.From.ToString());
        }
    }
}

/// <summary>The SQL of repeat complaints in the ticket lifecycle.</summary>
internal static class TicketRepeatSql
{
    public const string SelectMaster = """
        SELECT Id, Number, Status, MasterTicketId, LeadDepartmentId, ReplyResult, ReplyResolved FROM Ticket WHERE Id = @Id
        """;

    public const string SelectMasterId = "SELECT MasterTicketId FROM Ticket WHERE Id = @Id";

    public const string SetMaster = "UPDATE Ticket SET MasterTicketId = @MasterTicketId, LeadDepartmentId = @LeadDepartmentId WHERE Id = @Id";

    public const string ClearMaster = "UPDATE Ticket SET MasterTicketId = NULL, LeadDepartmentId = NULL, ReplyResult = NULL, ReplyResolved = NULL, RepliedUtc = NULL WHERE Id = @Id";

    public const string MoveChildren = "UPDATE Ticket SET MasterTicketId = @ToId WHERE MasterTicketId = @FromId";

    public const string SelectMergedChildren = "SELECT Id, AppealType, Urgency FROM Ticket WHERE MasterTicketId = @Id AND Status = 'Merged' ORDER BY Id";

    public const string CopyReply = "UPDATE Ticket SET ReplyResult = @ReplyResult, ReplyResolved = @ReplyResolved, RepliedUtc = @NowUtc WHERE Id = @Id";

    /// <summary>A merged child moves to its return visit: a change of its own, so its version moves too.</summary>
    public const string MoveToVisit = """
        UPDATE Ticket SET Status = 'PendingVisit', Version = Version + 1, UpdatedUtc = @NowUtc, LeadDepartmentId = @LeadDepartmentId
        WHERE Id = @Id AND Status = 'Merged'
        """;

    public const string CountUnsatisfiedVisit = "UPDATE Ticket SET UnsatisfiedVisits = UnsatisfiedVisits + 1 WHERE Id = @Id";

    public const string SelectVisited = "SELECT Id, Status, LeadDepartmentId, UnsatisfiedVisits, IsDifficult FROM Ticket WHERE Id = @Id";

    public const string MarkDifficult = "UPDATE Ticket SET IsDifficult = 1 WHERE Id = @Id";

    public const string InsertLink = """
        INSERT INTO TicketLink (Id, TicketId, LinkedTicketId, Kind, Score, Evidence, Reason, CreatedByUserId, CreatedUtc)
        VALUES (@Id, @TicketId, @LinkedTicketId, @Kind, @Score, @Evidence, @Reason, @CreatedByUserId, @NowUtc)
        """;
}
