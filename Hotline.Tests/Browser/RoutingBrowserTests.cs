using System.Text;
using System.Text.RegularExpressions;
using Hotline.Core.Routing;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;
using Microsoft.Playwright;
using static Hotline.Tests.Browser.BrowserFixture;

namespace Hotline.Tests.Browser;

/// <summary>
/// The responsibility list on the screens, with automatic dispatch on (the product's default): the agent sees the
/// suggestion and its reason while typing and the ticket leaves already dispatched; the administrator tests, edits and
/// publishes the list.
/// </summary>
[Collection(AutoDispatchBrowserCollection.Name)]
public sealed class RoutingBrowserTests(AutoDispatchBrowserFixture browser)
{
    private static async Task PickCascaderAsync(IPage page, string testId, string popper, string typed, string option)
    {
        var input = page.GetByTestId(testId).Locator("input").First;
        await input.ClickAsync();
        await input.PressSequentiallyAsync(typed);
        await page.Locator($".{popper} .el-cascader__suggestion-item", new() { HasTextString = option }).First.ClickAsync();
    }

    [Fact]
    public async Task The_agent_sees_the_suggestion_and_its_reason_and_the_registered_ticket_is_dispatched_at_once()
    {
        var dir = await browser.App.DirectoryAsync();
        var cgj = dir.Departments.Single(d => d.Code == "CGJ");
        var title = "饭店油烟扰民 " + Guid.NewGuid().ToString("N")[..6];

        var agent = await browser.SignedInPageAsync("agent");
        await agent.GotoAsync("/intake");
        await Assertions.Expect(agent.GetByTestId("routing-suggestion")).ToContainTextAsync("选择诉求分类或填写标题"); // nothing to suggest yet
        await Field(agent, "intake-phone").FillAsync("13912345678");
        await agent.GetByTestId("intake-appealType").ClickAsync();
        await agent.GetByTestId("intake-appealType-option-Complaint").ClickAsync();
        await PickCascaderAsync(agent, "intake-category", "intake-category-popper", "油烟", "油烟污染");
        await PickCascaderAsync(agent, "intake-area", "intake-area-popper", "府前", "府前社区");
        await Field(agent, "intake-title").FillAsync(title);
        await Field(agent, "intake-content").FillAsync("楼下饭店油烟直排，窗户都不敢开。");

        // The suggestion follows the form: 餐饮油烟 (the keywords 饭店) beats the plain 油烟污染 rule.
        var panel = agent.GetByTestId("routing-suggestion");
        await Assertions.Expect(panel.GetByTestId("routing-lead")).ToHaveTextAsync(cgj.Name);
        await Assertions.Expect(panel.GetByTestId("routing-decision")).ToContainTextAsync("餐饮油烟");
        await Assertions.Expect(panel.GetByTestId("routing-version")).ToHaveTextAsync(new Regex(@"^v\d+$"));
        await Assertions.Expect(panel.GetByTestId("routing-why")).ToContainTextAsync("饭店");
        await panel.GetByTestId("routing-others").Locator(".el-collapse-item__header").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("routing-other").First).ToContainTextAsync("油烟污染");
        await Assertions.Expect(panel.GetByTestId("routing-adopt")).ToBeEnabledAsync();
        await ScreenshotAsync(agent, "60-intake-routing-suggestion");

        // A plain 登记: the rules route it, so it leaves dispatched to the lead department.
        await agent.GetByTestId("intake-register").ClickAsync();
        await Assertions.Expect(agent.GetByTestId("intake-auto-dispatched")).ToContainTextAsync($"已按责任清单自动派单至 {cgj.Name}");
        await Assertions.Expect(agent.GetByTestId("intake-saved").Locator("[data-status]")).ToHaveAttributeAsync("data-status", nameof(TicketStatus.PendingSign));
        await Assertions.Expect(panel).ToContainTextAsync("选择诉求分类或填写标题"); // the form is cleared for the next call
        await ScreenshotAsync(agent, "61-intake-auto-dispatched");

        var number = await agent.GetByTestId("intake-saved-number").InnerTextAsync();
        var api = await browser.App.LoginAsync("agent");
        var ticket = (await api.GetAsync<TicketDetail>($"/api/tickets/by-number/{number}"))!;
        Assert.Equal(TicketStatus.PendingSign, ticket.Status);
        Assert.Equal(cgj.Id, ticket.LeadDepartmentId);

        // The ticket says which rule of which version routed it.
        await agent.GetByTestId("intake-saved-number").ClickAsync();
        await Assertions.Expect(agent.GetByTestId("ticket-routing-auto")).ToBeVisibleAsync();
        await Assertions.Expect(agent.GetByTestId("ticket-routing-decision")).ToContainTextAsync("餐饮油烟");
        await Assertions.Expect(agent.GetByTestId("ticket-routing-lead")).ToHaveTextAsync(cgj.Name);
        await ScreenshotAsync(agent, "62-ticket-routing-card");

        // No rule: the panel says so, and the ticket waits for the center.
        await agent.GotoAsync("/intake");
        await Field(agent, "intake-phone").FillAsync("13912345678");
        await PickCascaderAsync(agent, "intake-category", "intake-category-popper", "其他", "其他事项");
        await Field(agent, "intake-title").FillAsync("说不清归属 " + Guid.NewGuid().ToString("N")[..6]);
        await Field(agent, "intake-content").FillAsync("一件不好归类的事。");
        await Assertions.Expect(panel.GetByTestId("routing-no-rule")).ToContainTextAsync("无匹配规则，待中心人工派单");
        await Assertions.Expect(panel.GetByTestId("routing-adopt")).ToBeDisabledAsync();
        await ScreenshotAsync(agent, "63-intake-no-rule");
        await agent.GetByTestId("intake-register").ClickAsync();
        await Assertions.Expect(agent.GetByTestId("intake-waiting-center")).ToBeVisibleAsync();
        await Assertions.Expect(agent.GetByTestId("intake-saved").Locator("[data-status]")).ToHaveAttributeAsync("data-status", nameof(TicketStatus.PendingDispatch));
    }

    [Fact]
    public async Task The_administrator_tests_the_list_adds_a_rule_to_the_draft_and_publishes_it()
    {
        var dir = await browser.App.DirectoryAsync();
        var jjdd = dir.Departments.Single(d => d.Code == "JJDD");
        var word = "无人机" + Guid.NewGuid().ToString("N")[..4];

        // A routed ticket the department returns: material for the returns report.
        var agent = await browser.App.LoginAsync("agent");
        var routed = await agent.RegisterAsync(new
        {
            channel = "Phone", callerPhone = "13812345678", appealType = "Complaint", urgency = "Normal", categoryId = dir.Category("油烟污染"),
            title = "烧烤店油烟", content = "楼下烧烤店油烟很大。", isConfidential = false,
        });
        Assert.Equal(TicketStatus.PendingSign, routed.Status);
        await (await browser.App.LoginAsync("cgj")).ActAsync(routed.Id, "request-return", new { version = routed.Version, reason = "油烟经营许可归市场监管" });

        var admin = await browser.SignedInPageAsync("admin");
        await admin.GetByTestId("nav-routing-rules").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("routing-count")).ToHaveTextAsync(new Regex(@"^共 \d{2,} 条规则$"), new() { Timeout = 15_000 });
        await Assertions.Expect(admin.GetByTestId("routing-rules-table").Locator(".el-table__body-wrapper .el-table__row").Nth(40)).ToBeAttachedAsync();
        await Assertions.Expect(admin.GetByTestId("routing-export")).ToHaveAttributeAsync("href", "/api/routing/export");
        await ScreenshotAsync(admin, "64-routing-rules");

        // A CSV with a bad row changes nothing and names the row.
        var before = (await (await browser.App.LoginAsync("admin")).GetAsync<RoutingRuleList>("/api/routing/rules"))!.Rules.Count;
        await admin.GetByTestId("routing-import").ClickAsync();
        var csv = "规则编号,名称,类别编码,类别名称,区域编码,区域名称,诉求类型,渠道,关键词,排除关键词,主办单位,主办单位名称,协办单位,协办单位名称,优先级,生效时间,失效时间\n"
            + ",坏的一行,NO-SUCH-CATEGORY,,,,投诉,电话,,,CGJ,,,,0,,\n";
        await admin.GetByTestId("routing-import-file").Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "bad.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await admin.GetByTestId("routing-import-dialog").GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("routing-import-rejected")).ToContainTextAsync("未做任何修改");
        var errorRow = admin.GetByTestId("routing-import-errors").Locator(".el-table__row").First;
        await Assertions.Expect(errorRow).ToContainTextAsync("2");
        await Assertions.Expect(errorRow).ToContainTextAsync("类别编码");
        await ScreenshotAsync(admin, "65-routing-import-errors");
        await admin.Keyboard.PressAsync("Escape");
        await Assertions.Expect(admin.GetByTestId("routing-import-dialog")).ToBeHiddenAsync();
        Assert.Equal(before, (await (await browser.App.LoginAsync("admin")).GetAsync<RoutingRuleList>("/api/routing/rules"))!.Rules.Count);

        // A new rule in the draft: construction noise that mentions the word goes to the traffic police.
        await admin.GetByTestId("routing-create").ClickAsync();
        var dialog = admin.GetByTestId("routing-rule-dialog");
        await Field(admin, "routing-form-name").FillAsync("测试规则" + word);
        await PickCascaderAsync(admin, "routing-form-category", "routing-form-category-popper", "噪音", "噪音扰民");
        var keywords = admin.GetByTestId("routing-form-keywords").Locator("input");
        await keywords.FillAsync(word);
        await keywords.PressAsync("Enter");
        await Assertions.Expect(admin.GetByTestId("routing-form-keywords")).ToContainTextAsync(word);
        await dialog.GetByTestId("dispatch-lead").ClickAsync();
        await admin.GetByTestId($"dispatch-lead-option-{jjdd.Id}").ClickAsync();
        await Field(admin, "routing-form-priority").FillAsync("100");
        await ScreenshotAsync(admin, "66-routing-rule-dialog");
        await dialog.GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(admin.GetByTestId("routing-draft-changed")).ToBeVisibleAsync();
        await Field(admin, "routing-filter-q").FillAsync(word);
        await Assertions.Expect(admin.GetByTestId("routing-rules-table").Locator(".el-table__body-wrapper .el-table__row")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.GetByTestId("routing-rules-table")).ToContainTextAsync(jjdd.Name);

        // The test box: the draft routes by the new rule, the published list does not know it yet.
        await admin.Locator("#tab-test").ClickAsync();
        await PickCascaderAsync(admin, "routing-test-category", "routing-test-category-popper", "噪音", "噪音扰民");
        await Field(admin, "routing-test-title").FillAsync("夜里" + word + "扰民");
        await Field(admin, "routing-test-content").FillAsync("每天夜里有" + word + "在楼顶盘旋。");
        await admin.GetByTestId("routing-test-run").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("routing-test-lead")).ToHaveTextAsync(jjdd.Name);
        await Assertions.Expect(admin.GetByTestId("routing-test-version")).ToHaveTextAsync("草稿");
        await Assertions.Expect(admin.GetByTestId("routing-test-why")).ToContainTextAsync(word);
        await ScreenshotAsync(admin, "67-routing-test-box-draft");
        await admin.GetByTestId("routing-test-source-published").ClickAsync();
        await admin.GetByTestId("routing-test-run").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("routing-test-lead")).Not.ToHaveTextAsync(jjdd.Name);

        // Publish with a note: the draft equals the new version, and the published list now routes by the rule.
        await admin.Locator("#tab-rules").ClickAsync();
        await admin.GetByTestId("routing-publish").ClickAsync();
        var box = admin.Locator(".routing-publish-box");
        await box.Locator("input").FillAsync("浏览器测试：新增" + word);
        await ScreenshotAsync(admin, "68-routing-publish");
        await box.Locator(".el-button--primary").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("routing-draft-same")).ToBeVisibleAsync();
        await admin.Locator("#tab-test").ClickAsync();
        await admin.GetByTestId("routing-test-run").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("routing-test-lead")).ToHaveTextAsync(jjdd.Name);
        await Assertions.Expect(admin.GetByTestId("routing-test-version")).ToHaveTextAsync(new Regex(@"^v\d+$"));

        var list = (await (await browser.App.LoginAsync("admin")).GetAsync<RoutingRuleList>("/api/routing/rules"))!;
        Assert.False(list.DraftChanged);
        Assert.Contains(list.Rules, r => r.Keywords.Contains(word) && r.LeadDepartmentId == jjdd.Id && r.Priority == 100);

        // The returns report: the rule whose ticket came back, with the reason.
        await admin.Locator("#tab-report").ClickAsync();
        var report = admin.GetByTestId("routing-report-table");
        await Assertions.Expect(report).ToContainTextAsync("餐饮油烟", new() { Timeout = 15_000 });
        await Assertions.Expect(report).ToContainTextAsync("油烟经营许可归市场监管");
        await Assertions.Expect(admin.GetByTestId("routing-report-chart").Locator("canvas")).ToBeVisibleAsync();
        await ScreenshotAsync(admin, "69-routing-returns-report");
    }
}

/// <summary>With automatic dispatch off, routed tickets wait for the center with the suggestion stored on them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RoutingCenterBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_queue_shows_the_routing_reason_the_dialog_starts_from_it_and_arbitration_can_become_a_draft_rule()
    {
        var dir = await browser.App.DirectoryAsync();
        var cgj = dir.Departments.Single(d => d.Code == "CGJ");
        var sthjj = dir.Departments.Single(d => d.Code == "STHJJ");
        var agent = await browser.App.LoginAsync("agent");
        var title = "垃圾清运不及时 " + Guid.NewGuid().ToString("N")[..6];
        var ticket = await agent.RegisterAsync(new
        {
            channel = "Web", appealType = "Complaint", urgency = "Normal", categoryId = dir.Category("垃圾清运"),
            title, content = "小区垃圾三天没人清运。", isConfidential = false,
        });
        Assert.Equal(TicketStatus.PendingDispatch, ticket.Status);

        var page = await browser.SignedInPageAsync("dispatcher");
        await page.GetByTestId("nav-center-dispatch").ClickAsync();
        var row = page.Locator(".el-table__row", new() { HasTextString = title });
        await Assertions.Expect(row.GetByTestId("queue-routing-reason")).ToContainTextAsync("垃圾清运");
        await ScreenshotAsync(page, "50-queue-routing-reason");

        // The dialog starts from the suggestion; the dispatcher only confirms.
        await row.GetByTestId("action-dispatch").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dispatch-prefilled")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("dispatch-lead")).ToContainTextAsync(cgj.Name);
        await ScreenshotAsync(page, "51-dispatch-prefilled");
        await page.GetByTestId("action-dialog").GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Equal(cgj.Id, (await agent.GetTicketAsync(ticket.Id)).LeadDepartmentId);

        // 城管局 returns it; the center re-dispatches to 生态环境局 and keeps that as a draft rule.
        var liaison = await browser.App.LoginAsync("cgj");
        var current = await liaison.GetTicketAsync(ticket.Id);
        await liaison.ActAsync(ticket.Id, "request-return", new { version = current.Version, reason = "属于环保部门职责" });
        await page.GetByTestId("nav-center-returns").ClickAsync();
        var returned = page.Locator(".el-table__row", new() { HasTextString = title });
        await returned.GetByTestId("action-approve-return").ClickAsync();
        await page.GetByTestId("dispatch-lead").ClickAsync();
        await page.GetByTestId($"dispatch-lead-option-{sthjj.Id}").ClickAsync();
        await page.GetByTestId("action-save-rule").ClickAsync();
        await ScreenshotAsync(page, "52-approve-return-save-rule");
        await page.GetByTestId("action-dialog").GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(page.Locator(".el-message--success", new() { HasTextString = "已保存为草稿规则第" })).ToBeVisibleAsync();
        await Assertions.Expect(returned).ToHaveCountAsync(0);

        var admin = await browser.App.LoginAsync("admin");
        var draft = (await admin.GetAsync<RoutingRuleList>("/api/routing/rules"))!;
        Assert.True(draft.DraftChanged);
        Assert.Contains(draft.Rules, r => r.CategoryId == dir.Category("垃圾清运") && r.LeadDepartmentId == sthjj.Id);
        Assert.Equal(TicketStatus.PendingSign, (await agent.GetTicketAsync(ticket.Id)).Status);
    }
}
