using Hotline.Core.Tickets;
using Microsoft.Playwright;
using static Hotline.Tests.Browser.BrowserFixture;

namespace Hotline.Tests.Browser;

/// <summary>The center works from its queues, the administrator from the directory screens.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QueuesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_center_dispatches_from_its_queue_and_the_ticket_moves_on()
    {
        var dir = await browser.App.DirectoryAsync();
        var agent = await browser.App.LoginAsync("agent");
        var title = "队列派单 " + Guid.NewGuid().ToString("N")[..6];
        var ticket = await agent.RegisterAsync(new
        {
            channel = "Web", appealType = "Complaint", urgency = "Urgent", categoryId = dir.Category("违章停车"),
            title, content = "小区门口长期违停。", isConfidential = false,
        });

        var page = await browser.SignedInPageAsync("dispatcher");
        await page.GetByTestId("nav-center-dispatch").ClickAsync();
        var row = page.Locator(".el-table__row", new() { HasTextString = title });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await ScreenshotAsync(page, "30-center-dispatch-queue");
        await row.GetByTestId("action-dispatch").ClickAsync();
        await page.GetByTestId("dispatch-lead").ClickAsync();
        await page.GetByTestId($"dispatch-lead-option-{dir.Department("JJDD")}").ClickAsync();
        await page.GetByTestId("action-dialog").GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0); // dispatched: gone from the queue

        Assert.Equal(TicketStatus.PendingSign, (await agent.GetTicketAsync(ticket.Id)).Status);
        foreach (var queue in new[] { "center-returns", "center-review", "center-visit" })
        {
            await page.GetByTestId($"nav-{queue}").ClickAsync();
            await Assertions.Expect(page.GetByTestId("queue-refresh")).ToBeVisibleAsync();
            await ScreenshotAsync(page, $"31-{queue}");
        }
    }

    [Fact]
    public async Task The_administrator_sees_the_directory()
    {
        var page = await browser.SignedInPageAsync("admin");
        foreach (var (screen, expected) in new[] { ("admin-departments", "区城管局"), ("admin-areas", "江滨街道"), ("admin-categories", "噪音扰民"), ("admin-users", "dispatcher") })
        {
            await page.GotoAsync("/" + screen.Replace('-', '/'));
            await Assertions.Expect(page.GetByText(expected).First).ToBeVisibleAsync();
            await ScreenshotAsync(page, $"40-{screen}");
        }
    }
}
