using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline.Core.Tickets;

namespace Hotline.Core.Escalations;

/// <summary>Which clock an escalation is about; Calendar: a due time guessed because a year has no calendar.</summary>
public enum EscalationKind
{
    Sign,
    Handle,
    Visit,
    Calendar,
    /// <summary>A "办不成事" window case's deadline (issue 8): the escalation names the case, not a ticket.</summary>
    Window,

    /// <summary>A repeat cluster crossed its threshold (Red: the same person and matter; Yellow: the same place, early warning).</summary>
    Repeat,

    /// <summary>A 疑难 ticket: two unsatisfied return visits; raised at the Supervise level (督办).</summary>
    Difficult,
}

/// <summary>Yellow: 20% or less of the limit left; Red: passed; Supervise: a supervision order (督办) after N working days.</summary>
public enum EscalationLevel
{
    Yellow,
    Red,
    Supervise,
}

public sealed record EscalationView
{
    public long Id { get; init; }
    /// <summary>The ticket, or null when the escalation is about a window case (then the number and title are the case's).</summary>
    public long? TicketId { get; init; }
    public string TicketNumber { get; init; } = "";
    public string TicketTitle { get; init; } = "";
    public Tickets.TicketStatus? TicketStatus { get; init; }
    public long? WindowCaseId { get; init; }
    public string? WindowCaseNumber { get; init; }
    public string? WindowCaseStatus { get; init; }
    public EscalationKind Kind { get; init; }
    public EscalationLevel Level { get; init; }
    public long? DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
    public DateTime DueUtc { get; init; }
    public DateTime RaisedUtc { get; init; }
    public long? AcknowledgedByUserId { get; init; }
    public string? AcknowledgedByName { get; init; }
    public DateTime? AcknowledgedUtc { get; init; }
    public DateTime? ClearedUtc { get; init; }
}

public sealed record EscalationFilter
{
    public bool? Open { get; init; } = true;
    public EscalationKind? Kind { get; init; }
    public EscalationLevel? Level { get; init; }
    public long? DepartmentId { get; init; }
    public bool? Acknowledged { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record EscalationPage(IReadOnlyList<EscalationView> Items, int Total, int Page, int PageSize);

/// <summary>What one sweep tick did.</summary>
public sealed record SweepResult(DateTime SinceUtc, DateTime NowUtc, int Raised, int Urged, int Supervised);

/// <summary>An escalation of one ticket, as that ticket's timeline shows it: the escalation row is the record, no event beside it.</summary>
public sealed record TicketEscalation
{
    /// <summary>The deadline sweep's events of before migration 0009 (detail kind Sign, Handle or Visit): its escalation rows stand for them now.</summary>
    private static readonly TicketAction[] SweepActions = [TicketAction.Escalate, TicketAction.Urge, TicketAction.Supervise];

    /// <summary>The display name of the system account (migration 0003) that raises escalations.</summary>
    public const string SystemName = "系统";

    private static readonly JsonSerializerOptions DetailJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public long Id { get; init; }
    public EscalationKind Kind { get; init; }
    public EscalationLevel Level { get; init; }
    public long? DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
    public DateTime DueUtc { get; init; }
    public DateTime RaisedUtc { get; init; }

    /// <summary>A red handle deadline is the urge (催办) to the department.</summary>
    public static bool IsUrge(EscalationKind kind, EscalationLevel level) => kind == EscalationKind.Handle && level == EscalationLevel.Red;

    /// <summary>How an escalation reads on the timeline and in the live feed: 催办, 督办, or a deadline alert.</summary>
    public static TicketAction ActionOf(EscalationKind kind, EscalationLevel level) =>
        IsUrge(kind, level) ? TicketAction.Urge : level == EscalationLevel.Supervise ? TicketAction.Supervise : TicketAction.Escalate;

    public static string? ReasonOf(EscalationKind kind, EscalationLevel level) => ActionOf(kind, level) switch
    {
        TicketAction.Urge => "办理期限已到，请尽快办理",
        TicketAction.Supervise => "超期未办结，发出督办单",
        _ => null,
    };

    /// <summary>The clocks the deadline sweep (and a guessed calendar) escalate: no event of their own records them.</summary>
    private static bool IsDeadlineClock(EscalationKind kind) =>
        kind is EscalationKind.Sign or EscalationKind.Handle or EscalationKind.Visit or EscalationKind.Calendar;

    /// <summary>
    /// The ticket's events and escalations in one timeline, in the order they happened (both keys come from one generator).
    /// Only the deadline clocks' escalations stand on it as entries of their own: a repeat cluster's and a 疑难 order are
    /// recorded by an event with their reason when they are raised, so they are not shown twice.
    /// </summary>
    public static IReadOnlyList<TicketEventView> Timeline(IEnumerable<TicketEventView> events, IEnumerable<TicketEscalation> escalations) =>
        events.Where(e => !IsDeadlineSweepEvent(e))
            .Concat(escalations.Where(x => IsDeadlineClock(x.Kind)).Select(x => x.AsEvent()))
            .OrderBy(e => e.Id)
            .ToList();

    private static bool IsDeadlineSweepEvent(TicketEventView e) =>
        SweepActions.Contains(e.Action) && e.Detail is { ValueKind: JsonValueKind.Object } detail
        && detail.TryGetProperty("kind", out var kind) && Enum.TryParse<EscalationKind>(kind.GetString(), out var clock) && IsDeadlineClock(clock);

    public TicketEventView AsEvent() => new()
    {
        Id = Id,
        Action = ActionOf(Kind, Level),
        ActorUserId = DeadlineSweeper.SystemUserId,
        ActorName = SystemName,
        ActorRole = "System",
        DepartmentId = DepartmentId,
        DepartmentName = DepartmentName,
        Reason = ReasonOf(Kind, Level),
        Detail = JsonSerializer.SerializeToElement(new { Kind, Level, DueUtc }, DetailJson),
        OccurredUtc = RaisedUtc,
    };
}
