using System.Data.Common;
using Dapper;
using Hotline.Core.Common;
using Hotline.Core.Directory;

namespace Hotline.Core.Tickets;

/// <summary>
/// What the "办不成事" window (Hotline.Core/Window) does to tickets, inside the window case's own unit of work: a ticket
/// for the departments' work, registered on the Window channel and dispatched at once; and the forwarding of a 12345
/// ticket to the window, recorded on the ticket's timeline.
/// </summary>
public sealed partial class TicketService
{
    /// <summary>
    /// Registers and dispatches a ticket for a window case in the caller's transaction (events Register + Dispatch, clocks
    /// started by the deadline policy). The window staff member is the actor; validation errors name the request's fields.
    /// </summary>
    internal async Task<long> RegisterForWindowAsync(DbConnection c, DbTransaction tx, RegisterTicket request, Actor actor, DateTime now, CancellationToken token)
    {
        var phone = ValidateRegistration(request, answerDirectly: false);
        await RequireExistsAsync(c, tx, TicketSql.CountActiveCategories, request.CategoryId!.Value, "categoryId", token);
        var dispatch = request.Dispatch ?? throw ValidationException.For("leadDepartmentId", "Required.");
        await ValidateDispatchAsync(c, tx, dispatch.LeadDepartmentId, dispatch.AssistDepartmentIds, "", token);

        var (ticketId, number) = await NewNumberAsync(c, tx, now, token);
        await InsertRegisteredAsync(c, tx, new Registration(ticketId, number, TicketStatus.PendingDispatch, request, phone, actor, now)
        {
            Dispatch = DispatchPlan.Named(dispatch),
        }, token);
        return ticketId;
    }

    /// <summary>
    /// Records on an open ticket's timeline that the center forwarded it to the window (the status stays; the version moves,
    /// so a stale form is a 409 as for any action).
    /// </summary>
    internal async Task ForwardToWindowAsync(DbConnection c, DbTransaction tx, long ticketId, TicketStatus status, int version, Actor actor, string caseNumber,
        string? note, DateTime now, CancellationToken token)
    {
        RequireRole(actor, Role.Dispatcher);
        if (!TicketWorkflow.OpenStatuses.Contains(status))
        {
            throw new ConflictException(ConflictCodes.InvalidState, $"A {status} ticket cannot be forwarded to the window.", status.ToString(), version);
        }

        await AdvanceAsync(c, tx, ticketId, version, status, now, token);
        await AppendEventAsync(c, tx, ticketId, TicketAction.ForwardToWindow, status, status, actor, null, Trim(note), new { WindowCaseNumber = caseNumber }, now, token);
    }
}
