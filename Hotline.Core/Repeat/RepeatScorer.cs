namespace Hotline.Core.Repeat;

/// <summary>The new appeal as the scorer sees it: its keys and its text's bigrams.</summary>
public sealed record RepeatProbe(string? Phone, long? CategoryId, long? AreaId, string? AddressKey, int[] Bigrams, DateTime NowUtc)
{
    public static RepeatProbe From(string? phone, long? categoryId, long? areaId, string? address, string? title, string? content, DateTime nowUtc) =>
        new(phone, categoryId, areaId, RepeatText.AddressKey(address), RepeatText.Bigrams(title, content, address), nowUtc);
}

/// <summary>An earlier ticket as the scorer sees it.</summary>
public sealed record RepeatSubject(string? Phone, long CategoryId, long? AreaId, string? AddressKey, int[] Bigrams, DateTime CreatedUtc);

/// <summary>
/// Scores an earlier ticket against a new appeal: each piece of evidence adds its weight (same caller, same category,
/// same address or area, similar text), capped at 1, and is reported as a reason a person can check. Pure and fast:
/// the candidate set it scores is bounded by index lookups (<see cref="RepeatDetector"/>).
/// </summary>
public sealed class RepeatScorer(RepeatOptions options)
{
    public RepeatOptions Options => options;

    public (double Score, List<CandidateReason> Reasons) Score(RepeatProbe probe, RepeatSubject subject)
    {
        var reasons = new List<CandidateReason>(4);
        var score = 0.0;
        if (probe.Phone is not null && probe.Phone == subject.Phone)
        {
            score += options.WeightSameCaller;
            reasons.Add(new CandidateReason(RepeatReason.SameCaller, Math.Round((probe.NowUtc - subject.CreatedUtc).TotalDays, 1)));
        }

        if (probe.CategoryId == subject.CategoryId)
        {
            score += options.WeightSameCategory;
            reasons.Add(new CandidateReason(RepeatReason.SameCategory));
        }

        if (probe.AddressKey is not null && probe.AddressKey == subject.AddressKey)
        {
            score += options.WeightSameAddress;
            reasons.Add(new CandidateReason(RepeatReason.SameAddress));
        }
        else if (probe.AreaId is not null && probe.AreaId == subject.AreaId)
        {
            score += options.WeightSameArea;
            reasons.Add(new CandidateReason(RepeatReason.SameArea));
        }

        var similarity = RepeatText.Similarity(probe.Bigrams, subject.Bigrams);
        if (similarity > 0)
        {
            // Full weight from the "similar" level up; below it in proportion, so loosely related texts count a little.
            var part = Math.Min(1.0, similarity / options.SimilarText);
            score += options.WeightText * part * part;
            if (similarity >= options.SimilarText / 2)
            {
                reasons.Add(new CandidateReason(RepeatReason.SimilarText, Math.Round(similarity, 2)));
            }
        }

        return (Math.Min(1.0, Math.Round(score, 3)), reasons);
    }

    public bool IsCandidate(double score) => score >= options.CandidateMinScore;
}
