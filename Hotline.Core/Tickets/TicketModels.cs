using System.Text.Json;

namespace Hotline.Core.Tickets;

public sealed record DispatchTarget(long? LeadDepartmentId, long[]? AssistDepartmentIds, string? Note);

/// <summary>What the agent records at intake. Enums are nullable so a missing one is reported by field name.</summary>
public sealed record RegisterTicket(
    Channel? Channel,
    string? CallerPhone,
    string? CallerName,
    AppealType? AppealType,
    Urgency? Urgency,
    long? CategoryId,
    long? AreaId,
    string? Address,
    string? Title,
    string? Content,
    bool IsConfidential,
    string? CallId,
    DispatchTarget? Dispatch = null,
    string? Answer = null,
    Repeat.RepeatLinkRequest? Link = null);

public sealed record VersionOnly(int? Version);

/// <summary>Dispatch, or re-dispatch after an approved return; a re-dispatch keeps the handle due time unless reset.</summary>
public sealed record DispatchRequest(int? Version, long? LeadDepartmentId, long[]? AssistDepartmentIds, string? Note, bool ResetHandleDue = false);

public sealed record ExtensionRequestBody(int? Version, string? Reason, int? WorkingDays);

public sealed record ReasonRequest(int? Version, string? Reason);

public sealed record ReplyRequest(int? Version, string? Result, bool? Resolved);

public sealed record NoteRequest(int? Version, string? Note);

public sealed record VisitRequest(int? Version, Satisfaction? Satisfaction, bool? Resolved, string? Comment, bool Reopen);

public sealed record TicketListFilter
{
    public IReadOnlyList<TicketStatus> Statuses { get; init; } = [];
    public long? DepartmentId { get; init; }
    public AppealType? AppealType { get; init; }
    public Urgency? Urgency { get; init; }
    public Channel? Channel { get; init; }
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }
    public string? Number { get; init; }
    public string? Text { get; init; }

    /// <summary>true: only tickets with an extension request waiting for the center; false: only those without.</summary>
    public bool? PendingExtension { get; init; }

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
    public string Sort { get; init; } = "createdUtc";
    public bool Desc { get; init; } = true;
}

/// <summary>A ticket in a list; the detail adds what only a single view shows.</summary>
public record TicketSummary
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public TicketStatus Status { get; init; }
    public Channel Channel { get; init; }
    public AppealType AppealType { get; init; }
    public Urgency Urgency { get; init; }
    public long CategoryId { get; init; }
    public string? CategoryName { get; init; }
    public long? AreaId { get; init; }
    public string? AreaName { get; init; }
    public string Title { get; init; } = "";
    public long? LeadDepartmentId { get; init; }
    public string? LeadDepartmentName { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }
    public DateTime? DispatchedUtc { get; init; }
    public int Version { get; init; }

    // Deadline clocks: yellow from ...WarnUtc, red from ...DueUtc (DESIGN.md "Deadlines").
    public DateTime? SignDueUtc { get; init; }
    public DateTime? SignWarnUtc { get; init; }
    public DateTime? HandleDueUtc { get; init; }
    public DateTime? HandleWarnUtc { get; init; }
    public DateTime? VisitDueUtc { get; init; }
    public DateTime? VisitWarnUtc { get; init; }

    /// <summary>A due time fell in a year with no calendar and was computed from weekends alone.</summary>
    public bool DeadlineEstimated { get; init; }
}

/// <summary>A ticket in a caller's history: the summary with its outcome, satisfaction and repeat facts.</summary>
public sealed record CallerTicket : TicketSummary
{
    public bool? ReplyResolved { get; init; }
    public string? ReplyResult { get; init; }
    public Satisfaction? Satisfaction { get; init; }
    public bool? VisitResolved { get; init; }
    public long? MasterTicketId { get; init; }
    public bool IsDifficult { get; init; }
    public int UnsatisfiedVisits { get; init; }
}

public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, int Total, int Page, int PageSize);

public sealed record Assignment
{
    public long Id { get; init; }
    public long DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
    public AssignmentRole Role { get; init; }
    public SignState SignState { get; init; }
    public bool IsActive { get; init; }
    public DateTime AssignedUtc { get; init; }
    public DateTime? SignedUtc { get; init; }
}

public sealed record TicketEventView
{
    public long Id { get; init; }
    public TicketAction Action { get; init; }
    public TicketStatus? FromStatus { get; init; }

    /// <summary>Null on an entry that is no transition: an escalation (催办, 督办, a deadline alert) on the timeline.</summary>
    public TicketStatus? ToStatus { get; init; }
    public long ActorUserId { get; init; }
    public string? ActorName { get; init; }
    public string ActorRole { get; init; } = "";
    public long? DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
    public string? Reason { get; init; }
    public JsonElement? Detail { get; init; }
    public DateTime OccurredUtc { get; init; }
}

public sealed record TicketDetail : TicketSummary
{
    public string? Address { get; init; }
    public string Content { get; init; } = "";
    public string? CallerName { get; init; }
    public string? CallerPhone { get; init; }
    public bool IsConfidential { get; init; }
    public string? CallId { get; init; }
    public string? Answer { get; init; }
    public string? ReplyResult { get; init; }
    public bool? ReplyResolved { get; init; }
    public Satisfaction? Satisfaction { get; init; }
    public bool? VisitResolved { get; init; }
    public string? VisitComment { get; init; }
    public long CreatedByUserId { get; init; }
    public DateTime? RepliedUtc { get; init; }
    public DateTime? ClosedUtc { get; init; }
    public int ReturnCount { get; init; }
    public long? PolicyId { get; init; }
    public IReadOnlyList<Assignment> Assignments { get; init; } = [];
    public IReadOnlyList<ExtensionView> Extensions { get; init; } = [];
    public IReadOnlyList<TicketEventView> Events { get; init; } = [];
    public IReadOnlyList<TicketAction> AllowedActions { get; init; } = [];
}

public sealed record ExtensionView
{
    public long Id { get; init; }
    public long DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
    public long RequestedByUserId { get; init; }
    public string? RequestedByName { get; init; }
    public int WorkingDays { get; init; }
    public string Reason { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTime RequestedUtc { get; init; }
    public long? DecidedByUserId { get; init; }
    public string? DecidedByName { get; init; }
    public DateTime? DecidedUtc { get; init; }
    public string? DecisionReason { get; init; }
    public DateTime OldDueUtc { get; init; }
    public DateTime? NewDueUtc { get; init; }
}
