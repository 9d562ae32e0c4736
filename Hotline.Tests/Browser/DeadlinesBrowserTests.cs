using System.Text.RegularExpressions;
using Hotline.Core.Escalations;
using Hotline.Core.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Hotline.Tests.Browser.BrowserFixture;

namespace Hotline.Tests.Browser;

/// <summary>
/// The deadline screens (issue 5): countdowns, the extension round trip, the 督办台 and the calendar. The server runs on
/// fake time; the screens count down against the server's clock (X-Server-Time), so moving it moves them too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeadlinesBrowserTests(BrowserFixture browser)
{
    private async Task<TicketDetail> DispatchedTicketAsync(string title, string urgency = "Normal")
    {
        var dir = await browser.App.DirectoryAsync();
        var agent = await browser.App.LoginAsync("agent");
        return await agent.RegisterAsync(new
        {
            channel = "Phone", callerPhone = "13912345678", appealType = "Complaint", urgency,
            categoryId = dir.Category("噪音扰民"), title, content = "夜间施工，影响休息。", isConfidential = false,
            dispatch = new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() },
        });
    }

    private static ILocator Row(IPage page, string testId) => page.Locator("tr.el-table__row", new() { Has = page.GetByTestId(testId) });

    private static Task<string> LocalTimeAsync(IPage page, DateTime utc) =>
        page.EvaluateAsync<string>(
            "iso => { const d = new Date(iso); const p = n => String(n).padStart(2, '0'); return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`; }",
            DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O"));

    [Fact]
    public async Task A_liaison_sees_the_countdown_asks_for_an_extension_and_the_new_due_time_shows_after_the_center_approves()
    {
        var title = "延期往返 " + Guid.NewGuid().ToString("N")[..6];
        var ticket = await DispatchedTicketAsync(title);
        Assert.NotNull(ticket.SignDueUtc);

        // The inbox counts the sign deadline down on 待签收, live.
        var liaison = await browser.SignedInPageAsync("cgj");
        await liaison.GotoAsync("/inbox");
        var row = Row(liaison, $"ticket-link-{ticket.Number}");
        var signClock = row.GetByTestId("row-countdown-Sign");
        await Assertions.Expect(signClock).ToHaveAttributeAsync("data-state", "green");
        await Assertions.Expect(signClock).ToContainTextAsync("剩余");
        await ScreenshotAsync(liaison, "50-inbox-countdown");

        // Signed, it moves to 办理中 with the handle clock; the liaison asks for two more working days.
        await row.GetByTestId("action-sign").ClickAsync();
        await liaison.GetByTestId("action-dialog").GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(liaison.GetByTestId("action-dialog")).ToBeHiddenAsync();
        await liaison.Locator("#tab-inProgress").ClickAsync();
        row = Row(liaison, $"ticket-link-{ticket.Number}");
        await Assertions.Expect(row.GetByTestId("row-countdown-Handle")).ToContainTextAsync("剩余");
        await row.GetByTestId("action-request-extension").ClickAsync();
        var dialog = liaison.GetByTestId("action-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByTestId("extension-current-due")).ToBeVisibleAsync();
        await dialog.GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(dialog.Locator(".el-form-item__error")).ToContainTextAsync("请填写原因"); // the reason is required
        await Field(liaison, "action-working-days").FillAsync("2");
        await Field(liaison, "action-reason").FillAsync("需与住建局联合执法，现场核查需要时间");
        await ScreenshotAsync(liaison, "51-request-extension");
        await Field(liaison, "action-reason").PressAsync("Enter"); // Enter submits
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        var pending = await (await browser.App.LoginAsync("admin")).GetTicketAsync(ticket.Id);
        var oldDue = pending.HandleDueUtc!.Value;
        await liaison.GotoAsync($"/tickets/{ticket.Id}");
        await Assertions.Expect(liaison.GetByTestId("extension-pending")).ToContainTextAsync("2 个工作日");
        await Assertions.Expect(liaison.GetByTestId("action-request-extension")).ToHaveCountAsync(0); // one request at a time

        // The center finds it in 延期审核 and approves.
        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await dispatcher.GetByTestId("nav-center-extensions").ClickAsync();
        var queueRow = Row(dispatcher, $"ticket-link-{ticket.Number}");
        await Assertions.Expect(dispatcher.GetByTestId("queue-table-extensions")).ToBeVisibleAsync();
        await ScreenshotAsync(dispatcher, "52-extension-queue");
        await queueRow.GetByTestId("action-approve-extension").ClickAsync();
        dialog = dispatcher.GetByTestId("action-dialog");
        await Assertions.Expect(dialog.GetByTestId("extension-reason")).ToHaveTextAsync("需与住建局联合执法，现场核查需要时间");
        await Assertions.Expect(dialog.GetByTestId("extension-days")).ToHaveTextAsync("2 个工作日");
        await ScreenshotAsync(dispatcher, "53-approve-extension");
        await dialog.GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(dispatcher.GetByTestId($"ticket-link-{ticket.Number}")).ToHaveCountAsync(0); // decided: off the queue

        // The detail shows the approved extension and the new due time on the handle clock.
        var approved = await (await browser.App.LoginAsync("admin")).GetTicketAsync(ticket.Id);
        Assert.True(approved.HandleDueUtc > oldDue);
        var newDue = await LocalTimeAsync(liaison, approved.HandleDueUtc!.Value);
        await liaison.GetByTestId("ticket-refresh").ClickAsync();
        await Assertions.Expect(liaison.GetByTestId("clock-due-Handle")).ToHaveTextAsync(newDue);
        await Assertions.Expect(liaison.GetByTestId("ticket-extensions").GetByTestId("extension-status-Approved")).ToBeVisibleAsync();
        await Assertions.Expect(liaison.GetByTestId("ticket-extensions").GetByTestId("extension-new-due")).ToHaveTextAsync(newDue);
        await Assertions.Expect(liaison.GetByTestId("countdown-Handle")).ToHaveAttributeAsync("data-state", "green");
        await Assertions.Expect(liaison.GetByTestId("deadline-policy")).ToContainTextAsync("投诉");
        await Assertions.Expect(liaison.GetByTestId("timeline-ApproveExtension")).ToContainTextAsync("同意延期");
        await Assertions.Expect(liaison.Locator(".el-loading-mask")).ToHaveCountAsync(0); // the reload's mask has faded
        await ScreenshotAsync(liaison, "54-detail-extension-approved");
    }

    [Fact]
    public async Task After_the_sign_deadline_passes_the_supervisor_sees_the_red_escalation_and_acknowledges_it()
    {
        var title = "签收超时 " + Guid.NewGuid().ToString("N")[..6];
        var ticket = await DispatchedTicketAsync(title, urgency: "Emergency"); // sign within 30 minutes
        browser.App.Time.Advance(TimeSpan.FromMinutes(31));
        var sweep = await browser.App.Services.GetRequiredService<DeadlineSweeper>().SweepAsync(CancellationToken.None);
        Assert.True(sweep.Raised >= 1);

        // The list shows the sign clock red against the server's clock, whatever the PC's clock says.
        var liaison = await browser.SignedInPageAsync("cgj");
        await liaison.GotoAsync("/inbox");
        var inboxClock = Row(liaison, $"ticket-link-{ticket.Number}").GetByTestId("row-countdown-Sign");
        await Assertions.Expect(inboxClock).ToHaveAttributeAsync("data-state", "red");
        await Assertions.Expect(inboxClock).ToContainTextAsync("超时");

        var supervisor = await browser.SignedInPageAsync("supervisor");
        await Assertions.Expect(supervisor).ToHaveURLAsync(new Regex("/escalations$")); // supervisors land on the board
        await Assertions.Expect(supervisor.GetByTestId("counter-Sign-Red")).Not.ToHaveTextAsync(new Regex("^\\s*[–0]\\s*$"));
        await supervisor.GetByTestId("counter-Sign-Red").ClickAsync();
        var row = Row(supervisor, $"escalation-ticket-{ticket.Number}");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("escalation-level")).ToHaveAttributeAsync("data-level", "Red");
        await Assertions.Expect(row.GetByTestId("escalation-kind")).ToHaveAttributeAsync("data-kind", "Sign");
        await Assertions.Expect(row).ToContainTextAsync("区城管局");
        await ScreenshotAsync(supervisor, "55-escalations");

        await row.Locator("[data-testid^='escalation-ack-']").ClickAsync();
        await Assertions.Expect(row.GetByTestId("escalation-acknowledged")).ToContainTextAsync("赵敏");
        await supervisor.GetByTestId("escalations-filter-ack").ClickAsync();
        await supervisor.GetByTestId("escalations-filter-ack-option-no").ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId($"escalation-ticket-{ticket.Number}")).ToHaveCountAsync(0);
        await ScreenshotAsync(supervisor, "56-escalations-acknowledged");

        // The ticket number leads to the ticket.
        await supervisor.GetByTestId("escalations-reset").ClickAsync();
        await supervisor.GetByTestId($"escalation-ticket-{ticket.Number}").First.ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("ticket-number")).ToHaveTextAsync(ticket.Number);
        await Assertions.Expect(supervisor.GetByTestId("countdown-Sign")).ToHaveAttributeAsync("data-state", "red");
    }

    [Fact]
    public async Task The_administrator_sees_2026_with_its_holidays_and_make_up_days_and_a_missing_year_is_reported()
    {
        var admin = await browser.SignedInPageAsync("admin");
        await admin.GotoAsync("/admin/calendar");
        await Field(admin, "calendar-year").FillAsync("2026");
        await Field(admin, "calendar-year").PressAsync("Enter");
        await Assertions.Expect(admin.GetByTestId("calendar-day-2026-10-01")).ToHaveAttributeAsync("data-type", "holiday");
        await Assertions.Expect(admin.GetByTestId("calendar-day-2026-10-01")).ToContainTextAsync("休");
        await Assertions.Expect(admin.GetByTestId("calendar-day-2026-10-10")).ToHaveAttributeAsync("data-type", "workday");
        await Assertions.Expect(admin.GetByTestId("calendar-day-2026-10-10")).ToContainTextAsync("班");
        await Assertions.Expect(admin.GetByTestId("calendar-day-2026-10-12")).ToHaveAttributeAsync("data-type", "normal");
        await Assertions.Expect(admin.GetByTestId("calendar-missing")).ToHaveCountAsync(0);
        await ScreenshotAsync(admin, "57-calendar-2026");

        // The calculator: one working day from 30 Sep 10:00 (Beijing) ends after the National Day holiday.
        await admin.GetByTestId("calc-from").Locator("input").FillAsync("2026-09-30 10:00");
        await admin.GetByTestId("calc-from").Locator("input").PressAsync("Enter");
        await admin.GetByTestId("calc-add").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("calc-add-result")).ToContainTextAsync("2026-10-0");

        // A year without a calendar says so; a bad CSV line is reported and changes nothing; a day is set by hand.
        await Field(admin, "calendar-year").FillAsync("2031");
        await Field(admin, "calendar-year").PressAsync("Enter");
        await Assertions.Expect(admin.GetByTestId("calendar-missing")).ToContainTextAsync("2031");
        await admin.GetByTestId("calendar-import").ClickAsync();
        await Field(admin, "calendar-import-text").FillAsync("2031-01-01,休,元旦\n2031-02-30,休,不存在");
        await admin.GetByTestId("calendar-import-dialog").GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("calendar-import-dialog").Locator(".el-form-item__error")).ToContainTextAsync("2");
        await ScreenshotAsync(admin, "58-calendar-import-error");
        await admin.Keyboard.PressAsync("Escape");
        await Assertions.Expect(admin.GetByTestId("calendar-import-dialog")).ToBeHiddenAsync();
        await Assertions.Expect(admin.GetByTestId("calendar-day-2031-01-01")).ToHaveAttributeAsync("data-type", "normal");

        await admin.GetByTestId("calendar-day-2031-01-01").ClickAsync();
        await admin.GetByTestId("calendar-day-type-holiday").ClickAsync();
        await Field(admin, "calendar-day-note").FillAsync("元旦");
        await Field(admin, "calendar-day-note").PressAsync("Enter");
        await Assertions.Expect(admin.GetByTestId("calendar-day-2031-01-01")).ToHaveAttributeAsync("data-type", "holiday");
        await admin.GetByTestId("calendar-next").ClickAsync(); // unsaved changes: asks before leaving the year
        await admin.Locator(".el-message-box").GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Assertions.Expect(Field(admin, "calendar-year")).ToHaveValueAsync("2031");
        await Assertions.Expect(admin.GetByTestId("calendar-dirty")).ToBeVisibleAsync();
        await Field(admin, "calendar-source").FillAsync("2031年安排（测试）");
        await admin.GetByTestId("calendar-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("calendar-missing")).ToHaveCountAsync(0);
        await admin.ReloadAsync();
        await Field(admin, "calendar-year").FillAsync("2031");
        await Field(admin, "calendar-year").PressAsync("Enter");
        await Assertions.Expect(admin.GetByTestId("calendar-day-2031-01-01")).ToHaveAttributeAsync("data-type", "holiday");

        // The policies: the design defaults, and a new one for the future.
        await admin.GetByTestId("nav-admin-policies").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("policies-table")).ToContainTextAsync("30 分钟");
        await admin.GetByTestId("policies-create").ClickAsync();
        await PickOptionAsync(admin, "policy-appealType", "policy-appealType-option-Praise");
        await Field(admin, "policy-handle-value").FillAsync("7");
        await admin.GetByTestId("policy-effectiveFrom").Locator("input").FillAsync("2031-01-01 00:00");
        await admin.GetByTestId("policy-effectiveFrom").Locator("input").PressAsync("Enter");
        await ScreenshotAsync(admin, "59-new-policy");
        await admin.GetByTestId("policy-dialog").GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("policy-dialog")).ToBeHiddenAsync();
        var upcoming = admin.Locator("tr.el-table__row", new() { Has = admin.GetByTestId("policy-state-future") });
        await Assertions.Expect(upcoming).ToContainTextAsync("表扬");
        await Assertions.Expect(upcoming).ToContainTextAsync("7 工作日");
        await ScreenshotAsync(admin, "60-policies");
    }
}
