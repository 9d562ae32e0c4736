namespace Hotline.Core.Metrics;

/// <summary>Where a period's figures come from: the daily roll-ups, or the event log recomputed.</summary>
public enum MetricSource
{
    Rollup,
    Raw,
}

public enum BulletinList
{
    Red,
    Black,
}

/// <summary>One department's figures for a period. For a liaison, other departments show only name, score and rank.</summary>
public sealed record DepartmentMetrics
{
    public long DepartmentId { get; init; }
    public string DepartmentName { get; init; } = "";
    public int? Rank { get; init; }
    public decimal? Score { get; init; }
    public BulletinList? List { get; init; }
    public MetricCounters? Counters { get; init; }
    public MetricRates? Rates { get; init; }
    public int Screened { get; init; }
}

public sealed record MetricsTable
{
    public string FromDay { get; init; } = "";
    public string ToDay { get; init; } = "";
    public MetricSource Source { get; init; }
    public IReadOnlyList<DepartmentMetrics> Departments { get; init; } = [];
    public MetricCounters? Totals { get; init; }
    public MetricRates? TotalRates { get; init; }
}

public sealed record Screening
{
    public long Id { get; init; }
    public long TicketId { get; init; }
    public string TicketNumber { get; init; } = "";
    public string TicketTitle { get; init; } = "";
    public long DepartmentId { get; init; }
    public string DepartmentName { get; init; } = "";
    public string Reason { get; init; } = "";
    public long CreatedByUserId { get; init; }
    public string CreatedByName { get; init; } = "";
    public DateTime CreatedUtc { get; init; }
    public long? RevokedByUserId { get; init; }
    public string? RevokedByName { get; init; }
    public DateTime? RevokedUtc { get; init; }
    public string? RevokeReason { get; init; }
}

public sealed record CreateScreening(long? TicketId, long? DepartmentId, string? Reason);

public sealed record RevokeScreening(string? Reason);

public sealed record CountItem
{
    public string Name { get; init; } = "";
    public long Count { get; init; }
}

public sealed record HotItem(long Id, string Name, long Count, decimal Share);

public sealed record RisingItem(long Id, string Name, long Count, long PreviousCount, long Increase);

public sealed record HotIssues
{
    public long Total { get; init; }
    public IReadOnlyList<HotItem> TopCategories { get; init; } = [];
    public IReadOnlyList<HotItem> TopAreas { get; init; } = [];
    public IReadOnlyList<RisingItem> RisingCategories { get; init; } = [];

    /// <summary>The month's largest repeat clusters (重复诉求), as a published page may show them: no caller's number.</summary>
    public IReadOnlyList<RepeatClusterItem> RepeatClusters { get; init; } = [];
}

public sealed record RepeatClusterItem(long Id, string Kind, string? CategoryName, string? AreaName, int Appeals, int Matters, int Unsatisfied,
    DateTime LastUtc, string? AnchorNumber, IReadOnlyList<string> Departments);

public sealed record BulletinThresholds(decimal RedListMinScore, decimal BlackListBelowScore, int MinReceived);

/// <summary>The stored snapshot of a monthly bulletin (每月通报).</summary>
public sealed record BulletinContent
{
    public string Month { get; init; } = "";
    public int Version { get; init; }
    public string Source { get; init; } = "";
    public DateTime GeneratedUtc { get; init; }
    public string FromDay { get; init; } = "";
    public string ToDay { get; init; } = "";
    public BulletinThresholds Thresholds { get; init; } = new(0, 0, 0);
    public IReadOnlyList<DepartmentMetrics> Departments { get; init; } = [];
    public MetricCounters Totals { get; init; } = new();
    public MetricRates? TotalRates { get; init; }
    public IReadOnlyList<string> RedList { get; init; } = [];
    public IReadOnlyList<string> BlackList { get; init; } = [];
    public IReadOnlyList<Screening> Screenings { get; init; } = [];
    public HotIssues HotIssues { get; init; } = new();
}

public sealed record BulletinSummary
{
    public long Id { get; init; }
    public string Month { get; init; } = "";
    public int Version { get; init; }
    public string Source { get; init; } = "";
    public long? GeneratedByUserId { get; init; }
    public string? GeneratedByName { get; init; }
    public DateTime GeneratedUtc { get; init; }
}

public sealed record BulletinView(BulletinSummary Summary, BulletinContent Content);

public sealed record GenerateBulletin(string? Month);

public sealed record HeatCell(long AreaId, long CategoryId, long Count);

public sealed record MonthlySatisfaction(string Month, long Visited, long Satisfied, decimal? Rate);

public sealed record Dashboard
{
    public string Today { get; init; } = "";
    public long TodayTotal { get; init; }
    public IReadOnlyList<CountItem> TodayByChannel { get; init; } = [];
    public IReadOnlyList<CountItem> OpenByStatus { get; init; } = [];
    public IReadOnlyList<HotItem> OverdueByDepartment { get; init; } = [];
    public IReadOnlyList<MonthlySatisfaction> Satisfaction { get; init; } = [];
    public string HeatMonth { get; init; } = "";
    public IReadOnlyList<HotItem> HeatAreas { get; init; } = [];
    public IReadOnlyList<HotItem> HeatCategories { get; init; } = [];
    public IReadOnlyList<HeatCell> Heat { get; init; } = [];
}

/// <summary>The first and last keys of a stretch of the event log (none when it is empty).</summary>
public sealed record IdRange
{
    public long? FromId { get; init; }
    public long? ToId { get; init; }
}
