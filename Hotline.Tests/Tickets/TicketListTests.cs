using Hotline.Core.Tickets;
using Hotline.Tests.Api;

namespace Hotline.Tests.Tickets;

public sealed class TicketListTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    [Fact]
    public async Task Filters_paging_and_sorting()
    {
        var dir = await app.DirectoryAsync();
        var agent = await app.LoginAsync("agent");
        var dispatcher = await app.LoginAsync("dispatcher");
        var tag = "筛选测试" + Guid.NewGuid().ToString("N")[..6];
        var created = new List<TicketDetail>();
        for (var i = 0; i < 7; i++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            created.Add(await agent.RegisterAsync(new
            {
                channel = i % 2 == 0 ? "Phone" : "Web",
                callerPhone = "13700000000",
                appealType = i < 3 ? "Complaint" : "Consultation",
                urgency = i == 0 ? "Urgent" : "Normal",
                categoryId = dir.Category("违章停车"),
                title = $"{tag} 第{i}条",
                content = i == 6 ? "内容里有关键字 ABC_100%" : "普通内容",
                isConfidential = false,
                dispatch = i < 2 ? new { leadDepartmentId = dir.Department("JJDD"), assistDepartmentIds = Array.Empty<long>() } : null,
            }));
        }

        async Task<TicketPage> List(string query) => (await dispatcher.GetAsync<TicketPage>($"/api/tickets?q={Uri.EscapeDataString(tag)}&{query}"))!;

        var all = await List("pageSize=50");
        Assert.Equal(7, all.Total);
        Assert.Equal(created.Select(t => t.Id).Reverse(), all.Items.Select(t => t.Id)); // newest first by default

        Assert.Equal(3, (await List("appealType=Complaint")).Total);
        Assert.Equal(4, (await List("channel=Phone")).Total);
        Assert.Equal(1, (await List("urgency=Urgent")).Total);
        Assert.Equal(2, (await List("status=PendingSign")).Total);
        Assert.Equal(7, (await List("status=PendingSign&status=PendingDispatch")).Total);
        Assert.Equal(2, (await List($"departmentId={dir.Department("JJDD")}")).Total);
        Assert.Equal(1, (await List($"number={created[3].Number}")).Total);
        Assert.Equal(created[6].Id, Assert.Single((await dispatcher.GetAsync<TicketPage>("/api/tickets?q=" + Uri.EscapeDataString("ABC_100%")))!.Items).Id);

        var from = created[2].CreatedUtc.ToString("O");
        var to = created[5].CreatedUtc.ToString("O");
        Assert.Equal([created[4].Id, created[3].Id, created[2].Id], (await List($"from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}")).Items.Select(t => t.Id));

        var page2 = await List("page=2&pageSize=3&sort=createdUtc&desc=false");
        Assert.Equal((7, 2, 3), (page2.Total, page2.Page, page2.PageSize));
        Assert.Equal(created.Skip(3).Take(3).Select(t => t.Id), page2.Items.Select(t => t.Id));
        var byNumber = await List("sort=number&desc=false&pageSize=50");
        Assert.Equal(byNumber.Items.Select(t => t.Number).Order(StringComparer.Ordinal), byNumber.Items.Select(t => t.Number));
        Assert.Equal("交警大队", all.Items.Last().LeadDepartmentName);
        Assert.Equal("违章停车", all.Items.First().CategoryName);
    }
}
