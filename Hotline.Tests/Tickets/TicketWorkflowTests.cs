using Hotline.Core.Directory;
using Hotline.Core.Tickets;

namespace Hotline.Tests.Tickets;

/// <summary>Every transition of DESIGN.md's table is allowed, and every other (status, action, role) is refused.</summary>
public sealed class TicketWorkflowTests
{
    private const long LeadDept = 10;
    private const long AssistDept = 20;
    private static readonly WorkflowLimits Limits = new(MaxReturnsPerDepartment: 2, MaxExtensions: 1);

    // The lifecycle table of DESIGN.md, written out independently of TicketWorkflow.
    private static readonly HashSet<(TicketStatus From, TicketAction Action, Role Role)> Allowed =
    [
        (TicketStatus.PendingDispatch, TicketAction.Dispatch, Role.Dispatcher),
        (TicketStatus.PendingSign, TicketAction.Sign, Role.Liaison),
        (TicketStatus.PendingSign, TicketAction.RequestReturn, Role.Liaison),
        (TicketStatus.InProgress, TicketAction.RequestReturn, Role.Liaison),
        (TicketStatus.ReturnRequested, TicketAction.ApproveReturn, Role.Dispatcher),
        (TicketStatus.ReturnRequested, TicketAction.RejectReturn, Role.Dispatcher),
        (TicketStatus.InProgress, TicketAction.Reply, Role.Liaison),
        (TicketStatus.PendingReview, TicketAction.ApproveReply, Role.Dispatcher),
        (TicketStatus.PendingReview, TicketAction.SendBack, Role.Dispatcher),
        (TicketStatus.PendingVisit, TicketAction.RecordVisit, Role.Agent),
        (TicketStatus.PendingVisit, TicketAction.RecordVisit, Role.Dispatcher),
        (TicketStatus.Closed, TicketAction.Reopen, Role.Agent),
        (TicketStatus.Closed, TicketAction.Reopen, Role.Dispatcher),
        (TicketStatus.InProgress, TicketAction.RequestExtension, Role.Liaison),
        .. TicketWorkflow.OpenStatuses.SelectMany(s => new[] { (s, TicketAction.Withdraw, Role.Agent), (s, TicketAction.Withdraw, Role.Dispatcher) }),
        // 并单: the center merges any open ticket under a master, and un-merges a merged one.
        .. TicketWorkflow.OpenStatuses.Select(s => (s, TicketAction.Merge, Role.Dispatcher)),
        (TicketStatus.Merged, TicketAction.Unmerge, Role.Dispatcher),
    ];

    private static readonly Dictionary<TicketAction, TicketStatus> Targets = new()
    {
        [TicketAction.Dispatch] = TicketStatus.PendingSign,
        [TicketAction.Sign] = TicketStatus.InProgress,
        [TicketAction.RequestReturn] = TicketStatus.ReturnRequested,
        [TicketAction.ApproveReturn] = TicketStatus.PendingSign,
        [TicketAction.RejectReturn] = TicketStatus.PendingSign,
        [TicketAction.Reply] = TicketStatus.PendingReview,
        [TicketAction.ApproveReply] = TicketStatus.PendingVisit,
        [TicketAction.SendBack] = TicketStatus.InProgress,
        [TicketAction.RecordVisit] = TicketStatus.Closed,
        [TicketAction.Reopen] = TicketStatus.InProgress,
        [TicketAction.Withdraw] = TicketStatus.Withdrawn,
        [TicketAction.RequestExtension] = TicketStatus.InProgress,
        [TicketAction.ApproveExtension] = TicketStatus.InProgress,
        [TicketAction.RejectExtension] = TicketStatus.InProgress,
        [TicketAction.Merge] = TicketStatus.Merged,
        [TicketAction.Unmerge] = TicketStatus.PendingDispatch,
    };

    // Who may ever take each action (DESIGN.md): anyone else is refused with 403 whatever the state.
    private static readonly Dictionary<TicketAction, Role[]> Roles = new()
    {
        [TicketAction.Dispatch] = [Role.Dispatcher],
        [TicketAction.Sign] = [Role.Liaison],
        [TicketAction.RequestReturn] = [Role.Liaison],
        [TicketAction.ApproveReturn] = [Role.Dispatcher],
        [TicketAction.RejectReturn] = [Role.Dispatcher],
        [TicketAction.Reply] = [Role.Liaison],
        [TicketAction.ApproveReply] = [Role.Dispatcher],
        [TicketAction.SendBack] = [Role.Dispatcher],
        [TicketAction.RecordVisit] = [Role.Agent, Role.Dispatcher],
        [TicketAction.Reopen] = [Role.Agent, Role.Dispatcher],
        [TicketAction.Withdraw] = [Role.Agent, Role.Dispatcher],
        [TicketAction.RequestExtension] = [Role.Liaison],
        [TicketAction.ApproveExtension] = [Role.Dispatcher],
        [TicketAction.RejectExtension] = [Role.Dispatcher],
        [TicketAction.Merge] = [Role.Dispatcher],
        [TicketAction.Unmerge] = [Role.Dispatcher],
    };

    public static TheoryData<TicketStatus, TicketAction, Role> EveryCombination()
    {
        var data = new TheoryData<TicketStatus, TicketAction, Role>();
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            foreach (var action in TicketWorkflow.TransitionActions)
            {
                foreach (var role in Enum.GetValues<Role>())
                {
                    data.Add(status, action, role);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Each_status_action_and_role_is_allowed_exactly_when_the_lifecycle_says_so(TicketStatus status, TicketAction action, Role role)
    {
        // The liaison is the lead department's, with the lead assignment still to sign while the ticket awaits signing.
        var leadSign = status == TicketStatus.PendingSign ? SignState.Pending : SignState.Signed;
        var ticket = new TicketFacts(status, [new AssignmentFact(LeadDept, AssignmentRole.Lead, leadSign, true)], Satisfaction.Unsatisfied, 0);
        var actor = new Actor(1, "someone", role, role == Role.Liaison ? LeadDept : null);

        var verdict = TicketWorkflow.Check(ticket, actor, action, Limits);

        Assert.Equal(Allowed.Contains((status, action, role)), verdict == Verdict.Allowed);
        if (verdict == Verdict.Allowed)
        {
            Assert.Equal(Targets[action], TicketWorkflow.Target(status, action, AssignmentRole.Lead));
            Assert.Contains(action, TicketWorkflow.AllowedActions(ticket, actor, Limits));
        }
        else
        {
            Assert.DoesNotContain(action, TicketWorkflow.AllowedActions(ticket, actor, Limits));
            var roleMayEver = Roles[action].Contains(role);
            Assert.Equal(roleMayEver ? Verdict.InvalidState : Verdict.Forbidden, verdict);
        }
    }

    [Fact]
    public void An_assisting_department_signs_its_own_assignment_but_neither_replies_nor_returns()
    {
        var assignments = new[]
        {
            new AssignmentFact(LeadDept, AssignmentRole.Lead, SignState.Signed, true),
            new AssignmentFact(AssistDept, AssignmentRole.Assist, SignState.Pending, true),
        };
        var assist = new Actor(2, "assist", Role.Liaison, AssistDept);
        var ticket = new TicketFacts(TicketStatus.InProgress, assignments, null, 0);

        Assert.Equal(Verdict.Allowed, TicketWorkflow.Check(ticket, assist, TicketAction.Sign, Limits));
        Assert.Equal(TicketStatus.InProgress, TicketWorkflow.Target(TicketStatus.InProgress, TicketAction.Sign, AssignmentRole.Assist));
        Assert.Equal(Verdict.Forbidden, TicketWorkflow.Check(ticket, assist, TicketAction.Reply, Limits));
        Assert.Equal(Verdict.Forbidden, TicketWorkflow.Check(ticket, assist, TicketAction.RequestReturn, Limits));
        Assert.Equal([TicketAction.Sign], TicketWorkflow.AllowedActions(ticket, assist, Limits));
    }

    [Fact]
    public void A_liaison_without_an_active_assignment_may_do_nothing()
    {
        var ticket = new TicketFacts(TicketStatus.PendingSign, [new AssignmentFact(LeadDept, AssignmentRole.Lead, SignState.Pending, false)], null, 0);
        var former = new Actor(3, "former", Role.Liaison, LeadDept);
        Assert.Empty(TicketWorkflow.AllowedActions(ticket, former, Limits));
    }

    [Fact]
    public void Returns_stop_at_the_limit()
    {
        var ticket = new TicketFacts(TicketStatus.InProgress, [new AssignmentFact(LeadDept, AssignmentRole.Lead, SignState.Signed, true)], null, 2);
        var lead = new Actor(4, "lead", Role.Liaison, LeadDept);
        Assert.Equal(Verdict.ReturnLimitReached, TicketWorkflow.Check(ticket, lead, TicketAction.RequestReturn, Limits));
        Assert.Equal(Verdict.Allowed, TicketWorkflow.Check(ticket with { ReturnsByActorDepartment = 1 }, lead, TicketAction.RequestReturn, Limits));
    }

    [Fact]
    public void Extensions_are_asked_by_the_lead_before_the_deadline_and_decided_by_the_center_once_pending()
    {
        var lead = new Actor(6, "lead", Role.Liaison, LeadDept);
        var center = new Actor(7, "center", Role.Dispatcher, null);
        var ticket = new TicketFacts(TicketStatus.InProgress, [new AssignmentFact(LeadDept, AssignmentRole.Lead, SignState.Signed, true)], null, 0);

        Assert.Equal(Verdict.Allowed, TicketWorkflow.Check(ticket, lead, TicketAction.RequestExtension, Limits));
        Assert.Equal(Verdict.DeadlinePassed, TicketWorkflow.Check(ticket with { HandleOverdue = true }, lead, TicketAction.RequestExtension, Limits));
        Assert.Equal(Verdict.ExtensionLimitReached, TicketWorkflow.Check(ticket with { ExtensionsApproved = 1 }, lead, TicketAction.RequestExtension, Limits));
        Assert.Equal(Verdict.InvalidState, TicketWorkflow.Check(ticket with { ExtensionPending = true }, lead, TicketAction.RequestExtension, Limits));
        Assert.Equal(Verdict.InvalidState, TicketWorkflow.Check(ticket, center, TicketAction.ApproveExtension, Limits));
        Assert.Equal(Verdict.Allowed, TicketWorkflow.Check(ticket with { ExtensionPending = true }, center, TicketAction.ApproveExtension, Limits));
        Assert.Equal(Verdict.Allowed, TicketWorkflow.Check(ticket with { ExtensionPending = true }, center, TicketAction.RejectExtension, Limits));
        Assert.Equal(Verdict.Forbidden, TicketWorkflow.Check(ticket, new Actor(8, "assist", Role.Liaison, AssistDept) , TicketAction.RequestExtension, Limits));
    }

    [Fact]
    public void Only_an_unsatisfied_visit_reopens_a_closed_ticket()
    {
        var agent = new Actor(5, "agent", Role.Agent, null);
        foreach (var satisfaction in new Satisfaction?[] { Satisfaction.Satisfied, Satisfaction.BasicallySatisfied, null })
        {
            Assert.Equal(Verdict.InvalidState, TicketWorkflow.Check(new TicketFacts(TicketStatus.Closed, [], satisfaction, 0), agent, TicketAction.Reopen, Limits));
        }
    }
}
