using System.Data.Common;
using Dapper;
using Hotline.Core.Directory;
using Hotline.Core.Routing;

namespace Hotline.Core.Tickets;

/// <summary>Registration's use of the responsibility list (责任清单), kept apart from the lifecycle.</summary>
public sealed partial class TicketService
{
    /// <summary>
    /// Stores the rules' decision on the new ticket and, when the agent named no department and auto-dispatch is on,
    /// dispatches it to the rule's departments in the same unit of work, through the ordinary dispatch path.
    /// </summary>
    private async Task RouteAtRegistrationAsync(DbConnection c, DbTransaction tx, long ticketId, RegisterTicket request, Actor actor,
        RoutingEngine engine, DateTime now, CancellationToken ct)
    {
        var decision = engine.Decide(new RoutingInput(request.CategoryId, request.AreaId, request.AppealType, request.Channel, request.Title, request.Content), now);
        var departments = decision.AssistDepartments.Select(a => a.Id).Prepend(decision.LeadDepartmentId ?? 0).ToList();
        var dispatch = request.Dispatch is null && routing.AutoDispatch && decision.Outcome == RoutingOutcome.Matched
            && await AllActiveAsync(c, tx, departments, ct); // the snapshot may be a few seconds behind a deactivation
        decision = decision with { AutoDispatched = dispatch };
        await c.ExecuteAsync(new CommandDefinition(RoutingSql.SetTicketRouting, new
        {
            Id = ticketId,
            RoutingVersion = decision.Version,
            RoutingRuleId = decision.RuleId,
            RoutingExplanation = IntakeRouting.Serialize(decision),
        }, tx, cancellationToken: ct));
        if (!dispatch)
        {
            return;
        }

        var lead = decision.LeadDepartmentId!.Value;
        var assists = departments.Skip(1).ToArray();
        await DispatchAtRegistrationAsync(c, tx, ticketId, TicketStatus.PendingDispatch, request, lead, assists, actor,
            new { LeadDepartmentId = lead, AssistDepartmentIds = assists, Note = decision.Summary, Routing = new { decision.Version, decision.RuleNo, decision.RuleId, Auto = true } },
            now, ct);
    }

    private static async Task<bool> AllActiveAsync(DbConnection c, DbTransaction tx, IEnumerable<long> departments, CancellationToken ct)
    {
        foreach (var id in departments)
        {
            if (await c.ExecuteScalarAsync<int>(new CommandDefinition(TicketSql.CountActiveDepartments, new { Id = id }, tx, cancellationToken: ct)) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
