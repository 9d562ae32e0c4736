using Hotline.Core.Tickets;

namespace Hotline.Core.Routing;

/// <summary>
/// One rule of the responsibility list (责任清单), in the draft (version 0) or in a published version. A missing
/// condition means "any"; category and area match their node and its whole subtree.
/// </summary>
public sealed record RoutingRule
{
    /// <summary>The row key: unique to this rule in this version (what a ticket records).</summary>
    public long Id { get; init; }
    public int Version { get; init; }
    /// <summary>The rule's number, stable across versions (what people call it: 第 12 条).</summary>
    public int RuleNo { get; init; }
    public string Name { get; init; } = "";
    public long? CategoryId { get; init; }
    public string? CategoryName { get; init; }
    public long? AreaId { get; init; }
    public string? AreaName { get; init; }
    public AppealType? AppealType { get; init; }
    public Channel? Channel { get; init; }
    /// <summary>Any of these in the title or content (after normalisation).</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];
    /// <summary>None of these in the title or content.</summary>
    public IReadOnlyList<string> ExcludedKeywords { get; init; } = [];
    public long? LeadDepartmentId { get; init; }
    public string? LeadDepartmentName { get; init; }
    /// <summary>The lead is the territorial unit (街道/乡镇) of the ticket's area, found up the area tree.</summary>
    public bool LeadTerritorial { get; init; }
    public IReadOnlyList<long> AssistDepartmentIds { get; init; } = [];
    public IReadOnlyList<string> AssistDepartmentNames { get; init; } = [];
    public bool AssistTerritorial { get; init; }
    /// <summary>Higher wins among equally specific rules.</summary>
    public int Priority { get; init; }
    public DateTime? EffectiveFromUtc { get; init; }
    /// <summary>Exclusive.</summary>
    public DateTime? EffectiveToUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }
}

/// <summary>Create or update a draft rule. Exactly one of <c>leadDepartmentId</c> and <c>leadTerritorial</c>.</summary>
public sealed record SaveRoutingRule(
    string? Name,
    long? CategoryId,
    long? AreaId,
    AppealType? AppealType,
    Channel? Channel,
    string[]? Keywords,
    string[]? ExcludedKeywords,
    long? LeadDepartmentId,
    bool LeadTerritorial,
    long[]? AssistDepartmentIds,
    bool AssistTerritorial,
    int Priority,
    DateTime? EffectiveFromUtc,
    DateTime? EffectiveToUtc);

/// <summary>What a decision looks at: the intake form as it stands (anything may still be missing).</summary>
public sealed record RoutingInput(long? CategoryId, long? AreaId, AppealType? AppealType, Channel? Channel, string? Title, string? Content);

public enum RoutingOutcome
{
    Matched,
    NoRule,
}

public enum RuleCondition
{
    Category,
    Area,
    AppealType,
    Channel,
    Keywords,
    ExcludedKeywords,
    EffectiveDates,
    CatchAll,
}

/// <summary>Why a matching rule did not win, in the order the decision compares rules.</summary>
public enum LossReason
{
    NoTerritorialUnit,
    LeadInactive,
    LessSpecificArea,
    LessSpecificCategory,
    FewerConditions,
    LowerPriority,
    LaterRule,
}

public sealed record DepartmentRef(long Id, string Name);

public sealed record MatchReason(RuleCondition Condition, string Text);

public sealed record RuleVerdict(int RuleNo, string Name, string? LeadDepartmentName, LossReason Reason, string Text);

/// <summary>
/// A routing decision and its explanation: the winning rule and why it matched, every other matching rule and why
/// it lost. Stored on the ticket as JSON.
/// </summary>
public sealed record RoutingDecision
{
    public RoutingOutcome Outcome { get; init; }
    /// <summary>The published version decided by, null for the draft (test box) or when nothing is published.</summary>
    public int? Version { get; init; }
    public bool Draft { get; init; }
    public long? RuleId { get; init; }
    public int? RuleNo { get; init; }
    public string? RuleName { get; init; }
    public long? LeadDepartmentId { get; init; }
    public string? LeadDepartmentName { get; init; }
    public IReadOnlyList<DepartmentRef> AssistDepartments { get; init; } = [];
    /// <summary>One sentence for the agent, zh-CN.</summary>
    public string Summary { get; init; } = "";
    public IReadOnlyList<MatchReason> Why { get; init; } = [];
    public IReadOnlyList<RuleVerdict> Others { get; init; } = [];
    public DateTime DecidedUtc { get; init; }
    /// <summary>Set when stored at registration: whether the ticket was dispatched by this decision at once.</summary>
    public bool? AutoDispatched { get; init; }
}

/// <summary>What routed a ticket at registration.</summary>
public sealed record TicketRouting(long TicketId, int? Version, long? RuleId, int? RuleNo, bool AutoDispatched, RoutingDecision? Decision);

public sealed record RoutingListVersion
{
    public int Version { get; init; }
    public int RuleCount { get; init; }
    public string? Note { get; init; }
    public long? PublishedByUserId { get; init; }
    public string? PublishedByName { get; init; }
    public DateTime PublishedUtc { get; init; }
}

/// <summary>The draft's rules, or a published version's.</summary>
public sealed record RoutingRuleList(int? Version, bool Draft, int? LatestVersion, bool DraftChanged, IReadOnlyList<RoutingRule> Rules);

public sealed record RoutingRuleFilter
{
    /// <summary>Null: the draft.</summary>
    public int? Version { get; init; }
    public long? CategoryId { get; init; }
    public long? AreaId { get; init; }
    public long? DepartmentId { get; init; }
    public AppealType? AppealType { get; init; }
    public Channel? Channel { get; init; }
    /// <summary>Matches the name and the keywords.</summary>
    public string? Text { get; init; }
}

public sealed record PublishRequest(string? Note);

public sealed record ImportResult(int Imported);

/// <summary>The center's choice after a disputed return, saved as a draft rule for the ticket's category and area.</summary>
public sealed record RuleFromTicket(long? TicketId, long? LeadDepartmentId, long[]? AssistDepartmentIds, string? Name, bool MatchArea = true, bool MatchAppealType = false);

public sealed record ReturnReason(long TicketId, long? DepartmentId, string? DepartmentName, string? Reason, DateTime OccurredUtc);

/// <summary>A line of the learning report: a rule whose tickets come back.</summary>
public sealed record RuleReturnStats(int RuleNo, string RuleName, int TicketsRouted, int Returns, int ReturnedTickets, double ReturnRate, IReadOnlyList<ReturnReason> RecentReturns);

public sealed class RoutingOptions
{
    /// <summary>Registering a ticket that a rule routes dispatches it at once (configuration <c>Routing:AutoDispatch</c>).</summary>
    public bool AutoDispatch { get; set; } = true;

    /// <summary>How often an instance checks whether another one published, or the directory changed.</summary>
    public int RefreshSeconds { get; set; } = 5;
}
