using System.Text.Json;
using Hotline.Core.Escalations;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Live;

/// <summary>
/// What the live hub puts on the wire: no property is ever null (absent instead: a burst to 5,000 screens is one record
/// per screen, and a quarter of it was nulls), and each message still carries everything a screen shows.
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

        // Past the sign yellow threshold: the escalation, open and unacknowledged, with its ticket and department.
        _app.Time.Set(Start.AddMinutes(25));
        Assert.Equal(1, (await _app.Services.GetRequiredService<DeadlineSweeper>().SweepAsync(CancellationToken.None)).Raised);
        var raised = (await supervisor.ReceiveUntilAsync((t, _) => t == "EscalationRaised"))[^1].Message;
        Assert.Empty(Nulls(raised));
        Assert.Equal(["departmentId", "departmentName", "escalation", "occurredUtc", "seq", "ticketId", "ticketNumber", "ticketStatus", "ticketTitle", "type"], Names(raised));
        var escalation = raised.GetProperty("escalation");
        Assert.Equal(["departmentId", "departmentName", "dueUtc", "id", "kind", "level", "raisedUtc", "ticketId", "ticketNumber", "ticketStatus", "ticketTitle"], Names(escalation));
        Assert.Equal(ticket.Id, escalation.GetProperty("ticketId").GetInt64());
        Assert.Equal(ticket.Number, escalation.GetProperty("ticketNumber").GetString());
        Assert.Equal("Sign", escalation.GetProperty("kind").GetString());
        Assert.Equal("Yellow", escalation.GetProperty("level").GetString());
        Assert.EndsWith("城管局", escalation.GetProperty("departmentName").GetString());

        // Acknowledged: now the escalation carries who and when.
        var supervisorHttp = await _app.LoginAsync("supervisor");
        var id = escalation.GetProperty("id").GetInt64();
        (await supervisorHttp.Http.PostAsync($"/api/escalations/{id}/acknowledge", null)).EnsureSuccessStatusCode();
        var acknowledged = (await supervisor.ReceiveUntilAsync((t, _) => t == "EscalationAcknowledged"))[^1].Message;
        Assert.Empty(Nulls(acknowledged));
        Assert.Equal(id, acknowledged.GetProperty("escalation").GetProperty("id").GetInt64());
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
}
