using System.Diagnostics;
using Hotline.Core.Directory;
using Hotline.Core.Routing;
using Hotline.Core.Tickets;

namespace Hotline.Bench;

/// <summary>
/// Routing decisions with 5,000 rules over a generated province-sized directory and realistic call texts: the indexed
/// engine (RoutingEngine.Match) against a plain linear scan of the same rules, on one core.
/// </summary>
internal static class RoutingBench
{
    private static readonly string[] Words =
    [
        "噪音", "施工", "油烟", "饭店", "违停", "停车", "路灯", "停水", "停电", "物业", "收费", "工资", "拖欠", "食品", "过期", "占道",
        "摊贩", "垃圾", "臭味", "漏水", "电梯", "广场舞", "装修", "狗叫", "井盖", "积水", "公交", "学校", "培训", "医保",
    ];

    public static string Run(int rules = 5000, int inputs = 20_000, int iterations = 2_000_000)
    {
        var random = new Random(12345);
        long nextId = 1;
        var categories = new List<Category>();
        for (var p = 0; p < 50; p++)
        {
            var parent = nextId++;
            categories.Add(new Category { Id = parent, Code = $"C{p}", Name = $"大类{p}", IsActive = true });
            for (var c = 0; c < 20; c++)
            {
                categories.Add(new Category { Id = nextId++, Code = $"C{p}-{c}", Name = $"小类{p}-{c}", ParentId = parent, IsActive = true });
            }
        }

        var areas = new List<Area> { new() { Id = nextId++, Code = "D", Name = "区", Level = AreaLevel.District, IsActive = true } };
        var departments = new List<Department>();
        for (var s = 0; s < 30; s++)
        {
            var street = nextId++;
            areas.Add(new Area { Id = street, Code = $"S{s}", Name = $"街道{s}", Level = AreaLevel.Street, ParentId = areas[0].Id, IsActive = true });
            departments.Add(new Department { Id = nextId++, Code = $"T{s}", Name = $"街道办{s}", Kind = DepartmentKind.Territorial, AreaId = street, IsActive = true });
            for (var c = 0; c < 10; c++)
            {
                areas.Add(new Area { Id = nextId++, Code = $"S{s}-{c}", Name = $"社区{s}-{c}", Level = AreaLevel.Community, ParentId = street, IsActive = true });
            }
        }

        for (var d = 0; d < 60; d++)
        {
            departments.Add(new Department { Id = nextId++, Code = $"F{d}", Name = $"局{d}", Kind = DepartmentKind.Functional, IsActive = true });
        }

        var functional = departments.Where(d => d.Kind == DepartmentKind.Functional).ToArray();
        var list = new List<RoutingRule>(rules);
        for (var i = 1; i <= rules; i++)
        {
            var territorial = random.NextDouble() < 0.3;
            list.Add(new RoutingRule
            {
                Id = nextId++,
                Version = 1,
                RuleNo = i,
                Name = $"规则{i}",
                // A responsibility list names a matter in nearly every rule; a few catch-alls remain.
                CategoryId = random.NextDouble() < 0.995 ? categories[random.Next(categories.Count)].Id : null,
                AreaId = random.NextDouble() < 0.6 ? areas[random.Next(areas.Count)].Id : null,
                AppealType = random.NextDouble() < 0.2 ? (AppealType)random.Next(6) : null,
                Channel = random.NextDouble() < 0.1 ? (Channel)random.Next(7) : null,
                Keywords = random.NextDouble() < 0.4 ? [Words[random.Next(Words.Length)], Words[random.Next(Words.Length)]] : [],
                ExcludedKeywords = random.NextDouble() < 0.1 ? [Words[random.Next(Words.Length)]] : [],
                LeadTerritorial = territorial,
                LeadDepartmentId = territorial ? null : functional[random.Next(functional.Length)].Id,
                Priority = random.Next(0, 10),
            });
        }

        var engine = RoutingEngine.Build(new RoutingSnapshot(1, false, list, categories, areas, departments));
        var leaves = categories.Where(c => c.ParentId is not null).ToArray();
        var communities = areas.Where(a => a.Level == AreaLevel.Community).ToArray();
        var calls = Enumerable.Range(0, inputs).Select(_ =>
        {
            string Sentence() => string.Concat(Enumerable.Range(0, 6).Select(_ => Words[random.Next(Words.Length)] + (random.NextDouble() < 0.5 ? "，" : "")));
            return new RoutingInput(leaves[random.Next(leaves.Length)].Id, communities[random.Next(communities.Length)].Id,
                (AppealType)random.Next(6), Channel.Phone, Sentence()[..12], "市民来电反映：" + Sentence() + "希望尽快处理。");
        }).ToArray();
        var now = new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);

        var scan = new LinearScan(list, categories, areas);
        var agree = calls.Take(2000).Count(c => engine.Match(c, now, []).RuleNo == scan.Match(c));
        var matchedPerCall = calls.Take(2000).Average(c => engine.Match(c, now, []).Matched);

        var indexed = Measure(i => engine.Match(calls[i % calls.Length], now, Scratch).RuleNo, iterations);
        var linear = Measure(i => scan.Match(calls[i % calls.Length]), iterations / 50);
        return $"""
            | engine | decisions/s (one core) | p50 µs | p99 µs | p99.9 µs |
            | --- | --- | --- | --- | --- |
            | indexed (RoutingEngine.Match) | {indexed.PerSecond:N0} | {indexed.P50:F2} | {indexed.P99:F2} | {indexed.P999:F2} |
            | linear scan of the same rules | {linear.PerSecond:N0} | {linear.P50:F2} | {linear.P99:F2} | {linear.P999:F2} |

            {rules:N0} rules over {categories.Count:N0} categories (50 groups of 20), {areas.Count:N0} areas (30 streets of 10 communities) and
            {departments.Count} departments: 99.5% of rules name a category (leaf or group), 60% an area, 20% an appeal type, 10% a channel,
            40% any-of keywords, 10% excluded keywords, 30% a territorial lead; {inputs:N0} generated calls with Chinese title and content;
            {matchedPerCall:F1} rules match a call on average. The two agree on the winning rule for {agree} of 2,000 calls checked.
            """;
    }

    [ThreadStatic]
    private static List<CompiledRule>? _scratch;

    private static List<CompiledRule> Scratch => _scratch ??= new List<CompiledRule>(64);

    private static (double PerSecond, double P50, double P99, double P999) Measure(Func<int, int> decide, int iterations)
    {
        var sink = 0;
        for (var i = 0; i < Math.Min(iterations, 100_000); i++)
        {
            sink += decide(i); // warm-up: tiered JIT
        }

        // Throughput: a tight loop. Latency: every call timed on its own.
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            sink += decide(i);
        }

        var perSecond = iterations / Stopwatch.GetElapsedTime(start).TotalSeconds;
        var samples = new double[Math.Min(iterations, 500_000)];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = Stopwatch.GetTimestamp();
            sink += decide(i);
            samples[i] = (Stopwatch.GetTimestamp() - t) * 1_000_000.0 / Stopwatch.Frequency;
        }

        Array.Sort(samples);
        GC.KeepAlive(sink);
        double At(double p) => samples[Math.Min(samples.Length - 1, (int)(p * samples.Length))];
        return (perSecond, At(0.50), At(0.99), At(0.999));
    }

    /// <summary>
    /// The baseline: every rule checked for every call. Fair to it: the call's ancestor chains and folded text are
    /// computed once per call, so each rule costs two dictionary look-ups and its keyword checks.
    /// </summary>
    private sealed class LinearScan(List<RoutingRule> rules, List<Category> categories, List<Area> areas)
    {
        private readonly Dictionary<long, long?> _categoryParent = categories.ToDictionary(c => c.Id, c => c.ParentId);
        private readonly Dictionary<long, long?> _areaParent = areas.ToDictionary(a => a.Id, a => a.ParentId);
        private readonly (RoutingRule Rule, string[] Keywords, string[] Excluded, int Conditions)[] _rules = rules
            .Select(r => (r, r.Keywords.Select(TextNormalizer.Normalize).ToArray(), r.ExcludedKeywords.Select(TextNormalizer.Normalize).ToArray(),
                (r.CategoryId is null ? 0 : 1) + (r.AreaId is null ? 0 : 1) + (r.AppealType is null ? 0 : 1) + (r.Channel is null ? 0 : 1)
                + (r.Keywords.Count > 0 ? 1 : 0) + (r.ExcludedKeywords.Count > 0 ? 1 : 0)))
            .ToArray();

        public int Match(RoutingInput input)
        {
            var text = TextNormalizer.Normalize(input.Title, input.Content);
            var categoryDepths = Depths(_categoryParent, input.CategoryId);
            var areaDepths = Depths(_areaParent, input.AreaId);
            RoutingRule? best = null;
            (int, int, int, int, int) bestRank = default;
            foreach (var (rule, keywords, excluded, conditions) in _rules)
            {
                var categoryDepth = rule.CategoryId is { } c ? categoryDepths.GetValueOrDefault(c, -1) : 0;
                var areaDepth = rule.AreaId is { } a ? areaDepths.GetValueOrDefault(a, -1) : 0;
                if (categoryDepth < 0 || areaDepth < 0 || (rule.AppealType is { } t && t != input.AppealType) || (rule.Channel is { } ch && ch != input.Channel)
                    || (keywords.Length > 0 && !keywords.Any(k => text.Contains(k, StringComparison.Ordinal)))
                    || excluded.Any(k => text.Contains(k, StringComparison.Ordinal)))
                {
                    continue;
                }

                var rank = (areaDepth, categoryDepth, conditions, rule.Priority, -rule.RuleNo);
                if (best is null || rank.CompareTo(bestRank) > 0)
                {
                    (best, bestRank) = (rule, rank);
                }
            }

            return best?.RuleNo ?? 0;
        }

        /// <summary>The node and each of its ancestors with its depth (the root is 1).</summary>
        private static Dictionary<long, int> Depths(Dictionary<long, long?> parents, long? node)
        {
            var chain = new List<long>();
            for (var current = node; current is { } id; current = parents.GetValueOrDefault(id))
            {
                chain.Add(id);
            }

            var depths = new Dictionary<long, int>(chain.Count);
            for (var i = 0; i < chain.Count; i++)
            {
                depths[chain[i]] = chain.Count - i;
            }

            return depths;
        }
    }
}
