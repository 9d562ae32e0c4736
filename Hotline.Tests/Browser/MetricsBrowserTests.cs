using System.Net.Http.Json;
using Hotline.Core.Metrics;
using Hotline.Tests.Api;
using Microsoft.Playwright;
using static Hotline.Tests.Browser.BrowserFixture;

namespace Hotline.Tests.Browser;

/// <summary>The performance screens (issue 9): department figures with screening, the dashboards, the printable bulletin.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MetricsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Figures_screening_dashboard_and_a_printable_bulletin()
    {
        // A ticket handled end to end by 区城管局 this month, visited 满意.
        var dir = await browser.App.DirectoryAsync();
        var agent = await browser.App.LoginAsync("agent");
        var cgjApi = await browser.App.LoginAsync("cgj");
        var dispatcherApi = await browser.App.LoginAsync("dispatcher");
        var ticket = await agent.RegisterAsync(new
        {
            channel = "Phone", callerPhone = "13712345678", appealType = "Complaint", urgency = "Normal", categoryId = dir.Category("噪音扰民"),
            areaId = dir.Area("滨江社区"), title = "绩效 " + Guid.NewGuid().ToString("N")[..6], content = "夜间施工，影响休息。", isConfidential = false,
            dispatch = new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() },
        });
        ticket = await cgjApi.ActAsync(ticket.Id, "sign", new { ticket.Version });
        ticket = await cgjApi.ActAsync(ticket.Id, "reply", new { ticket.Version, result = "已处理", resolved = true });
        ticket = await dispatcherApi.ActAsync(ticket.Id, "approve-reply", new { ticket.Version });
        await agent.ActAsync(ticket.Id, "visit", new { ticket.Version, satisfaction = "Satisfied", resolved = true });
        var cgj = dir.Department("CGJ");

        // The center reads the month's figures: 区城管局 is listed with what it received and its satisfaction.
        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await dispatcher.GetByTestId("nav-metrics-departments").ClickAsync();
        await Assertions.Expect(dispatcher.GetByTestId($"metrics-row-{cgj}")).ToHaveTextAsync("区城管局");
        await Assertions.Expect(dispatcher.GetByTestId($"metrics-received-{cgj}")).Not.ToHaveTextAsync("—");
        await Assertions.Expect(dispatcher.GetByTestId($"metrics-satisfaction-{cgj}")).ToContainTextAsync("%");
        var before = long.Parse(await dispatcher.GetByTestId($"metrics-received-{cgj}").InnerTextAsync());
        await Assertions.Expect(dispatcher.GetByTestId("metrics-export")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/api/metrics/departments/export\\?from=.*&to=.*"));
        await ScreenshotAsync(dispatcher, "90-metrics-departments");

        // 甄别: the ticket is taken out of 区城管局's figures with a reason, and the record shows.
        await dispatcher.GetByTestId("metrics-screen-open").ClickAsync();
        var dialog = dispatcher.GetByTestId("metrics-screen-dialog");
        await Field(dispatcher, "metrics-screen-number").FillAsync(ticket.Number);
        await Field(dispatcher, "metrics-screen-number").PressAsync("Tab");
        await Assertions.Expect(dialog.GetByTestId("metrics-screen-department")).ToContainTextAsync("区城管局");
        await Field(dispatcher, "metrics-screen-reason").FillAsync("诉求超出职责范围，不计入考核");
        await dialog.GetByTestId("metrics-screen-save").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(dispatcher.GetByTestId("metrics-screenings")).ToContainTextAsync("诉求超出职责范围，不计入考核");
        if (before == 1)
        {
            await Assertions.Expect(dispatcher.GetByTestId($"metrics-received-{cgj}")).ToHaveCountAsync(0); // nothing left to count: no row
        }
        else
        {
            await Assertions.Expect(dispatcher.GetByTestId($"metrics-received-{cgj}")).ToHaveTextAsync((before - 1).ToString());
        }

        // The supervisor's dashboards draw their charts.
        var supervisor = await browser.SignedInPageAsync("supervisor");
        await supervisor.GetByTestId("nav-metrics-dashboard").ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("metrics-today-total")).ToContainTextAsync("今日受理");
        foreach (var chart in new[] { "channels", "status", "overdue", "satisfaction", "heat" })
        {
            await Assertions.Expect(supervisor.GetByTestId($"metrics-chart-{chart}").Locator("canvas").First).ToBeVisibleAsync();
        }

        await ScreenshotAsync(supervisor, "91-metrics-dashboard");

        // The bulletin of this month, generated on demand, opens from the list and prints without the menu.
        var month = TimeZoneInfo.ConvertTimeFromUtc(browser.App.Time.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM");
        var supervisorApi = await browser.App.LoginAsync("supervisor");
        var created = await (await supervisorApi.PostAsync("/api/metrics/bulletins", new { month })).Content.ReadFromJsonAsync<BulletinView>(HotlineApp.Json);
        await supervisor.GetByTestId("nav-metrics-bulletins").ClickAsync();
        await supervisor.GetByTestId($"metrics-bulletin-open-{month}-{created!.Summary.Version}").ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("metrics-bulletin-heading")).ToContainTextAsync($"{month} 12345热线工单办理情况通报");
        await Assertions.Expect(supervisor.GetByTestId("metrics-bulletin-table")).ToBeVisibleAsync();
        await Assertions.Expect(supervisor.GetByTestId("metrics-bulletin-categories")).ToContainTextAsync("噪音扰民");
        await Assertions.Expect(supervisor.GetByTestId("metrics-bulletin-screenings")).ToContainTextAsync("诉求超出职责范围，不计入考核");
        await supervisor.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(supervisor.GetByTestId("metrics-bulletin-print")).ToBeHiddenAsync();
        await Assertions.Expect(supervisor.GetByTestId("nav-metrics-bulletins")).ToBeHiddenAsync();
        await ScreenshotAsync(supervisor, "92-metrics-bulletin-print");

        // A liaison sees the ranking, and figures only for its own department.
        ticket = await agent.RegisterAsync(new
        {
            channel = "Web", appealType = "Complaint", urgency = "Normal", categoryId = dir.Category("噪音扰民"), title = "绩效排名", content = "排名可见",
            isConfidential = false, dispatch = new { leadDepartmentId = cgj, assistDepartmentIds = Array.Empty<long>() },
        });
        var liaison = await browser.SignedInPageAsync("scjgj");
        await liaison.GetByTestId("nav-metrics-departments").ClickAsync();
        await Assertions.Expect(liaison.GetByTestId($"metrics-row-{cgj}")).ToHaveTextAsync("区城管局");
        await Assertions.Expect(liaison.GetByTestId($"metrics-received-{cgj}")).ToHaveTextAsync("—");
        await Assertions.Expect(liaison.GetByTestId("nav-metrics-dashboard")).ToHaveCountAsync(0);
    }
}
