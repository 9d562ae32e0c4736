using Dapper;
using Hotline.Core.Callers;
using Hotline.Core.Common;
using Hotline.Core.Data;
using Hotline.Core.Directory;
using Hotline.Core.Escalations;

namespace Hotline.Core.Tickets;

/// <summary>
/// Ticket reads, as each role may see them: liaisons only their department's tickets and masked phone numbers;
/// a 举报 reporter's identity only for the center. Every read of personal data is logged.
/// </summary>
public sealed class TicketQueries(Database db, IdGenerator ids, TimeProvider time, TicketOptions options, Deadlines.DeadlineOptions deadlineOptions)
{
    public const int MaxPageSize = 200;

    /// <summary>
    /// A ticket as the actor may see it. Explicit views log the personal data shown; the answer to the actor's own
    /// write (<paramref name="logAccess"/> false) shows nothing they did not just send or act on.
    /// </summary>
    public async Task<TicketDetail> GetAsync(long id, Actor actor, CancellationToken ct, bool logAccess = true)
    {
        var detail = await db.ReadAsync(async (c, token) =>
        {
            using var grid = await c.QueryMultipleAsync(new CommandDefinition(
                $"{TicketSql.SelectDetail};\n{TicketSql.SelectAssignments};\n{TicketSql.SelectEvents};\n{TicketSql.SelectExtensions};\n{EscalationSql.SelectOfTicket}",
                new { Id = id }, cancellationToken: token));
            var ticket = await grid.ReadSingleOrDefaultAsync<TicketDetail>();
            var assignments = (await grid.ReadAsync<Assignment>()).ToList();
            var events = (await grid.ReadAsync<TicketEventView>()).ToList();
            var extensions = (await grid.ReadAsync<ExtensionView>()).ToList();
            var escalations = await grid.ReadAsync<TicketEscalation>();
            return ticket is null ? null : ticket with { Assignments = assignments, Events = TicketEscalation.Timeline(events, escalations), Extensions = extensions };
        }, ct);
        if (detail is null || !CanSee(actor, detail.Assignments))
        {
            throw new NotFoundException($"Ticket {id} not found.");
        }

        var returnsByMe = detail.Events.Count(e => e.Action == TicketAction.RequestReturn && e.DepartmentId == actor.DepartmentId && actor.DepartmentId is not null);
        var facts = new TicketFacts(detail.Status,
            detail.Assignments.Select(a => new AssignmentFact(a.DepartmentId, a.Role, a.SignState, a.IsActive)).ToList(),
            detail.Satisfaction, returnsByMe,
            detail.Extensions.Any(x => x.Status == "Pending"), detail.Extensions.Count(x => x.Status == "Approved"),
            detail.HandleDueUtc is { } due && due <= time.GetUtcNow().UtcDateTime);
        var shown = Protect(detail, actor) with
        {
            ReturnCount = detail.Events.Count(e => e.Action == TicketAction.RequestReturn),
            AllowedActions = TicketWorkflow.AllowedActions(facts, actor, new WorkflowLimits(options.MaxReturnsPerDepartment, deadlineOptions.MaxExtensionsPerTicket)),
        };
        if (logAccess && (shown.CallerName is not null || shown.CallerPhone is not null))
        {
            await LogPersonalDataAsync(id, actor, "TicketDetail", null, ct);
        }

        return shown;
    }

    public async Task<TicketDetail> GetByNumberAsync(string number, Actor actor, CancellationToken ct)
    {
        var id = await db.ReadAsync((c, token) =>
            c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(TicketSql.SelectIdByNumber, new { Number = number }, cancellationToken: token)), ct);
        return id is null ? throw new NotFoundException($"Ticket {number} not found.") : await GetAsync(id.Value, actor, ct);
    }

    public async Task<TicketPage> ListAsync(TicketListFilter filter, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        if (filter.Page < 1)
        {
            v.Add("page", "Must be 1 or more.");
        }

        if (filter.PageSize is < 1 or > MaxPageSize)
        {
            v.Add("pageSize", $"Must be between 1 and {MaxPageSize}.");
        }

        if (!TicketSql.IsSortable(filter.Sort))
        {
            v.Add("sort", "One of createdUtc, updatedUtc, number, status, urgency.");
        }

        v.ThrowIfInvalid();
        var scoped = actor.Role == Role.Liaison;
        var args = new DynamicParameters(new
        {
            ScopeDepartmentId = actor.DepartmentId,
            filter.DepartmentId,
            AppealType = filter.AppealType?.ToString(),
            Urgency = filter.Urgency?.ToString(),
            Channel = filter.Channel?.ToString(),
            filter.FromUtc,
            filter.ToUtc,
            Number = "%" + EscapeLike(filter.Number?.Trim()) + "%",
            Text = "%" + EscapeLike(filter.Text?.Trim()) + "%",
            Skip = (filter.Page - 1) * filter.PageSize,
            Take = filter.PageSize,
        });
        for (var i = 0; i < filter.Statuses.Count; i++)
        {
            args.Add($"Status{i}", filter.Statuses[i].ToString());
        }

        return await db.ReadAsync(async (c, token) =>
        {
            var total = await c.ExecuteScalarAsync<int>(new CommandDefinition(TicketSql.Count(db.Dialect, filter, scoped), args, cancellationToken: token));
            var items = (await c.QueryAsync<TicketSummary>(new CommandDefinition(TicketSql.List(db.Dialect, filter, scoped), args, cancellationToken: token))).ToList();
            return new TicketPage(items, total, filter.Page, filter.PageSize);
        }, ct);
    }

    /// <summary>A caller's tickets, newest first: what the agent sees when the phone number is known.</summary>
    public async Task<IReadOnlyList<CallerTicket>> CallerHistoryAsync(string phone, Actor actor, CancellationToken ct)
    {
        if (actor.Role is not (Role.Agent or Role.Dispatcher or Role.Supervisor))
        {
            throw new ForbiddenException("Only the center looks up callers.");
        }

        var normalized = PhoneNumber.Normalize(phone) ?? throw ValidationException.For("phone", "Not a valid phone number.");
        var items = await db.ReadAsync(async (c, token) =>
            (await c.QueryAsync<CallerTicket>(new CommandDefinition(TicketSql.CallerHistory(db.Dialect), new { Phone = normalized }, cancellationToken: token))).ToList(), ct);
        await LogPersonalDataAsync(null, actor, "CallerHistory", normalized, ct);
        return items;
    }

    private static bool CanSee(Actor actor, IReadOnlyList<Assignment> assignments) =>
        actor.Role != Role.Liaison || assignments.Any(a => a.IsActive && a.DepartmentId == actor.DepartmentId);

    /// <summary>Masks or hides the caller's identity according to the viewer's role and the appeal type.</summary>
    internal static TicketDetail Protect(TicketDetail ticket, Actor actor)
    {
        if (ticket.AppealType == AppealType.Report && !actor.IsCenter)
        {
            return ticket with { CallerName = null, CallerPhone = null };
        }

        return actor.SeesFullPhone || ticket.CallerPhone is null ? ticket : ticket with { CallerPhone = PhoneNumber.Mask(ticket.CallerPhone) };
    }

    private Task LogPersonalDataAsync(long? ticketId, Actor actor, string purpose, string? subject, CancellationToken ct) =>
        db.WriteAsync((c, tx, token) => c.ExecuteAsync(new CommandDefinition(TicketSql.InsertPersonalDataAccess, new
        {
            Id = ids.NewId(),
            TicketId = ticketId,
            actor.UserId,
            Purpose = purpose,
            Subject = subject,
            NowUtc = time.GetUtcNow().UtcDateTime,
        }, tx, cancellationToken: token)), ct);

    private static string EscapeLike(string? value) =>
        (value ?? "").Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").Replace("[", "\\[");
}
