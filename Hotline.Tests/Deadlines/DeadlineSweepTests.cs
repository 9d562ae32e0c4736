using Dapper;
using Hotline.Core.Data;
using Hotline.Core.Escalations;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Deadlines;

/// <summary>The sweep under a fake clock, before, at and after every threshold; each escalation raised once.</summary>
public sealed class DeadlineSweepTests : IAsyncLifetime
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    // Monday 7 Dec 2026, 10:00 in Beijing: an ordinary working fortnight follows.
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, Beijing);
    private readonly HotlineApp _app = new();

    public Task InitializeAsync()
    {
        _app.Time.Set(Start);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Beijing);

    private Task<SweepResult> SweepAsync() => _app.Services.GetRequiredService<DeadlineSweeper>().SweepAsync(CancellationToken.None);

    // Sessions follow the fake clock too, so every step signs in afresh.
    private Task<ApiClient> As(string user) => _app.LoginAsync(user);

    private async Task<List<(EscalationKind, EscalationLevel)>> OpenEscalationsAsync(long ticketId)
    {
        var page = await (await As("supervisor")).GetAsync<EscalationPage>("/api/escalations?pageSize=200");
        return page!.Items.Where(e => e.TicketId == ticketId).OrderBy(e => e.Id).Select(e => (e.Kind, e.Level)).ToList();
    }

    private async Task<TicketDetail> RegisterAsync(string urgency)
    {
        var dir = await _app.DirectoryAsync();
        return await (await As("agent")).RegisterAsync(new
        {
            channel = "Phone", callerPhone = "13812345678", appealType = "Complaint", urgency, categoryId = dir.Category("占道经营"),
            title = "早市占道经营", content = "早市摊贩占用人行道。", isConfidential = false,
            dispatch = new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() },
        });
    }

    [Fact]
    public async Task Emergency_clocks_raise_yellow_then_red_once_and_the_red_handle_deadline_urges_the_department()
    {
        var ticket = await RegisterAsync("Emergency"); // sign 30 minutes, handle 2 hours
        Assert.Equal(Start.AddMinutes(30).UtcDateTime, ticket.SignDueUtc);
        Assert.Equal(Start.AddMinutes(24).UtcDateTime, ticket.SignWarnUtc); // yellow with 20% of the limit left
        Assert.Equal(Start.AddMinutes(120).UtcDateTime, ticket.HandleDueUtc); // the handling clock starts at dispatch
        Assert.Equal(Start.AddMinutes(96).UtcDateTime, ticket.HandleWarnUtc);

        Assert.Equal(0, (await SweepAsync()).Raised);
        _app.Time.Set(Start.AddMinutes(24).AddSeconds(-1));
        Assert.Equal(0, (await SweepAsync()).Raised);
        _app.Time.Set(Start.AddMinutes(24));
        Assert.Equal(1, (await SweepAsync()).Raised);
        Assert.Equal(0, (await SweepAsync()).Raised); // idempotent
        Assert.Equal([(EscalationKind.Sign, EscalationLevel.Yellow)], await OpenEscalationsAsync(ticket.Id));

        _app.Time.Set(Start.AddMinutes(30));
        Assert.Equal(1, (await SweepAsync()).Raised);
        _app.Time.Set(Start.AddMinutes(96));
        Assert.Equal(1, (await SweepAsync()).Raised);
        _app.Time.Set(Start.AddMinutes(121));
        var red = await SweepAsync();
        Assert.Equal((1, 1), (red.Raised, red.Urged));
        Assert.Equal(0, (await SweepAsync()).Raised);
        Assert.Equal(
            [(EscalationKind.Sign, EscalationLevel.Yellow), (EscalationKind.Sign, EscalationLevel.Red), (EscalationKind.Handle, EscalationLevel.Yellow), (EscalationKind.Handle, EscalationLevel.Red)],
            await OpenEscalationsAsync(ticket.Id));

        // On the timeline, by the system account, in the order raised, without making anyone's open form stale: each
        // escalation is its own entry (the red handle deadline is the urge, 催办), and the sweep wrote no event beside it.
        var detail = await (await As("dispatcher")).GetTicketAsync(ticket.Id);
        var alerts = detail.Events.Where(e => e.ActorRole == "System").ToList();
        Assert.Equal([TicketAction.Escalate, TicketAction.Escalate, TicketAction.Escalate, TicketAction.Urge], alerts.Select(e => e.Action));
        Assert.Equal(["Sign/Yellow", "Sign/Red", "Handle/Yellow", "Handle/Red"], alerts.Select(e => $"{e.Detail!.Value.GetProperty("kind").GetString()}/{e.Detail!.Value.GetProperty("level").GetString()}"));
        Assert.All(alerts, e => Assert.Null(e.ToStatus));
        var urge = alerts[^1];
        Assert.Equal(("系统", "区城管局", "办理期限已到，请尽快办理"), (urge.ActorName, urge.DepartmentName, urge.Reason));
        Assert.Equal(ticket.HandleDueUtc, urge.Detail!.Value.GetProperty("dueUtc").GetDateTime());
        Assert.Equal(Start.AddMinutes(121).UtcDateTime, urge.OccurredUtc);
        Assert.Equal(ticket.Version, detail.Version);
        await using (var c = await _app.Services.GetRequiredService<DbConnectionFactory>().OpenAsync())
        {
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM TicketEvent WHERE ActorRole = 'System'"));
        }

        // The department sees its own escalations; acknowledging keeps the first acknowledgement.
        var mine = await (await As("cgj")).GetAsync<EscalationPage>("/api/escalations");
        Assert.Equal(4, mine!.Items.Count(e => e.TicketId == ticket.Id));
        Assert.DoesNotContain(mine.Items, e => e.DepartmentName != "区城管局");
        var supervisor = await As("supervisor");
        var first = mine.Items.First(e => e.TicketId == ticket.Id);
        var acknowledged = await supervisor.PostAsync($"/api/escalations/{first.Id}/acknowledge", new { });
        var view = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<EscalationView>(acknowledged.Content, HotlineApp.Json))!;
        Assert.Equal("赵敏", view.AcknowledgedByName);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await (await As("cgj")).PostAsync($"/api/escalations/{first.Id}/acknowledge", new { })).StatusCode);
        var unacknowledged = await supervisor.GetAsync<EscalationPage>("/api/escalations?acknowledged=false&pageSize=200");
        Assert.DoesNotContain(unacknowledged!.Items, e => e.Id == first.Id);
    }

    [Fact]
    public async Task Moving_on_clears_escalations_and_a_supervision_order_follows_three_working_days_overdue()
    {
        var ticket = await RegisterAsync("Normal"); // Complaint: sign 1 working day, handle 5 working days
        Assert.Equal(Local(12, 8, 18).UtcDateTime, ticket.SignDueUtc);
        Assert.Equal(Local(12, 14, 18).UtcDateTime, ticket.HandleDueUtc);

        _app.Time.Set(Local(12, 8, 18));
        Assert.Equal(2, (await SweepAsync()).Raised); // sign yellow and red in one tick: the sweep was not running in between
        var cgj = await As("cgj");
        ticket = await cgj.ActAsync(ticket.Id, "sign", new { ticket.Version });
        Assert.Empty(await OpenEscalationsAsync(ticket.Id)); // signing stops the sign clock

        _app.Time.Set(Local(12, 14, 18));
        var red = await SweepAsync();
        Assert.Equal((2, 1, 0), (red.Raised, red.Urged, red.Supervised));
        _app.Time.Set(Local(12, 17, 17, 59));
        Assert.Equal(0, (await SweepAsync()).Supervised);
        _app.Time.Set(Local(12, 17, 18)); // 15, 16, 17 Dec: three working days past the deadline
        Assert.Equal(1, (await SweepAsync()).Supervised);
        Assert.Contains((EscalationKind.Handle, EscalationLevel.Supervise), await OpenEscalationsAsync(ticket.Id));

        ticket = await (await As("cgj")).ActAsync(ticket.Id, "reply", new { ticket.Version, result = "已清理占道摊贩", resolved = true });
        Assert.Empty(await OpenEscalationsAsync(ticket.Id));
        ticket = await (await As("dispatcher")).ActAsync(ticket.Id, "approve-reply", new { ticket.Version });
        Assert.Equal(Local(12, 21, 18).UtcDateTime, ticket.VisitDueUtc); // two working days after approval

        _app.Time.Set(Local(12, 21, 18));
        Assert.Equal(1, (await SweepAsync()).Raised);
        Assert.Equal([(EscalationKind.Visit, EscalationLevel.Red)], await OpenEscalationsAsync(ticket.Id));
        await (await As("agent")).ActAsync(ticket.Id, "visit", new { ticket.Version, satisfaction = "Satisfied", resolved = true });
        Assert.Empty(await OpenEscalationsAsync(ticket.Id));
    }

    [Fact]
    public async Task An_approved_extension_moves_the_due_time_and_clears_its_yellow_and_red()
    {
        var ticket = await RegisterAsync("Normal");
        ticket = await (await As("cgj")).ActAsync(ticket.Id, "sign", new { ticket.Version });
        _app.Time.Set(Local(12, 14, 9)); // yellow, not yet red
        Assert.Equal(1, (await SweepAsync()).Raised);

        var cgj = await As("cgj");
        await ProblemAssert.NamesFieldAsync(await cgj.TryActAsync(ticket.Id, "request-extension", new { ticket.Version, reason = "需协调", workingDays = 11 }), "workingDays");
        ticket = await cgj.ActAsync(ticket.Id, "request-extension", new { ticket.Version, reason = "需协调多个部门联合执法", workingDays = 3 });
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal("Pending", Assert.Single(ticket.Extensions).Status);
        await ProblemAssert.ConflictAsync(await cgj.TryActAsync(ticket.Id, "request-extension", new { ticket.Version, reason = "再延", workingDays = 1 }), "InvalidState");

        var dispatcher = await As("dispatcher");
        Assert.Contains(TicketAction.ApproveExtension, (await dispatcher.GetTicketAsync(ticket.Id)).AllowedActions);
        ticket = await dispatcher.ActAsync(ticket.Id, "approve-extension", new { ticket.Version, note = "同意" });
        Assert.Equal(Local(12, 17, 18).UtcDateTime, ticket.HandleDueUtc); // three working days after the due time it replaces
        Assert.Equal("Approved", ticket.Extensions[0].Status);
        Assert.Equal([TicketAction.RequestExtension, TicketAction.ApproveExtension], ticket.Events.TakeLast(2).Select(e => e.Action));
        Assert.Empty(await OpenEscalationsAsync(ticket.Id));

        // One extension per ticket by default.
        await ProblemAssert.ConflictAsync(await (await As("cgj")).TryActAsync(ticket.Id, "request-extension", new { ticket.Version, reason = "再延", workingDays = 1 }), "ExtensionLimitReached");

        // The new due time has its own yellow and red.
        _app.Time.Set(Local(12, 17, 18));
        await SweepAsync();
        Assert.Contains((EscalationKind.Handle, EscalationLevel.Red), await OpenEscalationsAsync(ticket.Id));
    }

    [Fact]
    public async Task Extensions_are_refused_after_the_deadline_and_can_be_rejected()
    {
        var ticket = await RegisterAsync("Normal");
        ticket = await (await As("cgj")).ActAsync(ticket.Id, "sign", new { ticket.Version });
        ticket = await (await As("cgj")).ActAsync(ticket.Id, "request-extension", new { ticket.Version, reason = "材料未齐", workingDays = 2 });
        ticket = await (await As("dispatcher")).ActAsync(ticket.Id, "reject-extension", new { ticket.Version, reason = "期限内可办结" });
        Assert.Equal("Rejected", ticket.Extensions[0].Status);
        Assert.Equal(Local(12, 14, 18).UtcDateTime, ticket.HandleDueUtc);

        _app.Time.Set(Local(12, 14, 18, 1));
        var late = await (await As("cgj")).TryActAsync(ticket.Id, "request-extension", new { ticket.Version, reason = "来不及了", workingDays = 2 });
        await ProblemAssert.ConflictAsync(late, "DeadlinePassed");
    }

    [Fact]
    public async Task Redispatch_after_a_return_keeps_the_handle_due_time_unless_the_center_resets_it()
    {
        var dir = await _app.DirectoryAsync();
        var ticket = await RegisterAsync("Normal");
        var handleDue = ticket.HandleDueUtc;
        _app.Time.Set(Local(12, 8, 9));
        ticket = await (await As("cgj")).ActAsync(ticket.Id, "request-return", new { ticket.Version, reason = "不属于本单位" });
        ticket = await (await As("dispatcher")).ActAsync(ticket.Id, "approve-return", new { ticket.Version, leadDepartmentId = dir.Department("SCJGJ"), assistDepartmentIds = Array.Empty<long>() });
        Assert.Equal(handleDue, ticket.HandleDueUtc);
        Assert.Equal(Local(12, 9, 18).UtcDateTime, ticket.SignDueUtc); // the new department gets its own sign clock

        ticket = await (await As("scjgj")).ActAsync(ticket.Id, "request-return", new { ticket.Version, reason = "属城管职责" });
        ticket = await (await As("dispatcher")).ActAsync(ticket.Id, "approve-return", new { ticket.Version, leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>(), resetHandleDue = true });
        Assert.Equal(Local(12, 15, 18).UtcDateTime, ticket.HandleDueUtc);
    }
}
