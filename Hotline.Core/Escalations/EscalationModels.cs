namespace Hotline.Core.Escalations;

/// <summary>Which clock an escalation is about; Calendar: a due time guessed because a year has no calendar.</summary>
public enum EscalationKind
{
    Sign,
    Handle,
    Visit,
    Calendar,

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
    public long TicketId { get; init; }
    public string TicketNumber { get; init; } = "";
    public string TicketTitle { get; init; } = "";
    public Tickets.TicketStatus TicketStatus { get; init; }
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
