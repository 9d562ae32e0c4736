using Hotline.Core.Directory;

namespace Hotline.Core.Routing;

/// <summary>What the engine is built from: one version of the list and the directory as it stands.</summary>
public sealed record RoutingSnapshot(
    int? Version,
    bool Draft,
    IReadOnlyList<RoutingRule> Rules,
    IReadOnlyList<Category> Categories,
    IReadOnlyList<Area> Areas,
    IReadOnlyList<Department> Departments);

/// <summary>The fast result of <see cref="RoutingEngine.Match"/>: the winner, its lead, and how many rules matched.</summary>
public readonly record struct RoutingMatch(int RuleNo, long LeadDepartmentId, int Matched)
{
    public bool IsMatch => RuleNo > 0;
}

/// <summary>
/// An immutable, indexed snapshot of one version of the responsibility list. Rules are bucketed by (category node,
/// area node); a decision walks the ticket's category and area ancestor chains (a few dictionary look-ups), checks
/// the few rules found against pre-normalised keywords, and takes the best by a rank fixed at build time:
/// deeper area, deeper category, more conditions, higher priority, lower rule number.
/// </summary>
public sealed class RoutingEngine
{
    private static readonly int[] AnyChain = [0];

    private readonly Dictionary<long, int> _categoryIndex = [];
    private readonly Dictionary<long, int> _areaIndex = [];
    private readonly int[][] _categoryChains;
    private readonly int[][] _areaChains;
    /// <summary>Per area index: the nearest territorial unit at or above it, 0 when none.</summary>
    private readonly long[] _territorialUnit;
    private readonly Dictionary<long, string> _categoryNames = [];
    private readonly Dictionary<long, string> _areaNames = [];
    private readonly Dictionary<long, string> _departmentNames = [];
    private readonly HashSet<long> _activeDepartments = [];
    private readonly Dictionary<long, CompiledRule[]> _buckets = [];
    private readonly CompiledRule[] _rules;

    private RoutingEngine(RoutingSnapshot snapshot)
    {
        Version = snapshot.Version;
        Draft = snapshot.Draft;
        _categoryChains = Chains(snapshot.Categories.Select(c => (c.Id, c.ParentId)).ToList(), _categoryIndex);
        _areaChains = Chains(snapshot.Areas.Select(a => (a.Id, a.ParentId)).ToList(), _areaIndex);
        foreach (var c in snapshot.Categories)
        {
            _categoryNames[c.Id] = c.Name;
        }

        foreach (var a in snapshot.Areas)
        {
            _areaNames[a.Id] = a.Name;
        }

        var unitOfArea = new Dictionary<long, long>();
        foreach (var d in snapshot.Departments.OrderBy(d => d.Code, StringComparer.Ordinal))
        {
            _departmentNames[d.Id] = d.Name;
            if (d.IsActive)
            {
                _activeDepartments.Add(d.Id);
                if (d.Kind == DepartmentKind.Territorial && d.AreaId is { } area)
                {
                    unitOfArea.TryAdd(area, d.Id);
                }
            }
        }

        var areaIds = new long[_areaChains.Length];
        foreach (var (id, index) in _areaIndex)
        {
            areaIds[index] = id;
        }

        _territorialUnit = new long[_areaChains.Length];
        for (var i = 1; i < _areaChains.Length; i++)
        {
            foreach (var node in _areaChains[i])
            {
                if (node != 0 && unitOfArea.TryGetValue(areaIds[node], out var unit))
                {
                    _territorialUnit[i] = unit;
                    break;
                }
            }
        }

        var compiled = new List<CompiledRule>();
        foreach (var rule in snapshot.Rules)
        {
            var category = rule.CategoryId is { } c ? _categoryIndex.GetValueOrDefault(c, -1) : 0;
            var area = rule.AreaId is { } a ? _areaIndex.GetValueOrDefault(a, -1) : 0;
            if (category < 0 || area < 0)
            {
                continue; // names a node the directory no longer has: it cannot match anything
            }

            compiled.Add(new CompiledRule(rule, category, area,
                category == 0 ? 0 : _categoryChains[category].Length - 1,
                area == 0 ? 0 : _areaChains[area].Length - 1,
                rule.LeadTerritorial || (rule.LeadDepartmentId is { } lead && _activeDepartments.Contains(lead))));
        }

        compiled.Sort(CompiledRule.Compare);
        for (var i = 0; i < compiled.Count; i++)
        {
            compiled[i].Order = i;
        }

        _rules = [.. compiled];
        foreach (var group in compiled.GroupBy(r => Key(r.CategoryIndex, r.AreaIndex)))
        {
            _buckets[group.Key] = [.. group]; // already in rank order
        }
    }

    public int? Version { get; }

    public bool Draft { get; }

    public int RuleCount => _rules.Length;

    public static RoutingEngine Build(RoutingSnapshot snapshot) => new(snapshot);

    /// <summary>The empty list: every decision is "no rule".</summary>
    public static RoutingEngine Empty { get; } = new(new RoutingSnapshot(null, false, [], [], [], []));

    /// <summary>
    /// The decision without its explanation: what auto-dispatch and the benchmark need. <paramref name="scratch"/> is
    /// reused between calls to avoid allocating.
    /// </summary>
    public RoutingMatch Match(RoutingInput input, DateTime nowUtc, List<CompiledRule> scratch)
    {
        Collect(input, nowUtc, scratch);
        var areaIndex = AreaIndex(input.AreaId);
        CompiledRule? best = null;
        foreach (var rule in scratch)
        {
            if ((best is null || rule.Order < best.Order) && Lead(rule, areaIndex) != 0)
            {
                best = rule;
            }
        }

        return best is null ? new RoutingMatch(0, 0, scratch.Count) : new RoutingMatch(best.Rule.RuleNo, Lead(best, areaIndex), scratch.Count);
    }

    /// <summary>The decision with its explanation.</summary>
    public RoutingDecision Decide(RoutingInput input, DateTime nowUtc)
    {
        var matched = new List<CompiledRule>();
        Collect(input, nowUtc, matched);
        matched.Sort((x, y) => x.Order.CompareTo(y.Order));
        var areaIndex = AreaIndex(input.AreaId);
        var winner = matched.FirstOrDefault(r => Lead(r, areaIndex) != 0);
        var others = matched.Where(r => r != winner).Select(r => Verdict(r, winner, input, areaIndex)).ToList();
        if (winner is null)
        {
            return new RoutingDecision
            {
                Outcome = RoutingOutcome.NoRule,
                Version = Version,
                Draft = Draft,
                Summary = others.Count == 0
                    ? "无匹配规则（no rule），待中心人工派单"
                    : "有规则匹配但无法确定承办单位（no rule），待中心人工派单",
                Others = others,
                DecidedUtc = nowUtc,
            };
        }

        var rule = winner.Rule;
        var lead = Lead(winner, areaIndex);
        var assists = Assists(winner, areaIndex, lead).Select(id => new DepartmentRef(id, DepartmentName(id))).ToList();
        var leadText = DepartmentName(lead) + (rule.LeadTerritorial ? $"（{RoutingText.Territorial}）" : "");
        return new RoutingDecision
        {
            Outcome = RoutingOutcome.Matched,
            Version = Version,
            Draft = Draft,
            RuleId = rule.Id,
            RuleNo = rule.RuleNo,
            RuleName = rule.Name,
            LeadDepartmentId = lead,
            LeadDepartmentName = DepartmentName(lead),
            AssistDepartments = assists,
            Summary = $"责任清单{(Draft ? "草稿" : Version is { } v ? $" v{v}" : "")} 第{rule.RuleNo}条「{rule.Name}」：{leadText}主办"
                + (assists.Count > 0 ? $"，{string.Join("、", assists.Select(a => a.Name))}协办" : ""),
            Why = Why(winner, input, TextNormalizer.Normalize(input.Title, input.Content)),
            Others = others,
            DecidedUtc = nowUtc,
        };
    }

    /// <summary>Fills <paramref name="matched"/> with every rule that matches; returns the normalised text if it was needed.</summary>
    private void Collect(RoutingInput input, DateTime nowUtc, List<CompiledRule> matched)
    {
        // The call's text is folded once, on the stack, and only if some candidate rule has keywords.
        var length = TextNormalizer.FoldedLength(input.Title, input.Content);
        Span<char> buffer = length <= 2048 ? stackalloc char[length] : new char[length];
        var folded = -1;
        matched.Clear();
        var categoryChain = input.CategoryId is { } c && _categoryIndex.TryGetValue(c, out var ci) ? _categoryChains[ci] : AnyChain;
        var areaChain = input.AreaId is { } a && _areaIndex.TryGetValue(a, out var ai) ? _areaChains[ai] : AnyChain;
        var appealType = input.AppealType is { } t ? (int)t : -1;
        var channel = input.Channel is { } ch ? (int)ch : -1;
        var now = nowUtc.Ticks;
        foreach (var category in categoryChain)
        {
            foreach (var area in areaChain)
            {
                if (!_buckets.TryGetValue(Key(category, area), out var bucket))
                {
                    continue;
                }

                foreach (var rule in bucket)
                {
                    if ((rule.AppealType >= 0 && rule.AppealType != appealType)
                        || (rule.Channel >= 0 && rule.Channel != channel)
                        || now < rule.FromTicks || now >= rule.ToTicks)
                    {
                        continue;
                    }

                    if (rule.HasKeywords)
                    {
                        if (folded < 0)
                        {
                            folded = TextNormalizer.Fold(input.Title, input.Content, buffer);
                        }

                        if (!rule.KeywordsMatch(buffer[..folded]))
                        {
                            continue;
                        }
                    }

                    matched.Add(rule);
                }
            }
        }
    }

    private long Lead(CompiledRule rule, int areaIndex)
    {
        if (rule.Rule.LeadTerritorial)
        {
            return areaIndex > 0 ? _territorialUnit[areaIndex] : 0;
        }

        return rule.LeadActive ? rule.Rule.LeadDepartmentId!.Value : 0;
    }

    private IEnumerable<long> Assists(CompiledRule rule, int areaIndex, long lead)
    {
        var seen = new HashSet<long> { lead };
        foreach (var id in rule.Rule.AssistDepartmentIds)
        {
            if (_activeDepartments.Contains(id) && seen.Add(id))
            {
                yield return id;
            }
        }

        if (rule.Rule.AssistTerritorial && areaIndex > 0 && _territorialUnit[areaIndex] is var unit and not 0 && seen.Add(unit))
        {
            yield return unit;
        }
    }

    private int AreaIndex(long? areaId) => areaId is { } a ? _areaIndex.GetValueOrDefault(a) : 0;

    private RuleVerdict Verdict(CompiledRule loser, CompiledRule? winner, RoutingInput input, int areaIndex)
    {
        var rule = loser.Rule;
        var leadName = rule.LeadTerritorial ? RoutingText.Territorial : rule.LeadDepartmentId is { } d ? DepartmentName(d) : null;
        RuleVerdict Lost(LossReason reason, string text) => new(rule.RuleNo, rule.Name, leadName, reason, text);
        if (Lead(loser, areaIndex) == 0)
        {
            return rule.LeadTerritorial
                ? Lost(LossReason.NoTerritorialUnit, input.AreaId is null ? "工单未填区域，无法确定属地单位" : $"区域「{AreaName(input.AreaId)}」找不到属地承办单位")
                : Lost(LossReason.LeadInactive, $"主办单位「{leadName}」已停用");
        }

        var w = winner!;
        if (loser.AreaDepth != w.AreaDepth)
        {
            return Lost(LossReason.LessSpecificArea, $"区域不如胜出规则具体（{AreaName(rule.AreaId)} / {AreaName(w.Rule.AreaId)}）");
        }

        if (loser.CategoryDepth != w.CategoryDepth)
        {
            return Lost(LossReason.LessSpecificCategory, $"类别不如胜出规则具体（{CategoryName(rule.CategoryId)} / {CategoryName(w.Rule.CategoryId)}）");
        }

        if (loser.Conditions != w.Conditions)
        {
            return Lost(LossReason.FewerConditions, $"条件更少（{loser.Conditions} 项 / {w.Conditions} 项）");
        }

        if (rule.Priority != w.Rule.Priority)
        {
            return Lost(LossReason.LowerPriority, $"优先级更低（{rule.Priority} / {w.Rule.Priority}）");
        }

        return Lost(LossReason.LaterRule, $"具体程度和优先级相同，规则编号靠后（第{rule.RuleNo}条 / 第{w.Rule.RuleNo}条）");
    }

    private List<MatchReason> Why(CompiledRule winner, RoutingInput input, string text)
    {
        var rule = winner.Rule;
        var why = new List<MatchReason>();
        if (rule.CategoryId is { } category)
        {
            why.Add(new MatchReason(RuleCondition.Category, input.CategoryId == category
                ? $"类别为「{CategoryName(category)}」"
                : $"类别「{CategoryName(input.CategoryId)}」属于「{CategoryName(category)}」"));
        }

        if (rule.AreaId is { } area)
        {
            why.Add(new MatchReason(RuleCondition.Area, input.AreaId == area
                ? $"区域为「{AreaName(area)}」"
                : $"区域「{AreaName(input.AreaId)}」属于「{AreaName(area)}」"));
        }

        if (rule.AppealType is { } appealType)
        {
            why.Add(new MatchReason(RuleCondition.AppealType, $"诉求类型为{RoutingText.AppealTypes[appealType]}"));
        }

        if (rule.Channel is { } channel)
        {
            why.Add(new MatchReason(RuleCondition.Channel, $"渠道为{RoutingText.Channels[channel]}"));
        }

        if (winner.Keywords.Length > 0)
        {
            var hits = rule.Keywords.Where(k => TextNormalizer.Normalize(k) is { Length: > 0 } folded && text.Contains(folded, StringComparison.Ordinal));
            why.Add(new MatchReason(RuleCondition.Keywords, $"内容含关键词「{string.Join("、", hits)}」"));
        }

        if (winner.Excluded.Length > 0)
        {
            why.Add(new MatchReason(RuleCondition.ExcludedKeywords, $"内容不含排除词「{string.Join("、", rule.ExcludedKeywords)}」"));
        }

        if (rule.EffectiveFromUtc is not null || rule.EffectiveToUtc is not null)
        {
            why.Add(new MatchReason(RuleCondition.EffectiveDates,
                $"在有效期内（{rule.EffectiveFromUtc?.ToString("yyyy-MM-dd HH:mm") ?? "不限"} 至 {rule.EffectiveToUtc?.ToString("yyyy-MM-dd HH:mm") ?? "不限"}，UTC）"));
        }

        if (why.Count == 0)
        {
            why.Add(new MatchReason(RuleCondition.CatchAll, "兜底规则：不限条件"));
        }

        return why;
    }

    private string DepartmentName(long id) => _departmentNames.GetValueOrDefault(id, id.ToString());

    private string CategoryName(long? id) => id is { } c ? _categoryNames.GetValueOrDefault(c, c.ToString()) : "不限";

    private string AreaName(long? id) => id is { } a ? _areaNames.GetValueOrDefault(a, a.ToString()) : "不限";

    private static long Key(int category, int area) => ((long)category << 32) | (uint)area;

    /// <summary>Dense indexes (from 1; 0 is "any") and, per node, its chain: itself, its ancestors, then 0.</summary>
    private static int[][] Chains(List<(long Id, long? ParentId)> nodes, Dictionary<long, int> index)
    {
        foreach (var (id, _) in nodes)
        {
            index[id] = index.Count + 1;
        }

        var parents = nodes.ToDictionary(n => n.Id, n => n.ParentId);
        var chains = new int[nodes.Count + 1][];
        chains[0] = AnyChain;
        foreach (var (id, _) in nodes)
        {
            var chain = new List<int>();
            var seen = new HashSet<long>();
            for (long? node = id; node is { } n && parents.ContainsKey(n) && seen.Add(n); node = parents[n])
            {
                chain.Add(index[n]); // a cycle in bad data stops here instead of looping
            }

            chain.Add(0);
            chains[index[id]] = [.. chain];
        }

        return chains;
    }
}

/// <summary>A rule prepared for matching: dense node indexes, enum ordinals, ticks and normalised keywords.</summary>
public sealed class CompiledRule
{
    internal CompiledRule(RoutingRule rule, int categoryIndex, int areaIndex, int categoryDepth, int areaDepth, bool leadActive)
    {
        Rule = rule;
        CategoryIndex = categoryIndex;
        AreaIndex = areaIndex;
        CategoryDepth = categoryDepth;
        AreaDepth = areaDepth;
        LeadActive = leadActive;
        AppealType = rule.AppealType is { } t ? (int)t : -1;
        Channel = rule.Channel is { } c ? (int)c : -1;
        FromTicks = rule.EffectiveFromUtc?.Ticks ?? long.MinValue;
        ToTicks = rule.EffectiveToUtc?.Ticks ?? long.MaxValue;
        Keywords = rule.Keywords.Select(TextNormalizer.Normalize).Where(k => k.Length > 0).ToArray();
        Excluded = rule.ExcludedKeywords.Select(TextNormalizer.Normalize).Where(k => k.Length > 0).ToArray();
        HasKeywords = Keywords.Length > 0 || Excluded.Length > 0;
        Conditions = (rule.CategoryId is null ? 0 : 1) + (rule.AreaId is null ? 0 : 1) + (AppealType < 0 ? 0 : 1)
            + (Channel < 0 ? 0 : 1) + (Keywords.Length > 0 ? 1 : 0) + (Excluded.Length > 0 ? 1 : 0);
    }

    public RoutingRule Rule { get; }
    internal int CategoryIndex { get; }
    internal int AreaIndex { get; }
    internal int CategoryDepth { get; }
    internal int AreaDepth { get; }
    internal bool LeadActive { get; }
    internal int AppealType { get; }
    internal int Channel { get; }
    internal long FromTicks { get; }
    internal long ToTicks { get; }
    internal string[] Keywords { get; }
    internal string[] Excluded { get; }
    internal bool HasKeywords { get; }
    internal int Conditions { get; }
    /// <summary>Rank in the whole list: lower wins.</summary>
    internal int Order { get; set; }

    internal bool KeywordsMatch(ReadOnlySpan<char> text)
    {
        foreach (var excluded in Excluded)
        {
            if (text.Contains(excluded, StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (Keywords.Length == 0)
        {
            return true;
        }

        foreach (var keyword in Keywords)
        {
            if (text.Contains(keyword, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Most specific first: deeper area, deeper category, more conditions, higher priority, lower number.</summary>
    internal static int Compare(CompiledRule x, CompiledRule y)
    {
        var c = y.AreaDepth.CompareTo(x.AreaDepth);
        if (c == 0) c = y.CategoryDepth.CompareTo(x.CategoryDepth);
        if (c == 0) c = y.Conditions.CompareTo(x.Conditions);
        if (c == 0) c = y.Rule.Priority.CompareTo(x.Rule.Priority);
        if (c == 0) c = x.Rule.RuleNo.CompareTo(y.Rule.RuleNo);
        return c;
    }
}
