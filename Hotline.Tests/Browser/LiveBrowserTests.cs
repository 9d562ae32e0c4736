using System.Net;
using System.Net.Http.Json;
using Hotline.Core.Data;
using Hotline.Core.Escalations;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using static Hotline.Tests.Browser.BrowserFixture;

namespace Hotline.Tests.Browser;

/// <summary>Live updates in the browser: pushed over /hubs/live, no reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveBrowserTests(BrowserFixture browser)
{
    private async Task<TicketDetail> RegisterAsync(string title, string urgency, string phone = "13912345678")
    {
        var dir = await browser.App.DirectoryAsync();
        var agent = await browser.App.LoginAsync("agent");
        return await agent.RegisterAsync(new
        {
            channel = "Phone", callerPhone = phone, appealType = "HelpRequest", urgency, categoryId = dir.Category("燃气安全"),
            title, content = "楼道里有燃气味。", isConfidential = false,
            dispatch = new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() },
        });
    }

    private static async Task ConnectedAsync(IPage page)
    {
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-state", "connected");
        await page.EvaluateAsync("() => { window.__sameDocument = true }"); // gone if the page reloads
    }

    private static async Task NotReloadedAsync(IPage page) => Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));

    [Fact]
    public async Task An_escalation_raised_by_the_worker_appears_on_the_supervisor_board_without_a_reload()
    {
        var supervisor = await browser.SignedInPageAsync("supervisor");
        await supervisor.GotoAsync("/escalations");
        await ConnectedAsync(supervisor);
        var liaison = await browser.SignedInPageAsync("cgj");
        await liaison.GotoAsync("/inbox");
        await ConnectedAsync(liaison);

        // A new dispatch shows up in the department's inbox by itself.
        var title = "燃气泄漏 " + Guid.NewGuid().ToString("N")[..6];
        var ticket = await RegisterAsync(title, "Emergency"); // sign within 30 minutes
        await Assertions.Expect(liaison.GetByTestId("inbox-table").GetByText(title)).ToBeVisibleAsync();
        await NotReloadedAsync(liaison);

        // The Worker, as its own process would: own connection factory, database gate and id node.
        browser.App.Time.Advance(TimeSpan.FromMinutes(31));
        var options = browser.App.Services.GetRequiredService<DatabaseOptions>();
        var worker = new DeadlineSweeper(new Database(new DbConnectionFactory(options, browser.App.DataFolder), TransientFaults.CreatePipeline()),
            new IdGenerator(browser.App.Time, 9), browser.App.Time, NullLogger<DeadlineSweeper>.Instance);
        Assert.True((await worker.SweepAsync(CancellationToken.None)).Raised >= 2);

        await Assertions.Expect(supervisor.Locator(".live-escalation", new() { HasTextString = ticket.Number }).First).ToBeVisibleAsync();
        await Assertions.Expect(supervisor.GetByTestId($"escalation-ticket-{ticket.Number}").First).ToBeVisibleAsync();
        await NotReloadedAsync(supervisor);
        await ScreenshotAsync(supervisor, "70-live-escalation-board");
    }

    [Fact]
    public async Task The_phone_system_pops_the_callers_history_on_the_agents_screen()
    {
        var earlier = await RegisterAsync("上次来电 " + Guid.NewGuid().ToString("N")[..6], "Normal", phone: "13700001111");
        var agent = await browser.SignedInPageAsync("agent");
        await agent.GotoAsync("/tickets");
        await ConnectedAsync(agent);

        using var phone = browser.App.CreateClient();
        phone.DefaultRequestHeaders.Add("X-Api-Key", HotlineApp.PhoneApiKey);
        // The phone system names the seat that rings: 8001 is the demo agent's extension.
        var call = await phone.PostAsJsonAsync("/api/integrations/phone/incoming-call", new { callerNumber = "137-0000-1111", agentExtension = "8001", callId = "CALL-LIVE-1" });
        Assert.Equal(HttpStatusCode.Accepted, call.StatusCode);

        await Assertions.Expect(agent).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/intake$"));
        await Assertions.Expect(Field(agent, "intake-phone")).ToHaveValueAsync("13700001111");
        await Assertions.Expect(agent.GetByTestId("intake-history-item").Filter(new() { HasTextString = earlier.Title })).ToBeVisibleAsync();
        await Assertions.Expect(agent.Locator(".live-incoming-call")).ToContainTextAsync("13700001111");
        // The call id rides with the form (saved as the draft), so the ticket registered from it carries it.
        Assert.Equal("CALL-LIVE-1", await agent.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('hotline.intake.draft')).callId"));
        await NotReloadedAsync(agent);
        await ScreenshotAsync(agent, "71-screen-pop");
    }
}
