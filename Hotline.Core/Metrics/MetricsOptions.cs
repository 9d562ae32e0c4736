namespace Hotline.Core.Metrics;

/// <summary>Bound from configuration section <c>Metrics</c>.</summary>
public sealed class MetricsOptions
{
    /// <summary>红榜: departments scoring at least this (0-100), with at least <see cref="MinReceived"/> tickets received.</summary>
    public decimal RedListMinScore { get; set; } = 90;

    /// <summary>黑榜: departments scoring below this, with at least <see cref="MinReceived"/> tickets received.</summary>
    public decimal BlackListBelowScore { get; set; } = 60;

    /// <summary>Repeat clusters (重复诉求) listed among the bulletin's hot issues.</summary>
    public int BulletinRepeatClusters { get; set; } = 10;

    /// <summary>Departments that received fewer tickets in the month are ranked but on neither list.</summary>
    public int MinReceived { get; set; } = 5;

    public decimal SignWeight { get; set; } = 25;
    public decimal CompletedWeight { get; set; } = 25;
    public decimal SatisfactionWeight { get; set; } = 25;
    public decimal ResolutionWeight { get; set; } = 25;

    /// <summary>How many categories and areas the hot issues list, and how many rising categories.</summary>
    public int HotTop { get; set; } = 10;
    public int RisingTop { get; set; } = 5;

    /// <summary>Feed rows folded per roll-up step.</summary>
    public int RollupBatch { get; set; } = 5000;

    /// <summary>SQL Server: how long a missing feed number is waited for before the roll-ups pass over it.</summary>
    public int GapTimeoutMs { get; set; } = 10_000;
}
