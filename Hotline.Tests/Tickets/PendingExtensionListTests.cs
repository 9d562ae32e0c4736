using System.Globalization;
using System.Net;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;

namespace Hotline.Tests.Tickets;

/// <summary>The center's 延期审核 queue: tickets whose extension request waits for a decision; and the server's clock for countdowns.</summary>
public sealed class PendingExtensionListTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    [Fact]
    public async Task The_list_filters_tickets_with_a_pending_extension_and_carries_the_clocks()
    {
        var dir = await app.DirectoryAsync();
        var agent = await app.LoginAsync("agent");
        var dispatcher = await app.LoginAsync("dispatcher");
        var cgj = await app.LoginAsync("cgj");
        var tag = "延期筛选" + Guid.NewGuid().ToString("N")[..6];
        var tickets = new List<TicketDetail>();
        for (var i = 0; i < 3; i++)
        {
            var t = await agent.RegisterAsync(new
            {
                channel = "Phone", callerPhone = "13700000001", appealType = "Complaint", urgency = "Normal",
                categoryId = dir.Category("违章停车"), title = $"{tag} {i}", content = "占道停车", isConfidential = false,
                dispatch = new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() },
            });
            tickets.Add(await cgj.ActAsync(t.Id, "sign", new { t.Version }));
        }

        await cgj.ActAsync(tickets[0].Id, "request-extension", new { tickets[0].Version, reason = "需联合执法", workingDays = 2 });
        var second = await cgj.ActAsync(tickets[1].Id, "request-extension", new { tickets[1].Version, reason = "材料未齐", workingDays = 1 });
        await dispatcher.ActAsync(second.Id, "reject-extension", new { second.Version, reason = "时限充足" });

        async Task<TicketPage> List(string query) => (await dispatcher.GetAsync<TicketPage>($"/api/tickets?q={Uri.EscapeDataString(tag)}&{query}"))!;

        var pending = await List("pendingExtension=true");
        Assert.Equal(tickets[0].Id, Assert.Single(pending.Items).Id);
        Assert.Equal(1, pending.Total);
        Assert.NotNull(pending.Items[0].HandleDueUtc);
        Assert.NotNull(pending.Items[0].HandleWarnUtc);
        Assert.True(pending.Items[0].HandleWarnUtc < pending.Items[0].HandleDueUtc);
        Assert.Equal([tickets[2].Id, tickets[1].Id], (await List("pendingExtension=false")).Items.Select(t => t.Id));
        Assert.Equal(3, (await List("")).Total);
        await ProblemAssert.NamesFieldAsync(await dispatcher.Http.GetAsync("/api/tickets?pendingExtension=maybe"), "pendingExtension");
    }

    [Fact]
    public async Task Every_api_answer_tells_the_servers_time_even_an_error()
    {
        var agent = await app.LoginAsync("agent");
        app.Time.Advance(TimeSpan.FromMinutes(7));
        var expected = app.Time.GetUtcNow();
        foreach (var response in new[] { await agent.Http.GetAsync("/api/auth/me"), await agent.Http.GetAsync("/api/tickets/999999999") })
        {
            var header = Assert.Single(response.Headers.GetValues("X-Server-Time"));
            var told = DateTimeOffset.Parse(header, CultureInfo.InvariantCulture);
            Assert.True((told - expected).Duration() < TimeSpan.FromSeconds(1), $"{told:O} vs {expected:O}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await agent.Http.GetAsync("/api/tickets/999999999")).StatusCode);
    }
}
