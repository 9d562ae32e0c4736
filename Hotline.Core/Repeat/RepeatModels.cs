using Hotline.Core.Tickets;

namespace Hotline.Core.Repeat;

/// <summary>What the agent has typed so far: every field optional, the more the better.</summary>
public sealed record CandidateQuery(
    string? CallerPhone,
    long? CategoryId,
    long? AreaId,
    string? Address,
    string? Title,
    string? Content,
    long? ExcludeTicketId = null);

/// <summary>Why a candidate was proposed, in a form a person can check: the code names the evidence, Value quantifies it.</summary>
public sealed record CandidateReason(RepeatReason Code, double? Value = null);

public enum RepeatReason
{
    /// <summary>The same caller (normalised phone number); Value: days since the earlier ticket.</summary>
    SameCaller,
    SameCategory,
    /// <summary>The same address up to the house number.</summary>
    SameAddress,
    SameArea,
    /// <summary>Similar text (character bigrams); Value: the similarity, 0-1.</summary>
    SimilarText,
}

/// <summary>An earlier ticket that is likely the same matter, with its score and reasons.</summary>
public sealed record RepeatCandidate
{
    public long TicketId { get; init; }
    public string Number { get; init; } = "";
    public TicketStatus Status { get; init; }
    public string Title { get; init; } = "";
    public string? Content { get; init; }
    public long CategoryId { get; init; }
    public string? CategoryName { get; init; }
    public long? AreaId { get; init; }
    public string? AreaName { get; init; }
    public string? Address { get; init; }
    public long? LeadDepartmentId { get; init; }
    public string? LeadDepartmentName { get; init; }
    public Satisfaction? Satisfaction { get; init; }
    public DateTime CreatedUtc { get; init; }
    public long? MasterTicketId { get; init; }
    public double Score { get; init; }
    public IReadOnlyList<CandidateReason> Reasons { get; init; } = [];

    /// <summary>A new appeal may be attached to it as a child: open and not itself a child.</summary>
    public bool CanAttach { get; init; }
}

/// <summary>At registration: attach to an open ticket as a child (no new dispatch), or register as new with the link kept.</summary>
public sealed record RepeatLinkRequest(long? TicketId, RepeatLinkMode? Mode, double? Score = null, IReadOnlyList<CandidateReason>? Reasons = null);

public enum RepeatLinkMode
{
    /// <summary>The new appeal becomes a child of the ticket (并入): no new dispatch, a return visit for its caller.</summary>
    Child,
    /// <summary>Registered as a new ticket, the relation to the earlier one recorded.</summary>
    Related,
}

public enum TicketLinkKind
{
    Child,
    Related,
    Merged,
    Unmerged,
}

public sealed record MergeRequest(int? Version, long? MasterTicketId, string? Reason);

public sealed record UnmergeRequest(int? Version, string? Reason);

public enum ClusterKind
{
    /// <summary>The same person about the same matter.</summary>
    Caller,
    /// <summary>The same place (address or area) and category.</summary>
    Place,
}

/// <summary>A repeat cluster as the board lists it.</summary>
public sealed record ClusterSummary
{
    public long Id { get; init; }
    public ClusterKind Kind { get; init; }
    public long CategoryId { get; init; }
    public string? CategoryName { get; init; }
    public long? AreaId { get; init; }
    public string? AreaName { get; init; }
    public string? AddressKey { get; init; }
    public string? CallerPhone { get; init; }
    public int Size { get; init; }
    /// <summary>Matters: members that are not children of another member's master.</summary>
    public int Matters { get; init; }
    public int OpenCount { get; init; }
    public int Unsatisfied { get; init; }
    public DateTime FirstUtc { get; init; }
    public DateTime LastUtc { get; init; }
    public DateTime? WarnedUtc { get; init; }
    public long AnchorTicketId { get; init; }
    public string? AnchorNumber { get; init; }
    public string? AnchorTitle { get; init; }
    public IReadOnlyList<string> Departments { get; init; } = [];
}

public sealed record ClusterMemberView
{
    public long TicketId { get; init; }
    public string Number { get; init; } = "";
    public TicketStatus Status { get; init; }
    public string Title { get; init; } = "";
    public string? CallerPhone { get; init; }
    public string? Address { get; init; }
    public string? AreaName { get; init; }
    public long? LeadDepartmentId { get; init; }
    public string? LeadDepartmentName { get; init; }
    public bool? ReplyResolved { get; init; }
    public string? ReplyResult { get; init; }
    public Satisfaction? Satisfaction { get; init; }
    public int UnsatisfiedVisits { get; init; }
    public bool IsDifficult { get; init; }
    public long? MasterTicketId { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime JoinedUtc { get; init; }
    /// <summary>The evidence that joined it (JSON: reasons, the ticket it matched, the score).</summary>
    public System.Text.Json.JsonElement? Evidence { get; init; }
}

public sealed record ClusterDetail(ClusterSummary Cluster, IReadOnlyList<ClusterMemberView> Members);

public sealed record ClusterFilter
{
    public ClusterKind? Kind { get; init; }
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }
    public int MinSize { get; init; } = 2;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

public sealed record ClusterPage(IReadOnlyList<ClusterSummary> Items, int Total, int Page, int PageSize);

/// <summary>Matters and appeals in a period: a child appeal is one more appeal, not one more matter.</summary>
public sealed record RepeatFigures(DateTime FromUtc, DateTime ToUtc, int Appeals, int Matters, int Children, int ClustersActive, int RepeatAppeals);

/// <summary>A child appeal under a master, as the master's department and the center see it.</summary>
public sealed record ChildAppeal
{
    public long TicketId { get; init; }
    public string Number { get; init; } = "";
    public TicketStatus Status { get; init; }
    public string Title { get; init; } = "";
    public string Content { get; init; } = "";
    public string? CallerName { get; init; }
    public string? CallerPhone { get; init; }
    public AppealType AppealType { get; init; }
    public Satisfaction? Satisfaction { get; init; }
    public DateTime CreatedUtc { get; init; }
    public string? LinkKind { get; init; }
    public string? LinkReason { get; init; }
}

/// <summary>The repeat-complaint facts of one ticket: its master, its children and its links.</summary>
public sealed record TicketRepeatInfo(
    long TicketId,
    long? MasterTicketId,
    string? MasterNumber,
    bool IsDifficult,
    int UnsatisfiedVisits,
    IReadOnlyList<ChildAppeal> Children,
    IReadOnlyList<TicketLinkView> Links,
    IReadOnlyList<long> ClusterIds);

public sealed record TicketLinkView
{
    public long Id { get; init; }
    public long TicketId { get; init; }
    public string? TicketNumber { get; init; }
    public long LinkedTicketId { get; init; }
    public string? LinkedNumber { get; init; }
    public TicketLinkKind Kind { get; init; }
    public double? Score { get; init; }
    public string? Reason { get; init; }
    public string? CreatedByName { get; init; }
    public DateTime CreatedUtc { get; init; }
}
