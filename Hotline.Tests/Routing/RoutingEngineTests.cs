using Hotline.Core.Directory;
using Hotline.Core.Routing;
using Hotline.Core.Tickets;

namespace Hotline.Tests.Routing;

/// <summary>The decision on a small hand-made directory: specificity, ties, dates, keywords, territorial units.</summary>
public sealed class RoutingEngineTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 2, 0, 0, DateTimeKind.Utc);

    // Categories: 环境保护(1) > 噪音扰民(11), 油烟污染(12); 城市管理(2) > 占道经营(21).
    private static readonly List<Category> Categories =
    [
        new() { Id = 1, Code = "HJ", Name = "环境保护", IsActive = true },
        new() { Id = 11, Code = "HJ01", Name = "噪音扰民", ParentId = 1, IsActive = true },
        new() { Id = 12, Code = "HJ02", Name = "油烟污染", ParentId = 1, IsActive = true },
        new() { Id = 2, Code = "SR", Name = "城市管理", IsActive = true },
        new() { Id = 21, Code = "SR01", Name = "占道经营", ParentId = 2, IsActive = true },
    ];

    // Areas: 临江区(100) > 江滨街道(110) > 滨江社区(111); 临江区 > 城关街道(120) > 府前社区(121); 临江区 > 新区(130, no unit).
    private static readonly List<Area> Areas =
    [
        new() { Id = 100, Code = "LJ", Name = "临江区", Level = AreaLevel.District, IsActive = true },
        new() { Id = 110, Code = "LJ01", Name = "江滨街道", Level = AreaLevel.Street, ParentId = 100, IsActive = true },
        new() { Id = 111, Code = "LJ0101", Name = "滨江社区", Level = AreaLevel.Community, ParentId = 110, IsActive = true },
        new() { Id = 120, Code = "LJ02", Name = "城关街道", Level = AreaLevel.Street, ParentId = 100, IsActive = true },
        new() { Id = 121, Code = "LJ0201", Name = "府前社区", Level = AreaLevel.Community, ParentId = 120, IsActive = true },
        new() { Id = 130, Code = "LJ09", Name = "新区", Level = AreaLevel.Street, ParentId = 100, IsActive = true },
    ];

    private const long Cgj = 1001, Sthjj = 1002, Zjj = 1003, Closed = 1009, Lj01 = 2001, Lj02 = 2002;

    private static readonly List<Department> Departments =
    [
        new() { Id = Cgj, Code = "CGJ", Name = "区城管局", Kind = DepartmentKind.Functional, IsActive = true },
        new() { Id = Sthjj, Code = "STHJJ", Name = "区生态环境局", Kind = DepartmentKind.Functional, IsActive = true },
        new() { Id = Zjj, Code = "ZJJ", Name = "区住建局", Kind = DepartmentKind.Functional, IsActive = true },
        new() { Id = Closed, Code = "OLD", Name = "已撤并单位", Kind = DepartmentKind.Functional, IsActive = false },
        new() { Id = Lj01, Code = "LJ01", Name = "江滨街道办事处", Kind = DepartmentKind.Territorial, AreaId = 110, IsActive = true },
        new() { Id = Lj02, Code = "LJ02", Name = "城关街道办事处", Kind = DepartmentKind.Territorial, AreaId = 120, IsActive = true },
    ];

    private static RoutingRule Rule(int no, long? category = null, long? area = null, long? lead = Cgj, int priority = 0,
        AppealType? appealType = null, Channel? channel = null, string[]? keywords = null, string[]? excluded = null,
        bool territorial = false, long[]? assists = null, DateTime? from = null, DateTime? to = null) => new()
        {
            Id = 9000 + no, Version = 1, RuleNo = no, Name = $"规则{no}", CategoryId = category, AreaId = area,
            AppealType = appealType, Channel = channel, Keywords = keywords ?? [], ExcludedKeywords = excluded ?? [],
            LeadDepartmentId = territorial ? null : lead, LeadTerritorial = territorial, AssistDepartmentIds = assists ?? [],
            Priority = priority, EffectiveFromUtc = from, EffectiveToUtc = to,
        };

    private static RoutingEngine Engine(params RoutingRule[] rules) =>
        RoutingEngine.Build(new RoutingSnapshot(1, false, rules, Categories, Areas, Departments));

    private static RoutingInput Call(long? category = 11, long? area = 111, string title = "夜间噪音", string content = "楼下每天晚上很吵",
        AppealType? appealType = AppealType.Complaint, Channel? channel = Channel.Phone) =>
        new(category, area, appealType, channel, title, content);

    [Fact]
    public void Deeper_area_beats_deeper_category()
    {
        var engine = Engine(
            Rule(1, category: 11, area: 100, lead: Sthjj),  // exact category, district
            Rule(2, category: 1, area: 110, lead: Cgj));    // parent category, street: deeper area wins
        var decision = engine.Decide(Call(), Now);
        Assert.Equal(RoutingOutcome.Matched, decision.Outcome);
        Assert.Equal(2, decision.RuleNo);
        Assert.Equal(Cgj, decision.LeadDepartmentId);
        var loser = Assert.Single(decision.Others);
        Assert.Equal((1, LossReason.LessSpecificArea), (loser.RuleNo, loser.Reason));
        Assert.Contains("临江区", loser.Text);
    }

    [Fact]
    public void Deeper_category_then_more_conditions_then_priority_then_rule_number()
    {
        var engine = Engine(
            Rule(1, category: 1, area: 110, lead: Sthjj, priority: 100),
            Rule(2, category: 11, area: 110, lead: Cgj),
            Rule(3, category: 11, area: 110, lead: Zjj, appealType: AppealType.Complaint),
            Rule(4, category: 11, area: 110, lead: Lj01, appealType: AppealType.Complaint, priority: 5),
            Rule(5, category: 11, area: 110, lead: Lj02, appealType: AppealType.Complaint, priority: 5));
        var decision = engine.Decide(Call(), Now);
        Assert.Equal(4, decision.RuleNo);
        Assert.Equal(
            [(5, LossReason.LaterRule), (3, LossReason.LowerPriority), (2, LossReason.FewerConditions), (1, LossReason.LessSpecificCategory)],
            decision.Others.Select(o => (o.RuleNo, o.Reason)).ToList());
        Assert.Equal(4, engine.Match(Call(), Now, []).RuleNo);
    }

    [Fact]
    public void Ties_are_broken_by_rule_number_whatever_the_input_order()
    {
        var forward = Engine(Rule(7, category: 11, lead: Cgj), Rule(3, category: 11, lead: Sthjj));
        var backward = Engine(Rule(3, category: 11, lead: Sthjj), Rule(7, category: 11, lead: Cgj));
        Assert.Equal(3, forward.Decide(Call(), Now).RuleNo);
        Assert.Equal(3, backward.Decide(Call(), Now).RuleNo);
        Assert.Equal(LossReason.LaterRule, Assert.Single(forward.Decide(Call(), Now).Others).Reason);
    }

    [Fact]
    public void Subtrees_match_and_other_branches_do_not()
    {
        var engine = Engine(Rule(1, category: 2, area: 120, lead: Cgj));
        Assert.Equal(RoutingOutcome.NoRule, engine.Decide(Call(category: 11, area: 121), Now).Outcome); // other category branch
        Assert.Equal(RoutingOutcome.NoRule, engine.Decide(Call(category: 21, area: 111), Now).Outcome); // other street
        Assert.Equal(RoutingOutcome.NoRule, engine.Decide(Call(category: 21, area: null), Now).Outcome); // area unknown yet
        var decision = engine.Decide(Call(category: 21, area: 121), Now);
        Assert.Equal(1, decision.RuleNo);
        Assert.Equal(["类别「占道经营」属于「城市管理」", "区域「府前社区」属于「城关街道」"], decision.Why.Select(w => w.Text).ToList());
    }

    [Fact]
    public void Appeal_type_and_channel_must_match_when_the_rule_names_them()
    {
        var engine = Engine(Rule(1, category: 11, appealType: AppealType.Report, channel: Channel.Web));
        Assert.Equal(RoutingOutcome.NoRule, engine.Decide(Call(appealType: AppealType.Complaint, channel: Channel.Web), Now).Outcome);
        Assert.Equal(RoutingOutcome.NoRule, engine.Decide(Call(appealType: AppealType.Report, channel: Channel.Phone), Now).Outcome);
        Assert.Equal(RoutingOutcome.NoRule, engine.Decide(Call(appealType: null, channel: Channel.Web), Now).Outcome);
        Assert.Equal(1, engine.Decide(Call(appealType: AppealType.Report, channel: Channel.Web), Now).RuleNo);
    }

    [Fact]
    public void Effective_dates_include_the_start_and_exclude_the_end()
    {
        var from = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc);
        var engine = Engine(Rule(1, category: 11, lead: Sthjj, from: from, to: to), Rule(2, category: 1, lead: Cgj));
        Assert.Equal(2, engine.Decide(Call(), from.AddTicks(-1)).RuleNo);
        Assert.Equal(1, engine.Decide(Call(), from).RuleNo);
        Assert.Equal(1, engine.Decide(Call(), to.AddTicks(-1)).RuleNo);
        Assert.Equal(2, engine.Decide(Call(), to).RuleNo);
        Assert.Contains(engine.Decide(Call(), from).Why, w => w.Condition == RuleCondition.EffectiveDates);
    }

    [Fact]
    public void Chinese_keywords_match_through_spaces_and_full_width_letters()
    {
        var engine = Engine(
            Rule(1, category: 11, lead: Zjj, keywords: ["施工", "工地", "KTV"]),
            Rule(2, category: 11, lead: Cgj));
        Assert.Equal(1, engine.Decide(Call(title: "夜间 施 工", content: "影响休息"), Now).RuleNo);
        Assert.Equal(1, engine.Decide(Call(title: "噪音", content: "楼下ｋｔｖ唱到凌晨"), Now).RuleNo); // full-width, lower case
        Assert.Equal(1, engine.Decide(Call(title: "噪音", content: "楼下\u3000Ｋ Ｔ Ｖ"), Now).RuleNo);  // ideographic space
        var plain = engine.Decide(Call(title: "噪音", content: "邻居装修"), Now);
        Assert.Equal(2, plain.RuleNo);
        Assert.Empty(plain.Others); // the keyword rule did not match at all
        var hit = engine.Decide(Call(title: "工地噪音", content: "ktv"), Now);
        Assert.Equal("内容含关键词「工地、KTV」", hit.Why.Single(w => w.Condition == RuleCondition.Keywords).Text);
    }

    [Fact]
    public void Keywords_match_across_full_width_in_the_rule_too_and_never_across_title_and_content()
    {
        var engine = Engine(Rule(1, category: 11, keywords: ["１２３４５ 热线"]), Rule(2, category: 11, keywords: ["噪音楼下"], lead: Sthjj));
        Assert.Equal(1, engine.Decide(Call(title: "打12345热线", content: "x"), Now).RuleNo);
        Assert.Equal(RoutingOutcome.NoRule, engine.Decide(Call(title: "噪音", content: "楼下"), Now).Outcome);
    }

    [Fact]
    public void Excluded_keywords_rule_a_rule_out()
    {
        var engine = Engine(
            Rule(1, category: 11, lead: Sthjj, keywords: ["工厂", "企业"], excluded: ["已搬迁"]),
            Rule(2, category: 11, lead: Cgj));
        Assert.Equal(1, engine.Decide(Call(content: "工厂机器声很大"), Now).RuleNo);
        Assert.Equal(2, engine.Decide(Call(content: "工厂 已 搬迁，还有噪音"), Now).RuleNo);
    }

    [Fact]
    public void Territorial_lead_is_the_unit_of_the_area_or_its_nearest_ancestor()
    {
        var engine = Engine(Rule(1, category: 11, territorial: true, assists: [Cgj]));
        var community = engine.Decide(Call(area: 111), Now);
        Assert.Equal(Lj01, community.LeadDepartmentId);
        Assert.Equal("江滨街道办事处", community.LeadDepartmentName);
        Assert.Equal([Cgj], community.AssistDepartments.Select(a => a.Id).ToList());
        Assert.Contains("（属地）主办", community.Summary);
        Assert.Equal(Lj02, engine.Decide(Call(area: 121), Now).LeadDepartmentId);
        Assert.Equal(Lj02, engine.Decide(Call(area: 120), Now).LeadDepartmentId);
    }

    [Fact]
    public void A_territorial_rule_without_a_unit_gives_way_to_the_next_rule()
    {
        var engine = Engine(
            Rule(1, category: 11, area: 100, territorial: true, priority: 10),
            Rule(2, category: 11, lead: Cgj));
        var decision = engine.Decide(Call(area: 130), Now); // 新区 has no street office
        Assert.Equal(2, decision.RuleNo);
        Assert.Equal(LossReason.NoTerritorialUnit, Assert.Single(decision.Others).Reason);

        var noArea = Engine(Rule(1, category: 11, territorial: true)).Decide(Call(area: null), Now);
        Assert.Equal(RoutingOutcome.NoRule, noArea.Outcome);
        Assert.Equal(LossReason.NoTerritorialUnit, Assert.Single(noArea.Others).Reason);
        Assert.Contains("no rule", noArea.Summary);
    }

    [Fact]
    public void Territorial_assist_is_added_and_an_inactive_lead_never_wins()
    {
        var engine = Engine(
            Rule(1, category: 11, lead: Closed, priority: 50),
            Rule(2, category: 11, lead: Cgj, assists: [Sthjj, Closed]) with { AssistTerritorial = true });
        var decision = engine.Decide(Call(area: 121), Now);
        Assert.Equal(2, decision.RuleNo);
        Assert.Equal([Sthjj, Lj02], decision.AssistDepartments.Select(a => a.Id).ToList());
        Assert.Equal(LossReason.LeadInactive, Assert.Single(decision.Others).Reason);
    }

    [Fact]
    public void No_rule_and_the_empty_list_say_so()
    {
        var decision = RoutingEngine.Empty.Decide(Call(), Now);
        Assert.Equal(RoutingOutcome.NoRule, decision.Outcome);
        Assert.Null(decision.RuleNo);
        Assert.Contains("no rule", decision.Summary);
        Assert.False(RoutingEngine.Empty.Match(Call(), Now, []).IsMatch);
    }

    [Fact]
    public void A_catch_all_rule_matches_anything_last()
    {
        var engine = Engine(Rule(1, territorial: true), Rule(2, category: 12, lead: Cgj));
        Assert.Equal(1, engine.Decide(Call(category: 11), Now).RuleNo);
        var oil = engine.Decide(Call(category: 12, area: 111), Now);
        Assert.Equal(2, oil.RuleNo);
        Assert.Equal(LossReason.LessSpecificCategory, Assert.Single(oil.Others).Reason);
        Assert.Equal(RuleCondition.CatchAll, Assert.Single(engine.Decide(Call(category: 11), Now).Why).Condition);
    }

    [Theory]
    [InlineData("ＡＢＣ　１２３", "abc123")]
    [InlineData(" 噪 音\t扰\n民 ", "噪音扰民")]
    [InlineData("Ｋtv（包间）", "ktv(包间)")]
    [InlineData("零\u200B宽", "零宽")]
    public void Normalisation_folds_width_case_and_whitespace(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));
}
