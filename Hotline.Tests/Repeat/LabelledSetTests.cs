using System.Text.Json;
using Hotline.Core.Repeat;
using Xunit.Abstractions;

namespace Hotline.Tests.Repeat;

/// <summary>
/// The detector on a labelled set of 201 hand-written appeals (labelled-appeals.json): 64 matters, each worded
/// differently by different callers and by the same caller again, with different matters sharing places and categories.
/// Each appeal, in call order, is looked up as at intake (the caller's phone within 30 days; same address or area and
/// category within 30 days) among the appeals before it and scored by the production <see cref="RepeatScorer"/>; a
/// candidate at or above the threshold is a prediction "same matter". Precision and recall are over pairs (an appeal
/// and an earlier one); a same-matter pair the lookups cannot reach counts as missed. bench/RESULTS.md has the figures.
/// </summary>
public sealed class LabelledSetTests(ITestOutputHelper output)
{
    private static readonly DateTime Start = new(2026, 9, 1, 1, 0, 0, DateTimeKind.Utc);

    private sealed record Appeal(int Id, string Matter, string CallerPhone, int Day, string Category, string Area, string? Address, string Title, string Content);

    private sealed record Labelled(List<Appeal> Appeals);

    internal static string RepositoryFile(params string[] parts)
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Hotline.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("Hotline.sln not found above the test folder.");
        }

        return Path.Combine([dir, .. parts]);
    }

    private static List<Appeal> Load() =>
        JsonSerializer.Deserialize<Labelled>(File.ReadAllText(RepositoryFile("Hotline.Tests", "Repeat", "labelled-appeals.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!
            .Appeals.OrderBy(a => a.Day).ThenBy(a => a.Id).ToList();

    internal sealed record Evaluation(int Appeals, int Matters, int SamePairs, int Predicted, int TruePositives, int RepeatAppeals, int Top1Right, int Top1Proposed)
    {
        public double Precision => Predicted == 0 ? 1 : (double)TruePositives / Predicted;
        public double Recall => SamePairs == 0 ? 1 : (double)TruePositives / SamePairs;
        public double Top1Precision => Top1Proposed == 0 ? 1 : (double)Top1Right / Top1Proposed;
        public double Top1Recall => RepeatAppeals == 0 ? 1 : (double)Top1Right / RepeatAppeals;
    }

    private static Evaluation Evaluate(RepeatOptions options)
    {
        var appeals = Load();
        var scorer = new RepeatScorer(options);
        var categories = appeals.Select(a => a.Category).Distinct().Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (long)x.i + 1);
        var areas = appeals.Select(a => a.Area).Distinct().Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (long)x.i + 1);
        var subjects = appeals.Select(a => new RepeatSubject(a.CallerPhone, categories[a.Category], areas[a.Area], RepeatText.AddressKey(a.Address),
            RepeatText.Bigrams(a.Title, a.Content, a.Address), Start.AddDays(a.Day))).ToList();
        int samePairs = 0, predicted = 0, truePositives = 0, repeatAppeals = 0, top1Right = 0, top1Proposed = 0;
        for (var i = 0; i < appeals.Count; i++)
        {
            var a = appeals[i];
            var now = Start.AddDays(a.Day).AddHours(1);
            var probe = RepeatProbe.From(a.CallerPhone, categories[a.Category], areas[a.Area], a.Address, a.Title, a.Content, now);
            var hasEarlier = false;
            var scored = new List<(double Score, bool Same)>();
            for (var j = 0; j < i; j++)
            {
                var b = appeals[j];
                var same = b.Matter == a.Matter;
                samePairs += same ? 1 : 0;
                hasEarlier |= same;
                var s = subjects[j];
                var days = a.Day - b.Day;
                var reachable = (s.Phone == probe.Phone && days <= options.CallerWindowDays)
                    || (s.CategoryId == probe.CategoryId && days <= options.PlaceWindowDays
                        && ((probe.AddressKey is not null && s.AddressKey == probe.AddressKey) || s.AreaId == probe.AreaId));
                if (!reachable)
                {
                    continue;
                }

                var (score, _) = scorer.Score(probe, s);
                if (scorer.IsCandidate(score))
                {
                    predicted++;
                    truePositives += same ? 1 : 0;
                    scored.Add((score, same));
                }
            }

            repeatAppeals += hasEarlier ? 1 : 0;
            if (scored.Count > 0)
            {
                top1Proposed++;
                top1Right += scored.MaxBy(x => x.Score).Same ? 1 : 0;
            }
        }

        return new Evaluation(appeals.Count, appeals.Select(a => a.Matter).Distinct().Count(), samePairs, predicted, truePositives, repeatAppeals, top1Right, top1Proposed);
    }

    [Fact]
    public void The_labelled_set_is_big_and_varied_enough()
    {
        var appeals = Load();
        Assert.True(appeals.Count >= 200);
        Assert.True(appeals.Select(a => a.Matter).Distinct().Count() >= 50);
        Assert.Equal(appeals.Count, appeals.Select(a => a.Title + a.Content).Distinct().Count()); // no text repeated word for word
        // Different matters share an address and a category: the detector must tell them apart by text.
        Assert.Contains(appeals.GroupBy(a => (RepeatText.AddressKey(a.Address), a.Category)), g => g.Key.Item1 is not null && g.Select(a => a.Matter).Distinct().Count() > 1);
    }

    [Fact]
    public void Precision_and_recall_on_the_labelled_set_stay_above_their_floor()
    {
        var e = Evaluate(new RepeatOptions());
        output.WriteLine($"appeals {e.Appeals}, matters {e.Matters}, same-matter pairs {e.SamePairs}, predicted pairs {e.Predicted}, true positives {e.TruePositives}");
        output.WriteLine($"pairwise precision {e.Precision:P1}, recall {e.Recall:P1}");
        output.WriteLine($"repeat appeals {e.RepeatAppeals}; top candidate proposed for {e.Top1Proposed}, right for {e.Top1Right}: top-1 precision {e.Top1Precision:P1}, recall {e.Top1Recall:P1}");
        foreach (var threshold in new[] { 0.35, 0.45, 0.55, 0.65 })
        {
            var t = Evaluate(new RepeatOptions { CandidateMinScore = threshold });
            output.WriteLine($"threshold {threshold:F2}: precision {t.Precision:P1}, recall {t.Recall:P1}, top-1 precision {t.Top1Precision:P1}, top-1 recall {t.Top1Recall:P1}");
        }

        Assert.True(e.Precision >= 0.9, $"precision {e.Precision:P1}");
        Assert.True(e.Recall >= 0.65, $"recall {e.Recall:P1}");
        Assert.True(e.Top1Precision >= 0.95, $"top-1 precision {e.Top1Precision:P1}");
        Assert.True(e.Top1Recall >= 0.75, $"top-1 recall {e.Top1Recall:P1}");
    }
}
