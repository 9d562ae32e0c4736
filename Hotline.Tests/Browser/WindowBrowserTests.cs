using Hotline.Core.Tickets;
using Hotline.Core.Window;
using Hotline.Tests.Window;
using Microsoft.Playwright;
using static Hotline.Tests.Browser.BrowserFixture;

namespace Hotline.Tests.Browser;

/// <summary>The "办不成事" window through its screens: intake, sending to a department, the log, reply and visit, the ledger.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WindowBrowserTests(BrowserFixture browser)
{
    private static Task ExpectCaseStatusAsync(IPage page, WindowCaseStatus status) =>
        Assertions.Expect(page.GetByTestId("window-case-status")).ToHaveAttributeAsync("data-status", status.ToString());

    [Fact]
    public async Task Window_staff_records_a_case_sends_it_to_a_department_replies_visits_and_sees_it_closed_in_the_ledger()
    {
        var dir = await browser.App.DirectoryAsync();
        var applicant = "王" + Guid.NewGuid().ToString("N")[..4];

        // Intake: who, which item, where and why it failed, what the citizen wants.
        var page = await browser.SignedInPageAsync("window");
        await Assertions.Expect(page.GetByTestId("window-cases")).ToBeVisibleAsync(); // window staff land on 我的案件
        await page.GetByTestId("nav-window-intake").ClickAsync();
        await Field(page, "window-applicant-name").FillAsync(applicant);
        await Field(page, "window-applicant-phone").FillAsync("13912345678");
        await Field(page, "window-item-name").FillAsync("临时占道许可");
        await Field(page, "window-item-code").FillAsync("ZD-007");
        await Field(page, "window-failed-hall").FillAsync("区政务服务中心");
        await Field(page, "window-failed-window").FillAsync("5号窗口");
        await page.GetByTestId("window-failed-department").ClickAsync();
        await page.GetByTestId($"window-failed-department-option-{dir.Department("CGJ")}").ClickAsync();
        await page.GetByTestId("window-cause").ClickAsync();
        await page.GetByTestId("window-cause-option-MultiDepartment").ClickAsync();
        await Field(page, "window-description").FillAsync("城管和市场监管互相推诿，跑了三趟没办成。");
        await Field(page, "window-request").FillAsync("一周内办好占道许可");
        await ScreenshotAsync(page, "80-window-intake");
        await page.GetByTestId("window-intake-submit").ClickAsync();
        await ExpectCaseStatusAsync(page, WindowCaseStatus.Registered);
        var caseId = long.Parse(page.Url.Split('/')[^1].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);

        // Sent to the responsible department through a linked ticket.
        await page.GetByTestId("window-mode-Department").ClickAsync();
        await page.GetByTestId("window-lead").ClickAsync();
        await page.GetByTestId($"window-lead-option-{dir.Department("CGJ")}").ClickAsync();
        await page.GetByPlaceholder("输入关键字搜索分类").ClickAsync();
        await page.GetByPlaceholder("输入关键字搜索分类").PressSequentiallyAsync("占道");
        await page.Locator(".window-category-popper .el-cascader__suggestion-item", new() { HasTextString = "占道经营" }).First.ClickAsync();
        await Field(page, "window-handle-note").FillAsync("请城管局牵头办理");
        await page.GetByTestId("window-handle-submit").ClickAsync();
        await ExpectCaseStatusAsync(page, WindowCaseStatus.Handling);
        await Assertions.Expect(page.GetByTestId("window-case-ticket")).ToContainTextAsync("区城管局");
        await Assertions.Expect(page.GetByTestId("window-reply")).ToHaveCountAsync(0); // not before the department replied

        // A call in the coordination log.
        await Field(page, "window-log-content").FillAsync("电话联系城管局审批科，约定周三前办结");
        await page.GetByTestId("window-log-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("window-log-Call")).ToContainTextAsync("审批科");
        await ScreenshotAsync(page, "81-window-case-handling");

        // The department works its ticket (through the API here: the liaison's screens are tested elsewhere).
        var window = await browser.App.LoginAsync("window");
        var ticketId = (await window.GetCaseAsync(caseId)).TicketId!.Value;
        var cgj = await browser.App.LoginAsync("cgj");
        var ticket = await cgj.GetTicketAsync(ticketId);
        Assert.Equal(Channel.Window, ticket.Channel);
        ticket = await cgj.ActAsync(ticketId, "sign", new { version = ticket.Version });
        await cgj.ActAsync(ticketId, "reply", new { version = ticket.Version, result = "已核发临时占道许可", resolved = true });

        // The reply to the citizen, then the mandatory return visit with the systemic fix.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("window-case-ticket")).ToContainTextAsync("已核发临时占道许可");
        await Field(page, "window-decision").FillAsync("城管局核发临时占道许可");
        await Field(page, "window-reply-content").FillAsync("您的许可已办好，请到5号窗口领取。");
        await page.GetByTestId("window-reply-submit").ClickAsync();
        await ExpectCaseStatusAsync(page, WindowCaseStatus.PendingVisit);
        await page.GetByTestId("window-satisfaction-Satisfied").ClickAsync();
        await page.GetByTestId("window-resolved-yes").ClickAsync();
        await page.GetByTestId("window-fix-yes").ClickAsync();
        await Field(page, "window-fix-description").FillAsync("明确占道许可由城管局一口受理");
        await Field(page, "window-fix-by").FillAsync("区政务服务管理办公室");
        await page.GetByTestId("window-visit-submit").ClickAsync();
        await ExpectCaseStatusAsync(page, WindowCaseStatus.Closed);
        await Assertions.Expect(page.GetByTestId("window-case-fix")).ToContainTextAsync("一口受理");
        await ScreenshotAsync(page, "82-window-case-closed");

        // The ledger shows it closed.
        await page.GetByTestId("nav-window-ledger").ClickAsync();
        await Field(page, "window-filter-q").FillAsync(applicant);
        await page.GetByTestId("window-search").ClickAsync();
        var number = (await window.GetCaseAsync(caseId)).Number;
        await Assertions.Expect(page.GetByTestId($"window-status-{number}")).ToHaveAttributeAsync("data-status", "Closed");
        await ScreenshotAsync(page, "83-window-ledger");
        await page.GetByTestId("nav-window-figures").ClickAsync();
        await Assertions.Expect(page.GetByTestId("window-figures-fix-share")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "84-window-figures");
    }
}
