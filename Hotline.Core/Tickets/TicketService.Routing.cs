using System.Data.Common;
using Dapper;
using Hotline.Core.Directory;
using Hotline.Core.Routing;

namespace Hotline.Core.Tickets;

/// <summary>Registration's use of the responsibility list (责任清单), kept apart from the lifecycle.</summary>
public sealed partial class TicketService
{
    /// <summary>
    /// The rules' decision on the new ticket, stored with it; when the agent named no department and auto-dispatch is on,
    /// the ticket is dispatched to the rule's departments in the same unit of work, as a dispatch by hand would be.
    /// </summary>
    private async Task<Registration> RouteAsync(DbConnection c, DbTransaction tx, Registration registration, RoutingEngine engine, CancellationToken ct)
    {
        var request = registration.Request;
        var decision = engine.Decide(new RoutingInput(request.CategoryId, request.AreaId, request.AppealType, request.Channel, request.Title, request.Content), registration.NowUtc);
        var departments = decision.AssistDepartments.Select(a => a.Id).Prepend(decision.LeadDepartmentId ?? 0).ToList();
        var dispatch = registration.Dispatch is null && routing.AutoDispatch && decision.Outcome == RoutingOutcome.Matched
            && await AllActiveAsync(c, tx, departments, ct); // the snapshot may be a few seconds behind a deactivation
        decision = decision with { AutoDispatched = dispatch };
        if (!dispatch)
        {
            return registration with { Routing = decision };
        }

        var lead = decision.LeadDepartmentId!.Value;
        var assists = departments.Skip(1).ToArray();
        return registration with
        {
            Routing = decision,
            Dispatch = new DispatchPlan(lead, assists,
                new { LeadDepartmentId = lead, AssistDepartmentIds = assists, Note = decision.Summary, Routing = new { decision.Version, decision.RuleNo, decision.RuleId, Auto = true } }),
        };
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
