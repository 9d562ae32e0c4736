using System.Net;
using System.Net.Http.Json;
using System.Text;
using CsvHelper;
using Hotline.Core.Routing;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;

namespace Hotline.Tests.Routing;

/// <summary>The real Api with auto-dispatch on (the product default) and the seeded demo responsibility list.</summary>
public sealed class AutoDispatchApp : IDisposable
{
    public HotlineApp App { get; } = new() { AutoDispatch = true };

    public void Dispose() => App.Dispose();
}

/// <summary>The responsibility list through real HTTP on a fresh SQLite file.</summary>
public sealed class RoutingApiTests(AutoDispatchApp fixture) : IClassFixture<AutoDispatchApp>
{
    private readonly HotlineApp _app = fixture.App;

    private static object Input(HotlineApp.Directory dir, string category, string? area, string title, string content, string appealType = "Complaint") => new
    {
        categoryId = dir.Category(category), areaId = area is null ? (long?)null : dir.Area(area), appealType, channel = "Phone", title, content,
    };

    private static async Task<RoutingDecision> DecideAsync(ApiClient client, object input, bool draft = false)
    {
        var response = await client.PostAsync("/api/routing/decide" + (draft ? "?draft=true" : ""), input);
        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<RoutingDecision>(HotlineApp.Json))!;
    }

    private static object NewRule(string name, long category, long? area, long lead, int priority = 0, string[]? keywords = null) => new
    {
        name, categoryId = category, areaId = area, keywords = keywords ?? [], excludedKeywords = Array.Empty<string>(),
        leadDepartmentId = lead, leadTerritorial = false, assistDepartmentIds = Array.Empty<long>(), assistTerritorial = false, priority,
    };

    [Fact]
    public async Task The_demo_list_is_published_and_decides_with_its_reasons()
    {
        var agent = await _app.LoginAsync("agent");
        var dir = await _app.DirectoryAsync();
        var decision = await DecideAsync(agent, Input(dir, "噪音扰民", "望江社区", "工地夜间施工", "每天晚上十点以后工地还在施工"));
        Assert.Equal(RoutingOutcome.Matched, decision.Outcome);
        Assert.NotNull(decision.Version); // 1, the demo list, unless another test of this class published since
        Assert.Equal("望江社区重点工地", decision.RuleName);
        Assert.Equal(dir.Department("ZJJ"), decision.LeadDepartmentId);
        Assert.Equal([dir.Department("CGJ")], decision.AssistDepartments.Select(a => a.Id).ToList());
        Assert.Contains(decision.Why, w => w.Condition == RuleCondition.Area && w.Text == "区域为「望江社区」");
        Assert.Contains(decision.Why, w => w.Condition == RuleCondition.Keywords && w.Text.Contains("施工", StringComparison.Ordinal));
        // The district-wide construction rule and the plain noise rule matched too, and lost to the community rule.
        Assert.Contains(decision.Others, o => o.Name == "建筑施工噪音" && o.Reason == LossReason.LessSpecificArea);
        Assert.Contains(decision.Others, o => o.Name == "噪音扰民属地处置" && o.Reason == LossReason.LessSpecificArea);

        // Territorial: plain noise in a community goes to its street office.
        var plain = await DecideAsync(agent, Input(dir, "噪音扰民", "滨江社区", "楼上噪音", "楼上每天很吵"));
        Assert.Equal(dir.Department("LJ01"), plain.LeadDepartmentId);
        Assert.Contains("属地", plain.Summary);

        var none = await DecideAsync(agent, Input(dir, "其他事项", "滨江社区", "其他", "说不清楚的事"));
        Assert.Equal(RoutingOutcome.NoRule, none.Outcome);
        Assert.Contains("no rule", none.Summary);
    }

    [Fact]
    public async Task Decide_is_for_the_center_and_checks_its_input()
    {
        var dir = await _app.DirectoryAsync();
        var liaison = await _app.LoginAsync("cgj");
        var forbidden = await liaison.PostAsync("/api/routing/decide", Input(dir, "噪音扰民", null, "噪音", "吵"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Anonymous().Http.PostAsJsonAsync("/api/routing/decide", new { })).StatusCode);
        var agent = await _app.LoginAsync("agent");
        await ProblemAssert.NamesFieldAsync(await agent.PostAsync("/api/routing/decide", new { title = new string('长', 101) }), "title");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.GetAsync("/api/routing/rules")).StatusCode);
        var dispatcher = await _app.LoginAsync("dispatcher");
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PostAsync("/api/routing/publish", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.Http.GetAsync("/api/routing/rules")).StatusCode);
    }

    [Fact]
    public async Task Registering_a_routed_ticket_dispatches_it_at_once_and_records_rule_and_version()
    {
        var agent = await _app.LoginAsync("agent");
        var dir = await _app.DirectoryAsync();
        var ticket = await agent.RegisterAsync(new
        {
            channel = "Phone", callerPhone = "13812345678", appealType = "Complaint", urgency = "Normal",
            categoryId = dir.Category("油烟污染"), areaId = dir.Area("府前社区"), title = "饭店油烟", content = "楼下饭店油烟直排", isConfidential = false,
        });
        Assert.Equal(TicketStatus.PendingSign, ticket.Status);
        Assert.Equal([TicketAction.Register, TicketAction.Dispatch], ticket.Events.Select(e => e.Action).ToList());
        Assert.Equal(dir.Department("CGJ"), ticket.LeadDepartmentId);
        Assert.NotNull(ticket.SignDueUtc); // an automatic dispatch starts the deadline clocks like a manual one
        Assert.True(ticket.HandleDueUtc > ticket.SignDueUtc);
        Assert.Equal([(dir.Department("CGJ"), AssignmentRole.Lead), (dir.Department("SCJGJ"), AssignmentRole.Assist)],
            ticket.Assignments.Select(a => (a.DepartmentId, a.Role)).ToList());
        var dispatch = ticket.Events[1].Detail!.Value;
        Assert.True(dispatch.GetProperty("routing").GetProperty("auto").GetBoolean());
        Assert.Contains("餐饮油烟", dispatch.GetProperty("note").GetString());

        var routing = (await agent.GetAsync<TicketRouting>($"/api/routing/tickets/{ticket.Id}"))!;
        Assert.NotNull(routing.Version);
        Assert.True(routing.AutoDispatched);
        Assert.Equal(routing.Decision!.RuleNo, routing.RuleNo);
        Assert.Equal("餐饮油烟", routing.Decision.RuleName);
        Assert.NotNull(routing.RuleId);

        // No rule: the ticket waits for the center, with the reason stored.
        var waiting = await agent.RegisterAsync(new
        {
            channel = "Phone", callerPhone = "13812345678", appealType = "Consultation", urgency = "Normal",
            categoryId = dir.Category("其他事项"), title = "其他", content = "不好归类的事", isConfidential = false,
        });
        Assert.Equal(TicketStatus.PendingDispatch, waiting.Status);
        var reason = (await agent.GetAsync<TicketRouting>($"/api/routing/tickets/{waiting.Id}"))!;
        Assert.Equal(RoutingOutcome.NoRule, reason.Decision!.Outcome);
        Assert.Null(reason.RuleId);
        Assert.False(reason.AutoDispatched);
    }

    [Fact]
    public async Task Draft_edits_change_nothing_until_published_then_tickets_record_the_new_version()
    {
        var admin = await _app.LoginAsync("admin");
        var agent = await _app.LoginAsync("agent");
        var dir = await _app.DirectoryAsync();
        var input = Input(dir, "劳动合同", "新华社区", "合同纠纷", "公司不签劳动合同，试用期很长");
        Assert.Equal(dir.Department("RSJ"), (await DecideAsync(agent, input)).LeadDepartmentId);

        var response = await admin.PostAsync("/api/routing/rules", NewRule("新华街道劳动合同试点", dir.Category("劳动合同"), dir.Area("新华街道"), dir.Department("LJ03"), keywords: ["试用期"]));
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<RoutingRule>(HotlineApp.Json))!;
        Assert.True(created.RuleNo > RoutingSeed.RuleCount);
        Assert.Equal("新华街道办事处", created.LeadDepartmentName);

        var draftList = (await admin.GetAsync<RoutingRuleList>("/api/routing/rules"))!;
        Assert.True(draftList.Draft);
        Assert.True(draftList.DraftChanged);
        Assert.Equal(dir.Department("RSJ"), (await DecideAsync(agent, input)).LeadDepartmentId); // published list unchanged
        var test = await DecideAsync(admin, input, draft: true); // the test box sees the draft
        Assert.True(test.Draft);
        Assert.Equal(created.RuleNo, test.RuleNo);

        var published = (await (await admin.PostAsync("/api/routing/publish", new { note = "新华试点" })).Content.ReadFromJsonAsync<RoutingListVersion>(HotlineApp.Json))!;
        Assert.True(published.Version >= 2);
        Assert.Equal("新华试点", published.Note);
        var decision = await DecideAsync(agent, input);
        Assert.Equal((published.Version, created.RuleNo, dir.Department("LJ03")), (decision.Version!.Value, decision.RuleNo!.Value, decision.LeadDepartmentId!.Value));
        Assert.Contains(decision.Others, o => o.Name == "劳动合同" && o.Reason == LossReason.LessSpecificArea);
        Assert.False((await admin.GetAsync<RoutingRuleList>("/api/routing/rules"))!.DraftChanged);

        var ticket = await agent.RegisterAsync(new
        {
            channel = "Web", appealType = "Complaint", urgency = "Normal", categoryId = dir.Category("劳动合同"), areaId = dir.Area("新华社区"),
            title = "合同纠纷", content = "试用期一年", isConfidential = false,
        });
        var routing = (await agent.GetAsync<TicketRouting>($"/api/routing/tickets/{ticket.Id}"))!;
        Assert.Equal((published.Version, created.RuleNo), (routing.Version!.Value, routing.RuleNo!.Value));
        Assert.Equal(dir.Department("LJ03"), ticket.LeadDepartmentId);

        // Editing and deleting touch the draft only; the published version keeps the rule.
        await ApiClient.EnsureAsync(await admin.Http.PutAsJsonAsync($"/api/routing/rules/{created.RuleNo}",
            NewRule("新华街道劳动合同试点（改）", dir.Category("劳动合同"), dir.Area("新华街道"), dir.Department("RSJ")), HotlineApp.Json), HttpStatusCode.OK);
        Assert.Equal("新华街道劳动合同试点（改）", (await admin.GetAsync<RoutingRule>($"/api/routing/rules/{created.RuleNo}"))!.Name);
        await ApiClient.EnsureAsync(await admin.Http.DeleteAsync($"/api/routing/rules/{created.RuleNo}"), HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync($"/api/routing/rules/{created.RuleNo}")).StatusCode);
        Assert.Equal("新华街道劳动合同试点", (await admin.GetAsync<RoutingRule>($"/api/routing/rules/{created.RuleNo}?version={published.Version}"))!.Name);
        await ApiClient.EnsureAsync(await admin.PostAsync("/api/routing/draft/reset", new { }), HttpStatusCode.NoContent);
        Assert.Equal(created.RuleNo, (await admin.GetAsync<RoutingRule>($"/api/routing/rules/{created.RuleNo}"))!.RuleNo);
        Assert.Contains((await admin.GetAsync<List<RoutingListVersion>>("/api/routing/versions"))!, v => v.Version == published.Version && v.PublishedByName == "系统管理员");
    }

    [Fact]
    public async Task A_bad_rule_names_its_fields_and_writes_nothing()
    {
        var admin = await _app.LoginAsync("admin");
        var dir = await _app.DirectoryAsync();
        var before = await _app.CountAsync("RoutingRule");
        var response = await admin.PostAsync("/api/routing/rules", new
        {
            name = "", categoryId = 1, leadDepartmentId = dir.Department("CGJ"), leadTerritorial = true, keywords = new[] { " ", "a|b" },
            assistDepartmentIds = new[] { dir.Department("CGJ") }, priority = 99999,
            effectiveFromUtc = "2026-07-01T00:00:00Z", effectiveToUtc = "2026-06-01T00:00:00Z",
        });
        var problem = await ProblemAssert.NamesFieldAsync(response, "name");
        foreach (var field in new[] { "categoryId", "leadDepartmentId", "keywords", "priority", "effectiveToUtc" })
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), field);
        }

        Assert.Equal(before, await _app.CountAsync("RoutingRule"));
    }

    [Fact]
    public async Task Export_is_excel_csv_and_reads_back_the_same_rules()
    {
        var admin = await _app.LoginAsync("admin");
        var response = await admin.Http.GetAsync("/api/routing/export");
        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);

        using var reader = new CsvReader(new StringReader(Encoding.UTF8.GetString(bytes[3..])), System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<Dictionary<string, string>>();
        reader.Read();
        reader.ReadHeader();
        while (reader.Read())
        {
            rows.Add(reader.HeaderRecord!.ToDictionary(h => h, h => reader.GetField(h) ?? ""));
        }

        var draft = (await admin.GetAsync<RoutingRuleList>("/api/routing/rules"))!.Rules;
        Assert.Equal(draft.Count, rows.Count);
        var smoke = rows.Single(r => r["名称"] == "餐饮油烟");
        Assert.Equal(("HJ02", "油烟污染", "CGJ", "SCJGJ", "餐馆|饭店|烧烤|餐饮"), (smoke["类别编码"], smoke["类别名称"], smoke["主办单位"], smoke["协办单位"], smoke["关键词"]));
        Assert.Equal("属地", rows.Single(r => r["名称"] == "噪音扰民属地处置")["主办单位"]);
        Assert.Equal("2026-07-01 00:00", rows.Single(r => r["名称"] == "2026暑期校外培训专项")["生效时间"]); // the center's local time
        Assert.Equal("举报", rows.Single(r => r["名称"] == "食品安全举报")["诉求类型"]);

        // Importing the export unchanged leaves the draft as it was.
        var import = await PostCsvAsync(admin, bytes);
        await ApiClient.EnsureAsync(import, HttpStatusCode.OK);
        Assert.Equal(draft.Count, (await import.Content.ReadFromJsonAsync<ImportResult>(HotlineApp.Json))!.Imported);
        var after = (await admin.GetAsync<RoutingRuleList>("/api/routing/rules"))!.Rules;
        Assert.Equal(
            draft.Select(r => (r.RuleNo, r.Name, r.CategoryId, r.AreaId, r.LeadDepartmentId, r.LeadTerritorial, string.Join("|", r.Keywords), r.EffectiveFromUtc)).ToList(),
            after.Select(r => (r.RuleNo, r.Name, r.CategoryId, r.AreaId, r.LeadDepartmentId, r.LeadTerritorial, string.Join("|", r.Keywords), r.EffectiveFromUtc)).ToList());
    }

    [Fact]
    public async Task An_import_with_one_bad_row_is_rejected_whole()
    {
        var admin = await _app.LoginAsync("admin");
        var before = (await admin.GetAsync<RoutingRuleList>("/api/routing/rules"))!.Rules;
        var csv = """
            规则编号,名称,类别编码,区域编码,诉求类型,渠道,关键词,排除关键词,主办单位,协办单位,优先级,生效时间,失效时间
            ,新规则一,HJ01,LJ01,投诉,电话,施工|工地,,CGJ,ZJJ|属地,5,2026-07-01,
            ,新规则二,XX99,LJ01,吐槽,,,,不存在局,,高,2026/13/01,
            ,,HJ01,,,,,,,,,,
            """;
        var response = await PostCsvAsync(admin, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "rows[3].categoryId", "rows[3].appealType", "rows[3].leadDepartmentId", "rows[3].priority", "rows[3].effectiveFromUtc", "rows[4].name", "rows[4].leadDepartmentId" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");
        }

        Assert.False(errors.TryGetProperty("rows[2].name", out _));
        var after = (await admin.GetAsync<RoutingRuleList>("/api/routing/rules"))!.Rules;
        Assert.Equal(before.Select(r => (r.RuleNo, r.Name)), after.Select(r => (r.RuleNo, r.Name))); // nothing changed
    }

    [Fact]
    public async Task A_good_import_replaces_the_draft_accepting_names_chinese_words_and_gb18030()
    {
        using var app = new HotlineApp();
        var admin = await app.LoginAsync("admin");
        var dir = await app.DirectoryAsync();
        var csv = """
            名称,类别编码,区域编码,诉求类型,渠道,关键词,主办单位,协办单位,优先级,生效时间
            施工噪音,噪音扰民,江滨街道,投诉,电话,施工、工地,区城管局,ZJJ|属地,5,2026-07-01
            兜底属地,,,,,,属地,,,
            """;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var response = await PostCsvAsync(admin, Encoding.GetEncoding("GB18030").GetBytes(csv)); // Excel's plain "CSV" on Chinese Windows
        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
        var rules = (await admin.GetAsync<RoutingRuleList>("/api/routing/rules"))!.Rules;
        Assert.Equal(2, rules.Count);
        var first = rules[0];
        Assert.True(first.RuleNo > RoutingSeed.RuleCount); // numbers are never reused
        Assert.Equal((dir.Category("噪音扰民"), dir.Area("江滨街道"), AppealType.Complaint, Channel.Phone, dir.Department("CGJ")),
            (first.CategoryId!.Value, first.AreaId!.Value, first.AppealType!.Value, first.Channel!.Value, first.LeadDepartmentId!.Value));
        Assert.Equal(["施工", "工地"], first.Keywords);
        Assert.True(first.AssistTerritorial);
        Assert.Equal(new DateTime(2026, 6, 30, 16, 0, 0, DateTimeKind.Utc), first.EffectiveFromUtc);
        Assert.True(rules[1].LeadTerritorial);
    }

    [Fact]
    public async Task Returns_are_reported_by_rule_and_the_center_can_keep_its_arbitration_as_a_draft_rule()
    {
        var agent = await _app.LoginAsync("agent");
        var dispatcher = await _app.LoginAsync("dispatcher");
        var liaison = await _app.LoginAsync("cgj");
        var dir = await _app.DirectoryAsync();
        var ticket = await agent.RegisterAsync(new
        {
            channel = "Phone", callerPhone = "13912345678", appealType = "Complaint", urgency = "Normal",
            categoryId = dir.Category("井盖缺失"), areaId = dir.Area("北门社区"), title = "井盖丢了", content = "北门路口井盖缺失很危险", isConfidential = false,
        });
        Assert.Equal(dir.Department("CGJ"), ticket.LeadDepartmentId);
        ticket = await liaison.ActAsync(ticket.Id, "request-return", new { ticket.Version, reason = "该井盖属供水公司管理" });
        ticket = await dispatcher.ActAsync(ticket.Id, "approve-return", new { ticket.Version, leadDepartmentId = dir.Department("GSGS"), assistDepartmentIds = Array.Empty<long>() });

        var report = (await dispatcher.GetAsync<List<RuleReturnStats>>("/api/routing/report/returns"))!;
        var line = report.Single(r => r.RuleName == "井盖缺失");
        Assert.True(line.Returns >= 1);
        Assert.Contains(line.RecentReturns, r => r.TicketId == ticket.Id && r.Reason == "该井盖属供水公司管理" && r.DepartmentName == "区城管局");

        var response = await dispatcher.PostAsync("/api/routing/rules/from-ticket", new { ticketId = ticket.Id, leadDepartmentId = dir.Department("GSGS") });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        var rule = (await response.Content.ReadFromJsonAsync<RoutingRule>(HotlineApp.Json))!;
        Assert.Equal((dir.Category("井盖缺失"), dir.Area("北门社区"), dir.Department("GSGS")), (rule.CategoryId!.Value, rule.AreaId!.Value, rule.LeadDepartmentId!.Value));
        Assert.Contains(ticket.Number, rule.Name);
        var test = await DecideAsync(dispatcher, Input(dir, "井盖缺失", "北门社区", "井盖", "又丢了"), draft: true);
        Assert.Equal(rule.RuleNo, test.RuleNo); // community-level: more specific than the district-wide rule
    }

    private static Task<HttpResponseMessage> PostCsvAsync(ApiClient client, byte[] bytes)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "rules.csv" } };
        return client.Http.PostAsync("/api/routing/import", form);
    }
}
