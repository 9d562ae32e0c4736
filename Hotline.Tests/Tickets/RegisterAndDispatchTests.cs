using Dapper;
using Hotline.Core.Data;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Tickets;

/// <summary>
/// "登记并派单" writes the ticket row once, in its final state. It must leave exactly what registering and then
/// dispatching leaves at the same instant: the row (status, version, clocks, routing), the assignments, the timeline and
/// the escalations, on an ordinary day and when a due time falls in a year with no calendar.
/// </summary>
public sealed class RegisterAndDispatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly HotlineApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string> Days => new()
    {
        "2026-12-07T10:00:00", // a Monday with working weeks ahead
        "2026-12-28T10:00:00", // the handling due time falls in 2027, which has no calendar: estimated, with a calendar escalation
    };

    [Theory]
    [MemberData(nameof(Days))]
    public async Task Registering_with_a_dispatch_leaves_what_registering_then_dispatching_leaves(string localTime)
    {
        _app.Time.Set(new DateTimeOffset(DateTime.Parse(localTime), Beijing));
        var dispatcher = await _app.LoginAsync("dispatcher");
        var dir = await _app.DirectoryAsync();
        var dispatch = new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = new[] { dir.Department("STHJJ") }, note = "请核实处理" };
        object Call(object? target) => new
        {
            channel = "Phone", callerPhone = "13812345678", appealType = "Complaint", urgency = "Normal", categoryId = dir.Category("噪音扰民"),
            areaId = dir.Area("滨江社区"), address = "滨江路88号", title = "夜间施工噪音", content = "工地每晚十点后仍在施工。", isConfidential = false,
            dispatch = target,
        };

        var inOneStep = await dispatcher.RegisterAsync(Call(dispatch));
        var inTwoSteps = await dispatcher.RegisterAsync(Call(null));
        inTwoSteps = await dispatcher.ActAsync(inTwoSteps.Id, "dispatch", new { inTwoSteps.Version, dispatch.leadDepartmentId, dispatch.assistDepartmentIds, dispatch.note });

        var one = await StateAsync(inOneStep.Id);
        var two = await StateAsync(inTwoSteps.Id);
        Assert.Equal(two.Ticket, one.Ticket);
        Assert.Equal(two.Assignments, one.Assignments);
        Assert.Equal(two.Events, one.Events);
        Assert.Equal(two.Escalations, one.Escalations);

        Assert.Equal(("PendingSign", 2L), (one.Ticket.Status, one.Ticket.Version));
        Assert.NotNull(one.Ticket.HandleDueUtc);
        Assert.NotNull(one.Ticket.SuperviseUtc);
        var estimated = localTime.StartsWith("2026-12-28", StringComparison.Ordinal);
        Assert.Equal(estimated, one.Ticket.DeadlineEstimated);
        Assert.Equal(estimated ? ["Calendar/Yellow"] : [], one.Escalations.Select(e => $"{e.Kind}/{e.Level}").ToList());
    }

    private async Task<TicketState> StateAsync(long id)
    {
        await using var c = await _app.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        var args = new { Id = id };
        return new TicketState(
            await c.QuerySingleAsync<TicketRow>("""
                SELECT Status, Version, UpdatedUtc, LeadDepartmentId, DispatchedUtc, PolicyId, SignDueUtc, SignWarnUtc, HandleDueUtc, HandleWarnUtc,
                    SuperviseUtc, DeadlineEstimated, RoutingVersion, RoutingRuleId, RoutingExplanation, MasterTicketId
                FROM Ticket WHERE Id = @Id
                """, args),
            (await c.QueryAsync<string>("""
                SELECT DepartmentId || '/' || Role || '/' || SignState || '/' || IsActive || '/' || AssignedUtc FROM TicketDepartment WHERE TicketId = @Id ORDER BY Id
                """, args)).ToList(),
            (await c.QueryAsync<string>("""
                SELECT Action || '/' || COALESCE(FromStatus, '') || '/' || ToStatus || '/' || COALESCE(DepartmentId, '') || '/' || COALESCE(Detail, '')
                    || '/' || COALESCE(IsRepeat, '') || '/' || OccurredUtc
                FROM TicketEvent WHERE TicketId = @Id ORDER BY Id
                """, args)).ToList(),
            (await c.QueryAsync<EscalationRow>("SELECT Kind, Level, DepartmentId, DueUtc, RaisedUtc FROM Escalation WHERE TicketId = @Id ORDER BY Id", args)).ToList());
    }

    private sealed record TicketState(TicketRow Ticket, List<string> Assignments, List<string> Events, List<EscalationRow> Escalations);

    private sealed record TicketRow
    {
        public string Status { get; init; } = "";
        public long Version { get; init; }
        public string UpdatedUtc { get; init; } = "";
        public long? LeadDepartmentId { get; init; }
        public string? DispatchedUtc { get; init; }
        public long? PolicyId { get; init; }
        public string? SignDueUtc { get; init; }
        public string? SignWarnUtc { get; init; }
        public string? HandleDueUtc { get; init; }
        public string? HandleWarnUtc { get; init; }
        public string? SuperviseUtc { get; init; }
        public bool DeadlineEstimated { get; init; }
        public long? RoutingVersion { get; init; }
        public long? RoutingRuleId { get; init; }
        public string? RoutingExplanation { get; init; }
        public long? MasterTicketId { get; init; }
    }

    private sealed record EscalationRow(string Kind, string Level, long? DepartmentId, string DueUtc, string RaisedUtc);
}
