using Hotline.Core.Directory;

namespace Hotline.Core.Tickets;

public readonly record struct AssignmentFact(long DepartmentId, AssignmentRole Role, SignState SignState, bool IsActive);

/// <summary>What the lifecycle rules need to know about a ticket, for one actor.</summary>
public sealed record TicketFacts(
    TicketStatus Status,
    IReadOnlyList<AssignmentFact> Assignments,
    Satisfaction? Satisfaction,
    int ReturnsByActorDepartment,
    bool ExtensionPending = false,
    int ExtensionsApproved = 0,
    bool HandleOverdue = false);

/// <summary>Configurable limits the rules apply.</summary>
public sealed record WorkflowLimits(int MaxReturnsPerDepartment = 2, int MaxExtensions = 1);

public enum Verdict
{
    Allowed,
    Forbidden,
    InvalidState,
    ReturnLimitReached,
    ExtensionLimitReached,
    DeadlinePassed,
}

/// <summary>
/// The ticket lifecycle of DESIGN.md as data: which action leads from which states to which, and who may take it.
/// The same rules decide a request and list the actions a screen offers, so the two never disagree.
/// </summary>
public static class TicketWorkflow
{
    private static readonly TicketStatus[] Open =
    [
        TicketStatus.PendingDispatch, TicketStatus.PendingSign, TicketStatus.ReturnRequested,
        TicketStatus.InProgress, TicketStatus.PendingReview, TicketStatus.PendingVisit,
    ];

    public static readonly IReadOnlySet<TicketStatus> OpenStatuses = Open.ToHashSet();

    private sealed record Rule(TicketStatus[] From, Role[] Roles, TicketStatus To);

    private static readonly Role[] Center = [Role.Dispatcher];
    private static readonly Role[] Intake = [Role.Agent, Role.Dispatcher];
    private static readonly Role[] Department = [Role.Liaison];

    // Register and AnswerDirectly create tickets and have no "from"; see TicketService.
    private static readonly Dictionary<TicketAction, Rule> Rules = new()
    {
        [TicketAction.Dispatch] = new([TicketStatus.PendingDispatch], Center, TicketStatus.PendingSign),
        [TicketAction.Sign] = new([TicketStatus.PendingSign, TicketStatus.InProgress], Department, TicketStatus.InProgress),
        [TicketAction.RequestReturn] = new([TicketStatus.PendingSign, TicketStatus.InProgress], Department, TicketStatus.ReturnRequested),
        [TicketAction.ApproveReturn] = new([TicketStatus.ReturnRequested], Center, TicketStatus.PendingSign),
        [TicketAction.RejectReturn] = new([TicketStatus.ReturnRequested], Center, TicketStatus.PendingSign),
        [TicketAction.Reply] = new([TicketStatus.InProgress], Department, TicketStatus.PendingReview),
        [TicketAction.ApproveReply] = new([TicketStatus.PendingReview], Center, TicketStatus.PendingVisit),
        [TicketAction.SendBack] = new([TicketStatus.PendingReview], Center, TicketStatus.InProgress),
        [TicketAction.RecordVisit] = new([TicketStatus.PendingVisit], Intake, TicketStatus.Closed),
        [TicketAction.Reopen] = new([TicketStatus.Closed], Intake, TicketStatus.InProgress),
        [TicketAction.Withdraw] = new(Open, Intake, TicketStatus.Withdrawn),
        // An extension is a record on an InProgress ticket, not a state.
        [TicketAction.RequestExtension] = new([TicketStatus.InProgress], Department, TicketStatus.InProgress),
        [TicketAction.ApproveExtension] = new([TicketStatus.InProgress], Center, TicketStatus.InProgress),
        [TicketAction.RejectExtension] = new([TicketStatus.InProgress], Center, TicketStatus.InProgress),
        // 并单: the center merges a duplicate under a master; un-merging brings it back as its own matter, to be dispatched.
        [TicketAction.Merge] = new(Open, Center, TicketStatus.Merged),
        [TicketAction.Unmerge] = new([TicketStatus.Merged], Center, TicketStatus.PendingDispatch),
    };

    public static IEnumerable<TicketAction> TransitionActions => Rules.Keys;

    public static IReadOnlyList<TicketStatus> AllowedFrom(TicketAction action) => Rules[action].From;

    public static IReadOnlyList<Role> AllowedRoles(TicketAction action) => Rules[action].Roles;

    /// <summary>Where the action leads. A sign by an assisting department leaves the status as it is.</summary>
    public static TicketStatus Target(TicketStatus from, TicketAction action, AssignmentRole? signer = null)
    {
        if (action == TicketAction.Sign && (signer == AssignmentRole.Assist || from == TicketStatus.InProgress))
        {
            return from;
        }

        return Rules[action].To;
    }

    public static Verdict Check(TicketFacts ticket, Actor actor, TicketAction action, WorkflowLimits limits)
    {
        var rule = Rules[action];
        if (!rule.Roles.Contains(actor.Role))
        {
            return Verdict.Forbidden;
        }

        if (actor.Role == Role.Liaison)
        {
            var mine = ticket.Assignments.Where(a => a.IsActive && a.DepartmentId == actor.DepartmentId).ToList();
            var lead = mine.Any(a => a.Role == AssignmentRole.Lead);
            switch (action)
            {
                case TicketAction.Sign:
                    if (mine.Count == 0)
                    {
                        return Verdict.Forbidden;
                    }

                    // The lead signs a PendingSign ticket; an assisting department may sign while it is being handled.
                    var pending = SignerRole(ticket, actor);
                    var states = pending == AssignmentRole.Lead ? [TicketStatus.PendingSign] : rule.From;
                    return pending is not null && states.Contains(ticket.Status) ? Verdict.Allowed : Verdict.InvalidState;
                case TicketAction.RequestReturn or TicketAction.Reply or TicketAction.RequestExtension when !lead:
                    return Verdict.Forbidden;
            }
        }

        if (!rule.From.Contains(ticket.Status))
        {
            return Verdict.InvalidState;
        }

        if (action == TicketAction.Reopen && ticket.Satisfaction != Satisfaction.Unsatisfied)
        {
            return Verdict.InvalidState; // only an unsatisfied visit reopens a closed ticket
        }

        return action switch
        {
            TicketAction.RequestReturn when ticket.ReturnsByActorDepartment >= limits.MaxReturnsPerDepartment => Verdict.ReturnLimitReached,
            TicketAction.RequestExtension when ticket.ExtensionPending => Verdict.InvalidState,
            TicketAction.RequestExtension when ticket.ExtensionsApproved >= limits.MaxExtensions => Verdict.ExtensionLimitReached,
            TicketAction.RequestExtension when ticket.HandleOverdue => Verdict.DeadlinePassed, // ask before the deadline, not after
            TicketAction.ApproveExtension or TicketAction.RejectExtension when !ticket.ExtensionPending => Verdict.InvalidState,
            _ => Verdict.Allowed,
        };
    }

    /// <summary>The role of the actor's department assignment still waiting to be signed (lead first), if any.</summary>
    public static AssignmentRole? SignerRole(TicketFacts ticket, Actor actor) =>
        ticket.Assignments
            .Where(a => a.IsActive && a.DepartmentId == actor.DepartmentId && a.SignState == SignState.Pending)
            .OrderBy(a => a.Role)
            .Select(a => (AssignmentRole?)a.Role)
            .FirstOrDefault();

    public static IReadOnlyList<TicketAction> AllowedActions(TicketFacts ticket, Actor actor, WorkflowLimits limits) =>
        TransitionActions.Where(a => Check(ticket, actor, a, limits) == Verdict.Allowed).ToList();
}
