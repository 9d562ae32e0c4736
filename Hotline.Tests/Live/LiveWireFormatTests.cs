using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline.Core.Escalations;
using Hotline.Core.Tickets;
using Hotline.Core.Window;
using Hotline.Tests.Api;
using Hotline.Tests.Window;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Live;

/// <summary>
/// What the live hub puts on the wire: no property is ever null (absent instead: a burst to 5,000 screens is one record
/// per screen, and a quarter of it was nulls), an escalation does not repeat what its message says (its ticket and
/// department, and raisedUtc when it is the message's occurredUtc), instants go to the millisecond, and each message
/// still carries everything a screen shows; a sweep's ten escalations fit one 4 KB WebSocket frame.
/// </summary>
public sealed class LiveWireFormatTests : IAsyncLifetime
{
    // Monday 7 Dec 2026, 10:00 in Beijing.
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly HotlineApp _app = new();

    public Task InitializeAsync()
    {
        _app.Time.Set(Start);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static bool IsTicket(JsonElement m, long ticketId) => m.TryGetProperty("ticketId", out var t) && t.GetInt64() == ticketId;

    /// <summary>Every null anywhere in the JSON, by path.</summary>
    private static IEnumerable<string> Nulls(JsonElement e, string path = "$") => e.ValueKind switch
    {
        JsonValueKind.Null => [path],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Nulls(p.Value, $"{path}.{p.Name}")),
        JsonValueKind.Array => e.EnumerateArray().SelectMany((x, i) => Nulls(x, $"{path}[{i}]")),
        _ => [],
    };

    private static string[] Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    /// <summary>An instant as the hub writes it: UTC, to the millisecond at most.</summary>
    private static readonly Regex Instant = new(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$");

    [Fact]
    public async Task Live_messages_and_catch_up_leave_nulls_out_and_still_carry_what_a_screen_needs()
    {
        await using var supervisor = await LiveTestClient.ConnectAsync(_app, "supervisor");
        await using var cgj = await LiveTestClient.ConnectAsync(_app, "cgj");
        var dir = await _app.DirectoryAsync();
        var ticket = await (await _app.LoginAsync("agent")).RegisterAsync(new
        {
            channel = "Phone", callerPhone = "13912340001", appealType = "HelpRequest", urgency = "Emergency", categoryId = dir.Category("燃气安全"),
            title = "燃气泄漏", content = "楼道里有燃气味。", isConfidential = false,
            dispatch = new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() },
        });

        // A ticket change: the action, who did it and for which department; no reason, escalation or call (they were null).
        var changes = await supervisor.ReceiveUntilAsync((_, m) => IsTicket(m, ticket.Id) && m.GetProperty("action").GetString() == "Dispatch");
        var dispatch = changes[^1].Message;
        Assert.Empty(Nulls(dispatch));
        Assert.Equal(["action", "actorName", "departmentId", "departmentName", "occurredUtc", "seq", "ticketId", "ticketNumber", "ticketStatus", "ticketTitle", "type"], Names(dispatch));
        Assert.Equal("TicketChanged", dispatch.GetProperty("type").GetString());
        Assert.Equal(ticket.Number, dispatch.GetProperty("ticketNumber").GetString());
        Assert.Equal("燃气泄漏", dispatch.GetProperty("ticketTitle").GetString());
        Assert.Equal("PendingSign", dispatch.GetProperty("ticketStatus").GetString());
        Assert.Equal(dir.Department("CGJ"), dispatch.GetProperty("departmentId").GetInt64());

        // Past the sign yellow threshold (at 10:25:00.1234567): the escalation, open and unacknowledged. Its ticket and
        // department are the message's, its raisedUtc the message's occurredUtc, cut to the millisecond.
        _app.Time.Set(Start.AddMinutes(25).AddTicks(1_234_567));
        Assert.Equal(1, (await _app.Services.GetRequiredService<DeadlineSweeper>().SweepAsync(CancellationToken.None)).Raised);
        var raised = (await supervisor.ReceiveUntilAsync((t, _) => t == "EscalationRaised"))[^1].Message;
        Assert.Empty(Nulls(raised));
        Assert.Equal(["departmentId", "departmentName", "escalation", "occurredUtc", "seq", "ticketId", "ticketNumber", "ticketStatus", "ticketTitle", "type"], Names(raised));
        Assert.Equal(ticket.Id, raised.GetProperty("ticketId").GetInt64());
        Assert.Equal(ticket.Number, raised.GetProperty("ticketNumber").GetString());
        Assert.Equal("燃气泄漏", raised.GetProperty("ticketTitle").GetString());
        Assert.Equal("PendingSign", raised.GetProperty("ticketStatus").GetString());
        Assert.Equal(dir.Department("CGJ"), raised.GetProperty("departmentId").GetInt64());
        Assert.EndsWith("城管局", raised.GetProperty("departmentName").GetString());
        Assert.Equal("2026-12-07T02:25:00.123Z", raised.GetProperty("occurredUtc").GetString());
        var escalation = raised.GetProperty("escalation");
        Assert.Equal(["dueUtc", "id", "kind", "level"], Names(escalation));
        Assert.Equal("Sign", escalation.GetProperty("kind").GetString());
        Assert.Equal("Yellow", escalation.GetProperty("level").GetString());
        Assert.Matches(Instant, escalation.GetProperty("dueUtc").GetString());
        // The board's own read of the same escalation: what the client restores is what the API says.
        var supervisorHttp = await _app.LoginAsync("supervisor");
        var id = escalation.GetProperty("id").GetInt64();
        var board = (await supervisorHttp.GetAsync<EscalationPage>("/api/escalations"))!.Items.Single(e => e.Id == id);
        Assert.Equal((board.TicketId, board.TicketNumber, board.TicketTitle, board.TicketStatus?.ToString(), board.DepartmentId, board.DepartmentName),
            (raised.GetProperty("ticketId").GetInt64(), raised.GetProperty("ticketNumber").GetString(), raised.GetProperty("ticketTitle").GetString(),
                raised.GetProperty("ticketStatus").GetString(), raised.GetProperty("departmentId").GetInt64(), raised.GetProperty("departmentName").GetString()));
        Assert.Equal(board.RaisedUtc.AddTicks(-(board.RaisedUtc.Ticks % TimeSpan.TicksPerMillisecond)), raised.GetProperty("occurredUtc").GetDateTime());
        Assert.Equal(board.DueUtc, escalation.GetProperty("dueUtc").GetDateTime());

        // Acknowledged: now the escalation carries who and when, and its raisedUtc (not the message's occurredUtc).
        _app.Time.Set(Start.AddMinutes(26));
        (await supervisorHttp.Http.PostAsync($"/api/escalations/{id}/acknowledge", null)).EnsureSuccessStatusCode();
        var acknowledged = (await supervisor.ReceiveUntilAsync((t, _) => t == "EscalationAcknowledged"))[^1].Message;
        Assert.Empty(Nulls(acknowledged));
        Assert.Equal(id, acknowledged.GetProperty("escalation").GetProperty("id").GetInt64());
        Assert.Equal("2026-12-07T02:25:00.123Z", acknowledged.GetProperty("escalation").GetProperty("raisedUtc").GetString());
        Assert.Equal("2026-12-07T02:26:00Z", acknowledged.GetProperty("escalation").GetProperty("acknowledgedUtc").GetString());
        Assert.Equal(ticket.Id, acknowledged.GetProperty("ticketId").GetInt64());
        Assert.False(string.IsNullOrEmpty(acknowledged.GetProperty("escalation").GetProperty("acknowledgedByName").GetString()));
        Assert.True(acknowledged.GetProperty("escalation").TryGetProperty("acknowledgedUtc", out _));
        Assert.False(acknowledged.GetProperty("escalation").TryGetProperty("clearedUtc", out _));

        // The catch-up answer has the same shape: the liaison asks for what came after its first message.
        var first = (await cgj.ReceiveUntilAsync((t, _) => t == "EscalationAcknowledged"))[0].Message.GetProperty("seq").GetInt64();
        var catchUp = await cgj.InvokeAsync("CatchUp", first);
        Assert.Empty(Nulls(catchUp));
        var missed = catchUp.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["TicketChanged", "EscalationRaised", "EscalationAcknowledged"], missed.Select(m => m.GetProperty("type").GetString()));
        Assert.Equal(Names(raised), Names(missed[1]));
        // The catch-up reads the escalation as it is now: acknowledged since it was pushed, so it says by whom as well.
        Assert.Subset(Names(missed[1].GetProperty("escalation")).ToHashSet(), Names(escalation).ToHashSet());
        Assert.True(missed[1].GetProperty("escalation").TryGetProperty("acknowledgedByName", out _));
    }

    [Fact]
    public async Task A_window_case_escalation_carries_the_case_number_and_title_itself()
    {
        var dir = await _app.DirectoryAsync();
        await using var supervisor = await LiveTestClient.ConnectAsync(_app, "supervisor");
        var window = await _app.LoginAsync("window");
        var c = await window.CreateAsync(WindowApi.Intake());
        c = await window.CaseAsync(c.Id, "handle", new { version = c.Version, mode = "Department", leadDepartmentId = dir.Department("ZJJ"), categoryId = dir.Category("房屋质量") });
        _app.Time.Set(new DateTimeOffset(c.DueUtc!.Value, TimeSpan.Zero).AddMinutes(1));
        Assert.True(await _app.Services.GetRequiredService<WindowCaseSweeper>().SweepAsync(CancellationToken.None) > 0);

        var raised = (await supervisor.ReceiveUntilAsync((t, m) => t == "EscalationRaised" && m.GetProperty("escalation").TryGetProperty("windowCaseId", out _)))[^1].Message;
        Assert.Empty(Nulls(raised));
        // No ticket: the message has no ticket fields, so the escalation names the case.
        Assert.Equal(["departmentId", "departmentName", "escalation", "occurredUtc", "seq", "type"], Names(raised));
        Assert.Equal("区住建局", raised.GetProperty("departmentName").GetString());
        var escalation = raised.GetProperty("escalation");
        Assert.Equal(["dueUtc", "id", "kind", "level", "ticketNumber", "ticketTitle", "windowCaseId", "windowCaseNumber", "windowCaseStatus"], Names(escalation));
        Assert.Equal(c.Number, escalation.GetProperty("ticketNumber").GetString());
        Assert.Equal("不动产登记", escalation.GetProperty("ticketTitle").GetString());
        Assert.Equal(c.Id, escalation.GetProperty("windowCaseId").GetInt64());
        Assert.Equal("Window", escalation.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Ten_escalations_of_one_sweep_reach_a_supervisor_as_one_record_under_4_KB()
    {
        await using var supervisor = await LiveTestClient.ConnectAsync(_app, "supervisor");
        var dir = await _app.DirectoryAsync();
        var agent = await _app.LoginAsync("agent");
        string[] departments = ["CGJ", "SCJGJ", "STHJJ", "ZJJ", "JTJ"];
        var tickets = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            // Titles of twelve characters, longer than most a hotline agent writes.
            tickets.Add((await agent.RegisterAsync(new
            {
                channel = "Phone", callerPhone = $"139123400{i:00}", appealType = "Complaint", urgency = "Emergency", categoryId = dir.Category("燃气安全"),
                title = $"小区楼道燃气管道泄漏第{i:00}号楼", content = "楼道里有燃气味。", isConfidential = false,
                dispatch = new { leadDepartmentId = dir.Department(departments[i % departments.Length]), assistDepartmentIds = Array.Empty<long>() },
            })).Id);
        }

        await supervisor.ReceiveUntilAsync((_, m) => IsTicket(m, tickets[^1]) && m.GetProperty("action").GetString() == "Dispatch");
        _app.Time.Set(Start.AddMinutes(25).AddTicks(1_234_567));
        Assert.Equal(10, (await _app.Services.GetRequiredService<DeadlineSweeper>().SweepAsync(CancellationToken.None)).Raised);
        var raised = (await supervisor.ReceiveUntilAsync((t, m) => t == "EscalationRaised" && IsTicket(m, tickets[^1])))
            .Where(x => x.Target == "EscalationRaised").Select(x => x.Message.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(10, raised.Count);

        var invocations = supervisor.Invocations;
        var record = invocations.ToList().FindIndex(i => i.Contains(raised[0]));
        Assert.Equal(raised, invocations[record]); // one invocation with all ten, nothing else
        var bytes = supervisor.InvocationBytes[record];
        Assert.InRange(bytes, 1, 4096 - 64); // one 4 KB pipe segment, so one WebSocket frame, with room for the frame's own header
    }
}
