using System.Text.Json.Serialization;
using Hotline.Core.Directory;
using Hotline.Core.Escalations;
using Hotline.Core.Tickets;

namespace Hotline.Core.Live;

/// <summary>The messages the live hub pushes, each named by its <see cref="LiveMessage.Type"/> inside the one client method's list.</summary>
public enum LiveMessageType
{
    TicketChanged,
    Urged,
    EscalationRaised,
    EscalationCleared,
    EscalationAcknowledged,
    IncomingCall,
}

/// <summary>
/// One change, as pushed to the screens that may see it. <see cref="Seq"/> is the feed position: a client keeps the
/// highest it saw and asks for what came after it when it reconnects. Nothing personal travels here but the caller's
/// number of an incoming call, which goes to the one agent taking it.
/// </summary>
public sealed record LiveMessage
{
    public long Seq { get; init; }
    public LiveMessageType Type { get; init; }
    public DateTime OccurredUtc { get; init; }
    public long? TicketId { get; init; }
    public string? TicketNumber { get; init; }
    public string? TicketTitle { get; init; }
    public TicketStatus? TicketStatus { get; init; }
    /// <summary>TicketChanged and Urged: the action on the timeline, who did it, for which department.</summary>
    public TicketAction? Action { get; init; }
    public string? ActorName { get; init; }
    public long? DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
    public string? Reason { get; init; }

    /// <summary>The escalation in full; the wire carries it as <see cref="WireEscalation"/>.</summary>
    [JsonIgnore]
    public EscalationView? Escalation { get; init; }

    /// <summary>
    /// <see cref="Escalation"/> as the hub sends it, under the name <c>escalation</c>: what the message does not carry
    /// already (see <see cref="LiveEscalation"/>).
    /// </summary>
    [JsonPropertyName("escalation")]
    public LiveEscalation? WireEscalation => Escalation is null ? null : LiveEscalation.Of(this, Escalation);

    public IncomingCall? Call { get; init; }

    /// <summary>Who may receive it; never sent.</summary>
    [JsonIgnore]
    public LiveAudience Audience { get; init; } = LiveAudience.Nobody;
}

/// <summary>
/// An <see cref="EscalationView"/> on the wire, inside a message that already says which ticket and department it is
/// about: a sweep's burst is one record per screen, and repeating those made a ten-escalation record two WebSocket
/// frames. Left out, and restored by the client from the message: the ticket's id, number, title and status and the
/// department's id and name (<see cref="LiveMessage.TicketId"/> etc.: the same values), and <c>raisedUtc</c> when it is the
/// message's <see cref="LiveMessage.OccurredUtc"/> (every EscalationRaised and Urged). A window case's escalation has no
/// ticket, so its number and title (the case's) stay here.
/// </summary>
public sealed record LiveEscalation
{
    public long Id { get; init; }
    public string? TicketNumber { get; init; }
    public string? TicketTitle { get; init; }
    public long? WindowCaseId { get; init; }
    public string? WindowCaseNumber { get; init; }
    public string? WindowCaseStatus { get; init; }
    public EscalationKind Kind { get; init; }
    public EscalationLevel Level { get; init; }
    public DateTime DueUtc { get; init; }
    public DateTime? RaisedUtc { get; init; }
    public long? AcknowledgedByUserId { get; init; }
    public string? AcknowledgedByName { get; init; }
    public DateTime? AcknowledgedUtc { get; init; }
    public DateTime? ClearedUtc { get; init; }

    public static LiveEscalation Of(LiveMessage message, EscalationView e) => new()
    {
        Id = e.Id,
        TicketNumber = message.TicketNumber is null ? e.TicketNumber : null,
        TicketTitle = message.TicketTitle is null ? e.TicketTitle : null,
        WindowCaseId = e.WindowCaseId,
        WindowCaseNumber = e.WindowCaseNumber,
        WindowCaseStatus = e.WindowCaseStatus,
        Kind = e.Kind,
        Level = e.Level,
        DueUtc = e.DueUtc,
        RaisedUtc = e.RaisedUtc == message.OccurredUtc ? null : e.RaisedUtc,
        AcknowledgedByUserId = e.AcknowledgedByUserId,
        AcknowledgedByName = e.AcknowledgedByName,
        AcknowledgedUtc = e.AcknowledgedUtc,
        ClearedUtc = e.ClearedUtc,
    };
}

public sealed record IncomingCall(string CallerPhone, string CallId, long AgentUserId);

/// <summary>
/// Who may see a message: whole roles, the liaisons of some departments, or one user. It mirrors what the API lets
/// each of them read: tickets are read by every role but Liaison, whose department must be assigned; escalations by
/// supervisors and dispatchers, and by the liaisons of their department.
/// </summary>
public sealed record LiveAudience(IReadOnlyList<Role> Roles, IReadOnlyList<long> Departments, long? UserId)
{
    public static readonly LiveAudience Nobody = new([], [], null);

    public static readonly IReadOnlyList<Role> TicketReaders = [Role.Agent, Role.Dispatcher, Role.Supervisor, Role.WindowStaff, Role.Admin];

    public static readonly IReadOnlyList<Role> EscalationReaders = [Role.Supervisor, Role.Dispatcher];

    public bool Includes(Actor actor) =>
        actor.UserId == UserId
        || (actor.Role == Role.Liaison ? actor.DepartmentId is { } d && Departments.Contains(d) : Roles.Contains(actor.Role));

    /// <summary>The hub groups to send to; a connection is in exactly one of them per message (see <see cref="GroupsOf"/>).</summary>
    public IEnumerable<string> Groups =>
        Roles.Where(r => r != Role.Liaison).Select(RoleGroup)
            .Concat(Departments.Select(DepartmentGroup))
            .Concat(UserId is { } u ? [UserGroup(u)] : []);

    /// <summary>
    /// The groups a connection joins: its role's, its user's, and for a liaison its department's. Role groups are
    /// never addressed for liaisons, so nobody receives one message twice.
    /// </summary>
    public static IEnumerable<string> GroupsOf(Actor actor) =>
        actor is { Role: Role.Liaison, DepartmentId: { } d } ? [RoleGroup(actor.Role), UserGroup(actor.UserId), DepartmentGroup(d)] : [RoleGroup(actor.Role), UserGroup(actor.UserId)];

    public static string RoleGroup(Role role) => $"role:{role}";

    public static string DepartmentGroup(long departmentId) => $"dept:{departmentId}";

    public static string UserGroup(long userId) => $"user:{userId}";
}

/// <summary>What a reconnecting client missed: the messages it may see, or <see cref="Reload"/> when there were too many.</summary>
public sealed record LiveCatchUp(IReadOnlyList<LiveMessage> Messages, long LastSeq, bool Reload);

public sealed class LiveOptions
{
    /// <summary>How often an instance looks for changes made elsewhere (another Api, the Worker).</summary>
    public int TailIntervalMs { get; set; } = 500;

    /// <summary>How long a missing feed number is waited for before it is taken as a rolled-back write (SQL Server).</summary>
    public int GapTimeoutMs { get; set; } = 10_000;

    /// <summary>The most feed rows a reconnecting client is caught up with; past that it reloads.</summary>
    public int CatchUpLimit { get; set; } = 1000;
}
