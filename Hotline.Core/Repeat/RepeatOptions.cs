namespace Hotline.Core.Repeat;

/// <summary>Bound from configuration section <c>Repeat</c>: the detector's windows, weights and thresholds.</summary>
public sealed class RepeatOptions
{
    /// <summary>Same caller and category: earlier tickets this many days back are candidates.</summary>
    public int CallerWindowDays { get; set; } = 30;

    /// <summary>Same area or address and category: earlier tickets this many days back are candidates.</summary>
    public int PlaceWindowDays { get; set; } = 30;

    /// <summary>A candidate is shown to the agent from this score (0-1).</summary>
    public double CandidateMinScore { get; set; } = 0.45;

    /// <summary>Most candidates shown at intake.</summary>
    public int MaxCandidates { get; set; } = 8;

    /// <summary>Rows read per index range at intake: the candidate set stays bounded however big the table is.</summary>
    public int CallerLookupLimit { get; set; } = 50;

    public int PlaceLookupLimit { get; set; } = 150;

    /// <summary>How many tickets' text bigrams the detector keeps in memory (about 200 bytes each).</summary>
    public int TextCacheTickets { get; set; } = 200_000;

    /// <summary>Text similarity (character bigram Dice) from which two texts count as the same matter.</summary>
    public double SimilarText { get; set; } = 0.15;

    // Weights of the score: each evidence adds its part; the sum is capped at 1. Tuned on the labelled set
    // (Hotline.Tests/Repeat/labelled-appeals.json; figures in bench/RESULTS.md).
    public double WeightSameCaller { get; set; } = 0.35;
    public double WeightSameCategory { get; set; } = 0.1;
    public double WeightSameAddress { get; set; } = 0.2;
    public double WeightSameArea { get; set; } = 0.15;
    public double WeightText { get; set; } = 0.6;

    /// <summary>A caller cluster (same person, same matter) escalates at this many appeals within <see cref="EscalateWindowDays"/>.</summary>
    public int EscalateAppeals { get; set; } = 3;

    public int EscalateWindowDays { get; set; } = 30;

    /// <summary>A place cluster (same place and category) warns early at this many appeals within <see cref="PlaceWarnWindowDays"/>.</summary>
    public int PlaceWarnAppeals { get; set; } = 3;

    public int PlaceWarnWindowDays { get; set; } = 7;

    /// <summary>Unsatisfied return visits that make a ticket 疑难 and raise a supervision order.</summary>
    public int DifficultAfterUnsatisfiedVisits { get; set; } = 2;
}
