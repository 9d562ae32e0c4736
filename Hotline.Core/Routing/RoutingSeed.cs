using Dapper;
using Hotline.Core.Data;
using Hotline.Core.Tickets;

namespace Hotline.Core.Routing;

/// <summary>
/// A demo responsibility list of about a hundred rules over the demo directory (DemoSeed): one rule per common
/// category, fallbacks at the parent categories, keyword and appeal-type refinements, street and community
/// exceptions and a few seasonal campaigns. Published as version 1. Runs once, when the list is empty and the demo
/// directory is there.
/// </summary>
public sealed class RoutingSeed(Database db, RoutingService routing, IdGenerator ids, TimeProvider time)
{
    private const string T = RoutingText.Territorial;

    private sealed record Demo(string Name, string? Category, string? Area, string Lead, string[]? Assists = null, string[]? Keywords = null,
        string[]? Excluded = null, AppealType? AppealType = null, Channel? Channel = null, int Priority = 0, DateTime? From = null, DateTime? To = null);

    private static readonly Demo[] Rules = BuildRules();

    public static int RuleCount => Rules.Length;

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        return await db.WriteAsync(async (c, tx, token) =>
        {
            if (await c.ExecuteScalarAsync<int>(new CommandDefinition(RoutingSql.CountRules, transaction: tx, cancellationToken: token)) > 0)
            {
                return false;
            }

            var dir = await RoutingDirectory.LoadAsync(c, tx, token);
            var categories = dir.Categories.Values.GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.First().Id);
            var areas = dir.Areas.Values.ToDictionary(a => a.Code, a => a.Id);
            var departments = dir.Departments.Values.ToDictionary(d => d.Code, d => d.Id);
            var needed = Rules.SelectMany(r => (r.Assists ?? []).Append(r.Lead)).Where(d => d != T).Distinct();
            if (needed.Any(d => !departments.ContainsKey(d)) || !areas.ContainsKey("LJ05") || !categories.ContainsKey("噪音扰民"))
            {
                return false; // not the demo directory: leave the list to the administrators
            }

            var now = time.GetUtcNow().UtcDateTime;
            var rows = Rules.Select((r, i) => RoutingRuleRow.Args(new RoutingRule
            {
                RuleNo = i + 1,
                Name = r.Name,
                CategoryId = r.Category is null ? null : categories[r.Category],
                AreaId = r.Area is null ? null : areas[r.Area],
                AppealType = r.AppealType,
                Channel = r.Channel,
                Keywords = r.Keywords ?? [],
                ExcludedKeywords = r.Excluded ?? [],
                LeadDepartmentId = r.Lead == T ? null : departments[r.Lead],
                LeadTerritorial = r.Lead == T,
                AssistDepartmentIds = (r.Assists ?? []).Where(a => a != T).Select(a => departments[a]).ToList(),
                AssistTerritorial = (r.Assists ?? []).Contains(T),
                Priority = r.Priority,
                EffectiveFromUtc = r.From,
                EffectiveToUtc = r.To,
            }, ids.NewId(), 0, now)).ToList();
            await c.ExecuteAsync(new CommandDefinition(RoutingSql.InsertRule, rows, tx, cancellationToken: token));
            await routing.PublishDraftAsync(c, tx, "演示责任清单", null, now, token);
            return true;
        }, ct);
    }

    /// <summary>Midnight of a local (UTC+8) date, in UTC.</summary>
    private static DateTime Day(int year, int month, int day) => new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc).AddHours(-8);

    private static Demo[] BuildRules()
    {
        var rules = new List<Demo>
        {
            // One rule per common matter: the department that answers for it anywhere in the district.
            new("噪音扰民属地处置", "噪音扰民", null, T),
            new("油烟污染", "油烟污染", null, "CGJ", ["STHJJ"]),
            new("大气污染", "大气污染", null, "STHJJ"),
            new("水体污染", "水体污染", null, "STHJJ"),
            new("违章搭建", "违章搭建", null, "CGJ", [T]),
            new("占道经营", "占道经营", null, "CGJ"),
            new("垃圾清运", "垃圾清运", null, "CGJ"),
            new("路灯故障", "路灯故障", null, "CGJ"),
            new("井盖缺失", "井盖缺失", null, "CGJ"),
            new("违章停车", "违章停车", null, "JJDD"),
            new("道路破损", "道路破损", null, "JTJ"),
            new("公交服务", "公交服务", null, "JTJ"),
            new("供水问题", "供水问题", null, "GSGS"),
            new("停电断电", "停电断电", null, "GDGS"),
            new("燃气安全", "燃气安全", null, "ZJJ"),
            new("物业纠纷", "物业纠纷", null, "ZJJ", [T]),
            new("房屋质量", "房屋质量", null, "ZJJ"),
            new("电梯故障", "电梯故障", null, "SCJGJ"),
            new("拖欠工资", "拖欠工资", null, "RSJ"),
            new("社保医保", "社保医保", null, "RSJ"),
            new("劳动合同", "劳动合同", null, "RSJ"),
            new("食品安全", "食品安全", null, "SCJGJ"),
            new("消费纠纷", "消费纠纷", null, "SCJGJ"),
            new("价格违法", "价格违法", null, "SCJGJ"),
            new("校外培训", "校外培训", null, "JYJ"),
            new("入学咨询", "入学咨询", null, "JYJ"),

            // Fallbacks at the parent categories (a new sub-category still lands somewhere sensible).
            new("环境保护（兜底）", "环境保护", null, "STHJJ"),
            new("城市管理（兜底）", "城市管理", null, "CGJ"),
            new("交通出行（兜底）", "交通出行", null, "JTJ"),
            new("水电气（兜底）", "水电气", null, "ZJJ"),
            new("住房物业（兜底）", "住房物业", null, "ZJJ"),
            new("劳动保障（兜底）", "劳动保障", null, "RSJ"),
            new("市场监管（兜底）", "市场监管", null, "SCJGJ"),
            new("教育（兜底）", "教育", null, "JYJ"),

            // What the caller says refines the matter.
            new("建筑施工噪音", "噪音扰民", null, "CGJ", ["ZJJ"], ["施工", "工地", "打桩", "夜间作业"]),
            new("工业噪音", "噪音扰民", null, "STHJJ", null, ["工厂", "厂房", "企业", "机器"]),
            new("广场舞等生活噪音", "噪音扰民", null, T, null, ["广场舞", "音响", "喇叭"]),
            new("娱乐场所噪音", "噪音扰民", null, "CGJ", [T], ["酒吧", "KTV", "歌厅"]),
            new("装修噪音", "噪音扰民", null, T, ["ZJJ"], ["装修"]),
            new("餐饮油烟", "油烟污染", null, "CGJ", ["SCJGJ"], ["餐馆", "饭店", "烧烤", "餐饮"]),
            new("露天焚烧", "大气污染", null, T, ["STHJJ"], ["焚烧", "秸秆"]),
            new("工地扬尘", "大气污染", null, "CGJ", ["ZJJ"], ["扬尘", "渣土"]),
            new("企业排污", "水体污染", null, "STHJJ", null, ["排污", "污水直排"]),
            new("流动摊贩", "占道经营", null, T, ["CGJ"], ["流动摊贩", "夜市"]),
            new("占用消防通道", "违章停车", null, "JJDD", [T], ["消防通道"], Priority: 10),
            new("路面井盖", "道路破损", null, "CGJ", null, ["井盖"]),
            new("水质问题", "供水问题", null, "GSGS", ["STHJJ"], ["水质", "发黄", "异味"]),
            new("非欠费停电", "停电断电", null, "GDGS", null, null, ["欠费", "缴费"], Priority: 5),
            new("欠费停电咨询", "停电断电", null, "GDGS", null, ["欠费", "缴费"]),
            new("小区电梯", "物业纠纷", null, "SCJGJ", ["ZJJ"], ["电梯"]),
            new("农民工欠薪", "拖欠工资", null, "RSJ", ["ZJJ"], ["农民工", "工地"], Priority: 10),
            new("外卖食品", "食品安全", null, "SCJGJ", null, ["外卖"]),
            new("预付卡纠纷", "消费纠纷", null, "SCJGJ", [T], ["预付卡", "办卡", "跑路"]),
            new("燃气泄漏", "燃气安全", null, "ZJJ", [T], ["泄漏", "燃气味", "煤气味"], Priority: 50),
            new("燃气井盖", "井盖缺失", null, "ZJJ", ["CGJ"], ["燃气", "天然气"], Priority: 10),
            new("信号灯故障", "路灯故障", null, "JJDD", null, ["红绿灯", "信号灯"]),
            new("出租车网约车", "公交服务", null, "JTJ", null, ["出租车", "网约车"]),
            new("工伤认定", "劳动合同", null, "RSJ", null, ["工伤"]),

            // Appeal type and channel.
            new("食品安全举报", "食品安全", null, "SCJGJ", null, AppealType: AppealType.Report, Priority: 20),
            new("价格违法举报", "价格违法", null, "SCJGJ", null, AppealType: AppealType.Report),
            new("社保政策咨询", "社保医保", null, "RSJ", null, AppealType: AppealType.Consultation),
            new("入学政策咨询", "入学咨询", null, "JYJ", null, AppealType: AppealType.Consultation),
            new("上级转办校外培训", "校外培训", null, "JYJ", ["SCJGJ"], Channel: Channel.Forwarded),

            // Community exceptions.
            new("滨江社区沿江水体", "水体污染", "LJ0101", "STHJJ", [T]),
            new("望江社区重点工地", "噪音扰民", "LJ0102", "ZJJ", ["CGJ"], ["施工", "工地"]),
            new("临港社区港区大气", "大气污染", "LJ0103", "STHJJ", [T], Priority: 10),
            new("府前社区停车", "违章停车", "LJ0201", "JJDD", ["CGJ"]),
            new("文庙社区景区占道", "占道经营", "LJ0202", "CGJ", [T]),
            new("北门社区垃圾清运", "垃圾清运", "LJ0203", "CGJ"),
            new("新华社区餐饮油烟", "油烟污染", "LJ0301", "SCJGJ", ["CGJ"]),
            new("和平社区老旧电梯", "电梯故障", "LJ0302", "SCJGJ", ["ZJJ"]),
            new("东湖社区湖体", "水体污染", "LJ0401", "STHJJ", [T]),
            new("湖畔社区广场舞", "噪音扰民", "LJ0402", T, ["CGJ"], ["广场舞"]),
            new("梅园社区房屋质量", "房屋质量", "LJ0403", "ZJJ", [T]),
            new("青山村秸秆焚烧", "大气污染", "LJ0501", T, ["STHJJ"], ["焚烧", "秸秆"], Priority: 10),
            new("石桥村道路", "道路破损", "LJ0502", "JTJ", [T]),

            // Town-specific (青山镇 manages its own rural matters).
            new("青山镇违章搭建", "违章搭建", "LJ05", T, ["CGJ"]),
            new("青山镇路灯", "路灯故障", "LJ05", T),
            new("青山镇农村供水", "供水问题", "LJ05", T, ["GSGS"]),
            new("青山镇乡村道路", "道路破损", "LJ05", T, ["JTJ"]),
            new("江滨街道沿江水体", "水体污染", "LJ01", "STHJJ", [T]),
            new("城关街道老城停车", "违章停车", "LJ02", "JJDD", [T]),

            // Seasonal campaigns (effective dates).
            new("2026暑期校外培训专项", "校外培训", null, "JYJ", ["SCJGJ"], Priority: 10, From: Day(2026, 7, 1), To: Day(2026, 9, 1)),
            new("2026夏收秸秆禁烧", "大气污染", null, T, ["STHJJ"], ["秸秆", "焚烧"], Priority: 20, From: Day(2026, 5, 20), To: Day(2026, 7, 10)),
            new("2026高考静音施工管控", "噪音扰民", null, "CGJ", ["STHJJ"], ["施工", "工地"], Priority: 30, From: Day(2026, 6, 5), To: Day(2026, 6, 11)),
        };

        // Streets handle street-level matters in their own area.
        foreach (var street in new[] { "LJ01", "LJ02", "LJ03", "LJ04", "LJ05" })
        {
            rules.Add(new($"{street}占道经营属地处置", "占道经营", street, T, ["CGJ"]));
            rules.Add(new($"{street}垃圾清运属地处置", "垃圾清运", street, T, ["CGJ"]));
            rules.Add(new($"{street}物业纠纷属地调解", "物业纠纷", street, T, ["ZJJ"]));
        }

        return [.. rules];
    }
}
