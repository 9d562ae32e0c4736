using System.Net;
using System.Net.Http.Json;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;
using Microsoft.Playwright;
using static Hotline.Tests.Browser.BrowserFixture;

namespace Hotline.Tests.Browser;

/// <summary>A ticket from the call to its closure, through the screens, with every user in their own browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LifecycleBrowserTests(BrowserFixture browser)
{
    private static async Task ActAsync(IPage page, string action, Func<Task>? fill = null)
    {
        await page.GetByTestId($"action-{action}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("action-dialog")).ToBeVisibleAsync();
        if (fill is not null)
        {
            await fill();
        }

        await page.GetByTestId("action-dialog").GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("action-dialog")).ToBeHiddenAsync();
    }

    private static Task ExpectStatusAsync(IPage page, TicketStatus status) =>
        Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveAttributeAsync("data-status", status.ToString());

    [Fact]
    public async Task Call_dispatch_sign_reply_approve_and_visit_close_the_ticket_with_every_step_on_the_timeline()
    {
        var dir = await browser.App.DirectoryAsync();
        var title = "夜间施工噪音 " + Guid.NewGuid().ToString("N")[..6];

        // The agent registers the call, keyboard first.
        var agent = await browser.SignedInPageAsync("agent");
        await agent.GotoAsync("/intake");
        await Field(agent, "intake-phone").FillAsync("13812345678");
        await Field(agent, "intake-name").FillAsync("张先生");
        await agent.GetByTestId("intake-appealType").ClickAsync();
        await agent.GetByTestId("intake-appealType-option-Complaint").ClickAsync();
        // The category cascader is searchable: type part of the name and pick the suggestion.
        await agent.GetByPlaceholder("输入关键字搜索分类").ClickAsync();
        await agent.GetByPlaceholder("输入关键字搜索分类").PressSequentiallyAsync("噪音");
        await agent.Locator(".intake-category-popper .el-cascader__suggestion-item", new() { HasTextString = "噪音扰民" }).First.ClickAsync();
        await Field(agent, "intake-address").FillAsync("滨江路88号");
        await Field(agent, "intake-title").FillAsync(title);
        await Field(agent, "intake-content").FillAsync("每天晚上十点以后工地还在施工，影响休息。");
        await ScreenshotAsync(agent, "10-intake-filled");
        await agent.GetByTestId("intake-register").ClickAsync();
        var saved = agent.GetByTestId("intake-saved-number");
        await Assertions.Expect(saved).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{8}-\d{5}$"));
        var number = await saved.InnerTextAsync();
        await Assertions.Expect(Field(agent, "intake-title")).ToHaveValueAsync(""); // ready for the next call
        await ScreenshotAsync(agent, "11-intake-saved");

        var admin = await browser.App.LoginAsync("admin");
        var id = (await admin.GetAsync<TicketDetail>($"/api/tickets/by-number/{number}"))!.Id;

        // The center dispatches to 城管局.
        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await dispatcher.GotoAsync($"/tickets/{id}");
        await ExpectStatusAsync(dispatcher, TicketStatus.PendingDispatch);
        await ActAsync(dispatcher, "dispatch", async () =>
        {
            await dispatcher.GetByTestId("dispatch-lead").ClickAsync();
            await dispatcher.GetByTestId($"dispatch-lead-option-{dir.Department("CGJ")}").ClickAsync();
            await ScreenshotAsync(dispatcher, "12-dispatch-dialog");
        });
        await ExpectStatusAsync(dispatcher, TicketStatus.PendingSign);

        // The department signs and replies.
        var liaison = await browser.SignedInPageAsync("cgj");
        await liaison.GotoAsync("/inbox");
        await Assertions.Expect(liaison.GetByText(title)).ToBeVisibleAsync();
        await ScreenshotAsync(liaison, "13-inbox");
        await liaison.GotoAsync($"/tickets/{id}");
        await Assertions.Expect(liaison.GetByTestId("ticket-caller-phone")).ToContainTextAsync("****");
        await ActAsync(liaison, "sign");
        await ExpectStatusAsync(liaison, TicketStatus.InProgress);
        await ActAsync(liaison, "reply", async () =>
        {
            await Field(liaison, "action-result").FillAsync("已责令工地22点后停止施工。");
            await liaison.GetByTestId("action-resolved-yes").ClickAsync();
        });
        await ExpectStatusAsync(liaison, TicketStatus.PendingReview);

        // The center approves the reply; the agent makes the return visit.
        await dispatcher.GotoAsync($"/tickets/{id}");
        await ActAsync(dispatcher, "approve-reply");
        await ExpectStatusAsync(dispatcher, TicketStatus.PendingVisit);
        await agent.GotoAsync($"/tickets/{id}");
        await ActAsync(agent, "visit", async () =>
        {
            await agent.GetByTestId("action-satisfaction-Satisfied").ClickAsync();
            await agent.GetByTestId("action-resolved-yes").ClickAsync();
        });
        await ExpectStatusAsync(agent, TicketStatus.Closed);

        foreach (var step in new[] { "Register", "Dispatch", "Sign", "Reply", "ApproveReply", "RecordVisit" })
        {
            await Assertions.Expect(agent.GetByTestId($"timeline-{step}")).ToBeVisibleAsync();
        }

        await ScreenshotAsync(agent, "14-closed-timeline");

        // Another department cannot find it, by link or by search.
        var other = await browser.SignedInPageAsync("scjgj");
        await other.GotoAsync($"/tickets/{id}");
        await Assertions.Expect(other.GetByTestId("ticket-status")).ToHaveCountAsync(0);
        await ScreenshotAsync(other, "15-other-department-detail");
        await other.GotoAsync("/tickets");
        await Field(other, "tickets-filter-number").FillAsync(number);
        await other.GetByTestId("tickets-search").ClickAsync();
        await Assertions.Expect(other.GetByTestId($"ticket-link-{number}")).ToHaveCountAsync(0);
        var asOther = await browser.App.LoginAsync("scjgj");
        Assert.Equal(HttpStatusCode.NotFound, (await asOther.Http.GetAsync($"/api/tickets/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_validation_error_appears_beside_its_field_and_the_language_switch_changes_the_texts()
    {
        var agent = await browser.SignedInPageAsync("agent");
        await agent.GotoAsync("/intake");
        await Field(agent, "intake-phone").FillAsync("12345");
        await Field(agent, "intake-title").FillAsync("号码错误");
        await Field(agent, "intake-content").FillAsync("测试");
        await agent.GetByTestId("intake-register").ClickAsync();
        var phoneItem = agent.Locator(".el-form-item", new() { Has = agent.Locator("[data-testid='intake-phone']") });
        await Assertions.Expect(phoneItem.Locator(".el-form-item__error")).ToBeVisibleAsync();
        await ScreenshotAsync(agent, "20-validation-error");

        await Assertions.Expect(agent.GetByTestId("nav-intake")).ToContainTextAsync("来电登记");
        await agent.GetByTestId("lang-switch").ClickAsync();
        await agent.GetByTestId("lang-option-en").ClickAsync();
        await Assertions.Expect(agent.GetByTestId("nav-intake")).Not.ToContainTextAsync("来电登记");
        await Assertions.Expect(agent.GetByTestId("intake-register")).ToContainTextAsync("Register");
        await ScreenshotAsync(agent, "21-english");
    }
}
