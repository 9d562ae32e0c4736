using System.Net;
using System.Text;
using Hotline.Tests.Api;

namespace Hotline.Tests.Tickets;

/// <summary>Bad input gets a 400 naming the field, and nothing is written.</summary>
public sealed class TicketValidationTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    private static Dictionary<string, object?> Valid(HotlineApp.Directory dir) => new()
    {
        ["channel"] = "Phone",
        ["callerPhone"] = "13812345678",
        ["callerName"] = "李女士",
        ["appealType"] = "Complaint",
        ["urgency"] = "Normal",
        ["categoryId"] = dir.Category("油烟污染"),
        ["areaId"] = dir.Area("府前社区"),
        ["address"] = "府前街1号",
        ["title"] = "饭店油烟直排",
        ["content"] = "楼下饭店油烟直排进居民家。",
        ["isConfidential"] = false,
    };

    public static TheoryData<string, object?, string> BadFields() => new()
    {
        { "title", null, "title" },
        { "title", new string('长', 101), "title" },
        { "content", "", "content" },
        { "content", new string('字', 4001), "content" },
        { "callerPhone", "12345", "callerPhone" },
        { "callerPhone", "1381234567a", "callerPhone" },
        { "callerPhone", null, "callerPhone" },             // required on the phone channel
        { "appealType", "Gossip", "appealType" },           // unknown enum value
        { "appealType", null, "appealType" },
        { "urgency", 42, "urgency" },
        { "categoryId", 999999, "categoryId" },            // no such category
        { "categoryId", "abc", "categoryId" },
        { "areaId", 999999, "areaId" },
        { "address", new string('路', 201), "address" },
        { "callerName", new string('名', 51), "callerName" },
        { "dispatch", new { leadDepartmentId = 999999, assistDepartmentIds = Array.Empty<long>() }, "dispatch.leadDepartmentId" },
        { "dispatch", new { assistDepartmentIds = Array.Empty<long>() }, "dispatch.leadDepartmentId" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Registration_with_a_bad_field_is_refused_by_name_and_writes_nothing(string field, object? value, string named)
    {
        var dir = await app.DirectoryAsync();
        var agent = await app.LoginAsync("agent");
        var body = Valid(dir);
        body[field] = value;
        var (tickets, events, sequences) = (await app.CountAsync("Ticket"), await app.CountAsync("TicketEvent"), await app.CountAsync("TicketNumberSequence"));

        var response = await agent.PostAsync("/api/tickets", body);

        await ProblemAssert.NamesFieldAsync(response, named);
        Assert.Equal((tickets, events, sequences), (await app.CountAsync("Ticket"), await app.CountAsync("TicketEvent"), await app.CountAsync("TicketNumberSequence")));
    }

    [Fact]
    public async Task Several_bad_fields_are_all_named_at_once()
    {
        var agent = await app.LoginAsync("agent");
        var response = await agent.PostAsync("/api/tickets", new { channel = "Phone", isConfidential = false });
        var problem = await ProblemAssert.NamesFieldAsync(response, "title");
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "content", "appealType", "urgency", "categoryId", "callerPhone" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Transitions_need_a_version_and_a_reason_where_the_lifecycle_asks_for_one()
    {
        var dir = await app.DirectoryAsync();
        var agent = await app.LoginAsync("agent");
        var ticket = await agent.RegisterAsync(Valid(dir));
        await ProblemAssert.NamesFieldAsync(await agent.TryActAsync(ticket.Id, "withdraw", new { reason = "撤单" }), "version");
        await ProblemAssert.NamesFieldAsync(await agent.TryActAsync(ticket.Id, "withdraw", new { ticket.Version, reason = "  " }), "reason");
        var dispatcher = await app.LoginAsync("dispatcher");
        var sameTwice = await dispatcher.TryActAsync(ticket.Id, "dispatch", new { ticket.Version, leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = new[] { dir.Department("CGJ") } });
        await ProblemAssert.NamesFieldAsync(sameTwice, "assistDepartmentIds");
        Assert.Equal(ticket.Version, (await agent.GetTicketAsync(ticket.Id)).Version);
    }

    [Fact]
    public async Task List_filters_with_unknown_values_are_refused_by_name()
    {
        var agent = await app.LoginAsync("agent");
        await ProblemAssert.NamesFieldAsync(await agent.Http.GetAsync("/api/tickets?status=Lost"), "status");
        await ProblemAssert.NamesFieldAsync(await agent.Http.GetAsync("/api/tickets?pageSize=5000"), "pageSize");
        await ProblemAssert.NamesFieldAsync(await agent.Http.GetAsync("/api/tickets?sort=callerPhone"), "sort");
        await ProblemAssert.NamesFieldAsync(await agent.Http.GetAsync("/api/tickets?from=yesterday"), "from");
    }

    [Fact]
    public async Task Oversized_requests_are_refused()
    {
        var agent = await app.LoginAsync("agent");
        var huge = new StringContent("{\"title\":\"" + new string('x', 300_000) + "\"}", Encoding.UTF8, "application/json");
        var response = await agent.Http.PostAsync("/api/tickets", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
