using System.Text.RegularExpressions;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;
using Microsoft.Playwright;
using static Hotline.Tests.Browser.BrowserFixture;

namespace Hotline.Tests.Browser;

/// <summary>
/// Repeat complaints on the screens: while the agent types, the intake panel proposes the earlier ticket with its score
/// and reasons; the agent attaches the call to it (no dispatch); the master shows the appeal; the supervisors' board
/// ranks the cluster and opens its detail; the center merges and un-merges a duplicate through the dialogs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RepeatBrowserTests(BrowserFixture browser)
{
    private static async Task PickCascaderAsync(IPage page, string testId, string popper, string typed, string option)
    {
        var input = page.GetByTestId(testId).Locator("input").First;
        await input.ClickAsync();
        await input.PressSequentiallyAsync(typed);
        await page.Locator($".{popper} .el-cascader__suggestion-item", new() { HasTextString = option }).First.ClickAsync();
    }

    [Fact]
    public async Task The_intake_panel_proposes_the_earlier_ticket_and_the_call_is_attached_to_it()
    {
        var dir = await browser.App.DirectoryAsync();
        var suffix = Random.Shared.Next(1000, 9999);
        var phone = $"1376666{suffix}";
        var address = $"滨江路{suffix}号";
        var api = await browser.App.LoginAsync("agent");
        var dispatcherApi = await browser.App.LoginAsync("dispatcher");
        var earlier = await api.RegisterAsync(new
        {
            channel = "Phone", callerPhone = phone, callerName = "刘女士", appealType = "Complaint", urgency = "Normal",
            categoryId = dir.Category("噪音扰民"), areaId = dir.Area("滨江社区"), address,
            title = "工地夜间施工噪音", content = "工地每天晚上十一点以后还在打桩施工，吵得孩子睡不着觉。", isConfidential = false,
        });
        earlier = await dispatcherApi.ActAsync(earlier.Id, "dispatch", new { earlier.Version, leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() });

        // The same caller calls again, in another format of the number: history and candidates come up as the agent types.
        var agent = await browser.SignedInPageAsync("agent");
        await agent.GotoAsync("/intake");
        var panel = agent.GetByTestId("repeat-candidates");
        await Assertions.Expect(panel).ToContainTextAsync("自动查找可能是同一事项的工单");
        await Field(agent, "intake-phone").FillAsync($"+86 137 6666 {suffix}");
        await Assertions.Expect(agent.GetByTestId("intake-history-item").First).ToContainTextAsync(earlier.Number);
        await Assertions.Expect(agent.GetByTestId("intake-history-outcome").First).ToContainTextAsync("区城管局");
        await agent.GetByTestId("intake-appealType").ClickAsync();
        await agent.GetByTestId("intake-appealType-option-Complaint").ClickAsync();
        await PickCascaderAsync(agent, "intake-category", "intake-category-popper", "噪音", "噪音扰民");
        await PickCascaderAsync(agent, "intake-area", "intake-area-popper", "滨江", "滨江社区");
        await Field(agent, "intake-address").FillAsync(address + "2单元");
        await Field(agent, "intake-title").FillAsync("夜里施工太吵");
        await Field(agent, "intake-content").FillAsync("上周反映过的工地，现在晚上还在打桩施工，一点没有改变。");

        var candidate = panel.Locator($"[data-testid=repeat-candidate][data-number='{earlier.Number}']");
        await Assertions.Expect(candidate).ToBeVisibleAsync();
        await Assertions.Expect(candidate.GetByTestId("repeat-candidate-score")).ToHaveTextAsync(new Regex(@"相似度 \d+"));
        foreach (var reason in new[] { "SameCaller", "SameCategory", "SameAddress", "SimilarText" })
        {
            await Assertions.Expect(candidate.Locator($"[data-reason={reason}]")).ToBeVisibleAsync();
        }

        await Assertions.Expect(candidate.Locator("[data-reason=SameCaller]")).ToContainTextAsync("同一来电人");
        await ScreenshotAsync(agent, "70-intake-repeat-candidates");

        // Attach: the agent sees what will happen, and 登记并派单 is refused for a child.
        await candidate.GetByTestId("repeat-attach").ClickAsync();
        await Assertions.Expect(agent.GetByTestId("repeat-link-chosen")).ToHaveAttributeAsync("data-mode", "Child");
        await Assertions.Expect(agent.GetByTestId("repeat-link-chosen")).ToContainTextAsync(earlier.Number);
        await agent.GetByTestId("intake-register").ClickAsync();
        await Assertions.Expect(agent.GetByTestId("intake-saved").Locator("[data-status]")).ToHaveAttributeAsync("data-status", nameof(TicketStatus.Merged));
        await Assertions.Expect(agent.GetByTestId("repeat-link-chosen")).ToHaveCountAsync(0); // cleared for the next call
        var childNumber = await agent.GetByTestId("intake-saved-number").InnerTextAsync();
        var child = (await api.GetAsync<TicketDetail>($"/api/tickets/by-number/{childNumber}"))!;
        Assert.Equal(TicketStatus.Merged, child.Status);
        Assert.Empty(child.Assignments);

        // The master shows one more appeal.
        await agent.GotoAsync($"/tickets/{earlier.Id}");
        await Assertions.Expect(agent.GetByTestId("repeat-child")).ToHaveCountAsync(1);
        await Assertions.Expect(agent.GetByTestId("repeat-child")).ToContainTextAsync(childNumber);
        await Assertions.Expect(agent.GetByTestId("timeline-Link")).ToBeVisibleAsync();
        await ScreenshotAsync(agent, "71-ticket-repeat-panel");

        // The supervisors' board ranks the cluster; its detail lists both tickets with the evidence.
        var supervisor = await browser.SignedInPageAsync("supervisor");
        await supervisor.GotoAsync("/repeat");
        await Assertions.Expect(supervisor.GetByTestId("repeat-figures")).ToBeVisibleAsync();
        var row = supervisor.GetByTestId("repeat-clusters").Locator(".el-table__row", new() { HasTextString = earlier.Number }).First;
        await Assertions.Expect(row).ToBeVisibleAsync();
        await ScreenshotAsync(supervisor, "72-repeat-board");
        await row.ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("repeat-cluster-members").GetByTestId("repeat-member-number")).ToHaveCountAsync(2);
        await Assertions.Expect(supervisor.GetByTestId("repeat-cluster-members")).ToContainTextAsync("同一来电人");
        await ScreenshotAsync(supervisor, "73-repeat-cluster");
    }

    [Fact]
    public async Task The_center_merges_a_duplicate_and_unmerges_it_through_the_dialogs()
    {
        var dir = await browser.App.DirectoryAsync();
        var suffix = Random.Shared.Next(1000, 9999);
        var api = await browser.App.LoginAsync("agent");
        object Call(string phone, string title, string content) => new
        {
            channel = "Phone", callerPhone = phone, appealType = "Complaint", urgency = "Normal", categoryId = dir.Category("油烟污染"),
            areaId = dir.Area("新华社区"), address = $"新华路{suffix}号", title, content, isConfidential = false,
        };
        var master = await api.RegisterAsync(Call($"1357777{suffix}", "饭店油烟直排", "一楼川菜馆油烟直接排到居民楼"));
        var dup = await api.RegisterAsync(Call($"1358888{suffix}", "楼下餐馆油烟熏人", "楼下那家川菜馆没有装油烟净化器"));

        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await dispatcher.GotoAsync($"/tickets/{dup.Id}");
        await dispatcher.GetByTestId("repeat-merge").ClickAsync();
        var dialog = dispatcher.GetByTestId("repeat-merge-dialog");
        await Field(dispatcher, "repeat-merge-master").FillAsync("20000101-99999");
        await Field(dispatcher, "repeat-merge-reason").FillAsync("同一家川菜馆油烟，并单处理");
        await dialog.GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("未找到该工单"); // named on the field, nothing written
        await Field(dispatcher, "repeat-merge-master").FillAsync(master.Number);
        await ScreenshotAsync(dispatcher, "74-merge-dialog");
        await dialog.GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(dispatcher.GetByTestId("ticket-status")).ToHaveAttributeAsync("data-status", nameof(TicketStatus.Merged));
        await Assertions.Expect(dispatcher.GetByTestId("repeat-master")).ToContainTextAsync(master.Number);

        await dispatcher.GetByTestId("repeat-unmerge").ClickAsync();
        var undo = dispatcher.GetByTestId("repeat-unmerge-dialog");
        await Field(dispatcher, "repeat-unmerge-reason").FillAsync("核实不是同一家");
        await undo.GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(dispatcher.GetByTestId("ticket-status")).ToHaveAttributeAsync("data-status", nameof(TicketStatus.PendingDispatch));
        await Assertions.Expect(dispatcher.GetByTestId("repeat-links").Locator("[data-kind=Unmerged]")).ToBeVisibleAsync();
        Assert.Equal(TicketStatus.PendingDispatch, (await api.GetTicketAsync(dup.Id)).Status);
    }
}
