using System.Net;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;

namespace Hotline.Tests.Tickets;

public sealed class TicketConcurrencyTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    private static object Call(HotlineApp.Directory dir, int i, object? dispatch = null) => new
    {
        channel = "Web", appealType = "Suggestion", urgency = "Normal", categoryId = dir.Category("公交服务"),
        title = $"建议增加公交班次 {i}", content = "早高峰公交太挤。", isConfidential = false, dispatch,
    };

    [Fact]
    public async Task Fifty_parallel_registrations_get_fifty_distinct_numbers()
    {
        var dir = await app.DirectoryAsync();
        var agents = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => app.LoginAsync("agent")));
        var tickets = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => agents[i % agents.Length].RegisterAsync(Call(dir, i))));

        Assert.Equal(50, tickets.Select(t => t.Number).Distinct().Count());
        Assert.Equal(50, tickets.Select(t => t.Id).Distinct().Count());
        var sequence = tickets.Select(t => int.Parse(t.Number.Split('-')[1])).Order().ToList();
        Assert.Equal(sequence.Count, sequence.Distinct().Count());
    }

    [Fact]
    public async Task Two_concurrent_signs_of_one_ticket_exactly_one_wins()
    {
        var dir = await app.DirectoryAsync();
        var agent = await app.LoginAsync("agent");
        var liaisons = await Task.WhenAll(app.LoginAsync("cgj"), app.LoginAsync("cgj"));
        for (var round = 0; round < 5; round++)
        {
            var ticket = await agent.RegisterAsync(Call(dir, round, new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() }));
            var responses = await Task.WhenAll(liaisons.Select(l => l.TryActAsync(ticket.Id, "sign", new { ticket.Version })));

            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            var after = await liaisons[0].GetTicketAsync(ticket.Id);
            Assert.Equal(TicketStatus.InProgress, after.Status);
            Assert.Single(after.Events, e => e.Action == TicketAction.Sign);
        }
    }
}
