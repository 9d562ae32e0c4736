using Hotline.Core.Tickets;

namespace Hotline.Core.Window;

/// <summary>
/// A "办不成事" case: Registered (登记) → Handling (办理中, graded) → PendingVisit (已答复, 待回访) → Closed (已办结);
/// or OutOfScope (不予受理, recorded with the reason and the referral given) at intake.
/// </summary>
public enum WindowCaseStatus
{
    Registered,
    Handling,
    PendingVisit,
    Closed,
    OutOfScope,
}

/// <summary>Why the citizen could not get it done (原因类别).</summary>
public enum WindowCause
{
    Materials,
    PolicyUnclear,
    MultiDepartment,
    SystemFailure,
    Conduct,
    Overdue,
    Other,
}

/// <summary>Matters the window does not take: litigation (涉诉), petitions (信访), contrary to policy (不符合政策).</summary>
public enum OutOfScopeKind
{
    Litigation,
    Petition,
    ContraryToPolicy,
}

/// <summary>Graded handling: on the spot (当场办结), the responsible department (转部门), joint review (会审), the leadership (提级).</summary>
public enum WindowMode
{
    OnTheSpot,
    Department,
    JointReview,
    Leadership,
}

/// <summary>What a log entry records: the staff's notes (Call, Meeting, Note) and every action on the case.</summary>
public enum WindowLogKind
{
    Intake,
    OutOfScope,
    Forwarded,
    Handle,
    Call,
    Meeting,
    Note,
    Reply,
    Visit,
    Escalate,
}

public sealed class WindowOptions
{
    /// <summary>Working days a department has (转部门办理).</summary>
    public int DepartmentWorkingDays { get; set; } = 5;

    /// <summary>Working days of a joint review across departments (会审).</summary>
    public int JointReviewWorkingDays { get; set; } = 10;

    /// <summary>Working days the leadership has (提级办理).</summary>
    public int LeadershipWorkingDays { get; set; } = 10;

    public int WorkingDaysFor(WindowMode mode) => mode switch
    {
        WindowMode.Department => DepartmentWorkingDays,
        WindowMode.JointReview => JointReviewWorkingDays,
        WindowMode.Leadership => LeadershipWorkingDays,
        _ => 0,
    };
}

public sealed record OutOfScopeRequest(OutOfScopeKind? Kind, string? Reason, string? Referral);

public sealed record WindowIntake
{
    public string? ApplicantName { get; init; }
    public string? ApplicantPhone { get; init; }
    public string? ServiceItemName { get; init; }
    public string? ServiceItemCode { get; init; }
    public string? FailedHall { get; init; }
    public string? FailedWindow { get; init; }
    public long? FailedDepartmentId { get; init; }
    public string? FailedStaff { get; init; }
    public DateTime? FailedUtc { get; init; }
    public WindowCause? Cause { get; init; }
    public string? Description { get; init; }
    public string? Request { get; init; }
    public OutOfScopeRequest? OutOfScope { get; init; }
}

public sealed record ForwardToWindow(long? TicketId, int? Version, string? Note);

public sealed record WindowHandleRequest
{
    public int? Version { get; init; }
    public WindowMode? Mode { get; init; }
    public long? LeadDepartmentId { get; init; }
    public long[]? AssistDepartmentIds { get; init; }
    public long? CategoryId { get; init; }
    public int? WorkingDays { get; init; }
    public string? Note { get; init; }
}

public sealed record WindowLogRequest(WindowLogKind? Kind, string? Content);

public sealed record WindowReplyRequest(int? Version, string? Decision, string? Reply);

public sealed record WindowVisitRequest
{
    public int? Version { get; init; }
    public Satisfaction? Satisfaction { get; init; }
    public bool? Resolved { get; init; }
    public string? Comment { get; init; }
    public bool? FixMade { get; init; }
    public string? FixDescription { get; init; }
    public string? FixBy { get; init; }
}

public record WindowCaseSummary
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public WindowCaseStatus Status { get; init; }
    public string ApplicantName { get; init; } = "";
    public string? ApplicantPhone { get; init; }
    public string ServiceItemName { get; init; } = "";
    public string? ServiceItemCode { get; init; }
    public string? FailedHall { get; init; }
    public string? FailedWindow { get; init; }
    public long? FailedDepartmentId { get; init; }
    public string? FailedDepartmentName { get; init; }
    public string? FailedStaff { get; init; }
    public DateTime FailedUtc { get; init; }
    public WindowCause Cause { get; init; }
    public WindowMode? Mode { get; init; }
    public long? LeadDepartmentId { get; init; }
    public string? LeadDepartmentName { get; init; }
    public long? TicketId { get; init; }
    public string? TicketNumber { get; init; }
    public TicketStatus? TicketStatus { get; init; }
    public long? SourceTicketId { get; init; }
    public string? SourceTicketNumber { get; init; }
    public DateTime? DueUtc { get; init; }
    public DateTime? WarnUtc { get; init; }
    public bool DeadlineEstimated { get; init; }
    public OutOfScopeKind? OutOfScopeKind { get; init; }
    public Satisfaction? Satisfaction { get; init; }
    public bool? FixMade { get; init; }
    public long CreatedByUserId { get; init; }
    public string? CreatedByName { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }
    public DateTime? RepliedUtc { get; init; }
    public DateTime? ClosedUtc { get; init; }
    public int Version { get; init; }
}

public sealed record WindowCaseDetail : WindowCaseSummary
{
    public string Description { get; init; } = "";
    public string Request { get; init; } = "";
    public string? OutOfScopeReason { get; init; }
    public string? Referral { get; init; }
    public DateTime? HandlingStartedUtc { get; init; }
    public string? Decision { get; init; }
    public string? ReplyContent { get; init; }
    public bool? VisitResolved { get; init; }
    public string? VisitComment { get; init; }
    public DateTime? VisitedUtc { get; init; }
    public string? FixDescription { get; init; }
    public string? FixBy { get; init; }
    public IReadOnlyList<WindowLogEntry> Log { get; init; } = [];
    /// <summary>The departments' ticket as its readers see it: status, departments, due times, reply.</summary>
    public TicketDetail? Ticket { get; init; }
    public IReadOnlyList<string> AllowedActions { get; init; } = [];
}

public sealed record WindowLogEntry
{
    public long Id { get; init; }
    public WindowLogKind Kind { get; init; }
    public string? Content { get; init; }
    public WindowCaseStatus? FromStatus { get; init; }
    public WindowCaseStatus ToStatus { get; init; }
    public long ActorUserId { get; init; }
    public string? ActorName { get; init; }
    public DateTime OccurredUtc { get; init; }
}

public sealed record WindowCaseFilter
{
    public IReadOnlyList<WindowCaseStatus> Statuses { get; init; } = [];
    public WindowCause? Cause { get; init; }
    public WindowMode? Mode { get; init; }
    public long? DepartmentId { get; init; }
    public string? ServiceItem { get; init; }
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }
    public string? Text { get; init; }
    public bool Mine { get; init; }
    public bool? FixMade { get; init; }
    public bool? Overdue { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

public sealed record WindowCasePage(IReadOnlyList<WindowCaseSummary> Items, int Total, int Page, int PageSize);

/// <summary>A window case linked to a ticket: the 12345 ticket forwarded to it (Source) or the ticket it gave the departments (Handling).</summary>
public sealed record WindowTicketLink
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public WindowCaseStatus Status { get; init; }
    /// <summary>Source: the ticket was forwarded to the case; Handling: the case gave the ticket to the departments.</summary>
    public string Link { get; init; } = "";
    public WindowMode? Mode { get; init; }
}

public sealed record FigureCount
{
    public string Key { get; init; } = "";
    public string Name { get; init; } = "";
    public int Count { get; init; }
    /// <summary>Of those, the cases that led to a systemic fix.</summary>
    public int Fixed { get; init; }
}

public sealed record WindowFigures
{
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }
    public int Total { get; init; }
    public int OutOfScope { get; init; }
    public int Open { get; init; }
    public int Closed { get; init; }
    public int Overdue { get; init; }
    public int FixMade { get; init; }
    /// <summary>Closed cases that led to a systemic fix, over closed cases (0 when none closed).</summary>
    public double FixShare { get; init; }
    public IReadOnlyList<FigureCount> ByCause { get; init; } = [];
    public IReadOnlyList<FigureCount> ByDepartment { get; init; } = [];
    public IReadOnlyList<FigureCount> ByServiceItem { get; init; } = [];
    public IReadOnlyList<FigureCount> ByMode { get; init; } = [];
}
