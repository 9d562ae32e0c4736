using Dapper;
using Hotline.Core.Data;
using Hotline.Core.Escalations;
using Hotline.Core.Live;
using Hotline.Core.Window;
using Hotline.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Tests.Window;

/// <summary>
/// Working-day deadlines of window cases, swept under a fake clock: yellow then red once each, on the supervisors' one
/// board (GET /api/escalations, kind Window) and in the live feed for supervisors; the reply clears them.
/// </summary>
public sealed class WindowDeadlineTests : IAsyncLifetime
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    // Friday 18 Dec 2026, 10:00 in Beijing: 5 working days end on Friday 25 Dec at 18:00.
    private static readonly DateTimeOffset Start = new(2026, 12, 18, 10, 0, 0, Beijing);
    private readonly HotlineApp _app = new();

    public Task InitializeAsync()
    {
        _app.Time.Set(Start);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<int> SweepAsync() => _app.Services.GetRequiredService<WindowCaseSweeper>().SweepAsync(CancellationToken.None);

    private async Task<List<EscalationView>> BoardAsync(string query = "") =>
        (await (await _app.LoginAsync("supervisor")).GetAsync<EscalationPage>($"/api/escalations?pageSize=200{query}"))!.Items.ToList();

    [Fact]
    public async Task Overdue_window_case_is_escalated_to_supervisors_once_and_cleared_by_the_reply()
    {
        var dir = await _app.DirectoryAsync();
        var window = await _app.LoginAsync("window");
        var c = await window.CreateAsync(WindowApi.Intake());
        c = await window.CaseAsync(c.Id, "handle", new { version = c.Version, mode = "Department", leadDepartmentId = dir.Department("ZJJ"), categoryId = dir.Category("房屋质量") });
        var due = new DateTimeOffset(2026, 12, 25, 18, 0, 0, Beijing);
        Assert.Equal(due.UtcDateTime, c.DueUtc);
        // Yellow with 20% of the limit left: 10:00 Fri 18 Dec to 18:00 Fri 25 Dec is 176 hours; 20% is 35.2 hours.
        var warn = due.AddHours(-35.2);
        Assert.Equal(warn.UtcDateTime, c.WarnUtc);

        Assert.Equal(0, await SweepAsync());
        _app.Time.Set(warn.AddSeconds(-1));
        Assert.Equal(0, await SweepAsync());
        _app.Time.Set(warn.AddMinutes(1));
        Assert.Equal(1, await SweepAsync());
        Assert.Equal(0, await SweepAsync()); // idempotent
        _app.Time.Set(due.AddMinutes(1));
        Assert.Equal(1, await SweepAsync());
        _app.Time.Set(due.AddHours(3));
        Assert.Equal(0, await SweepAsync());

        var board = await BoardAsync("&kind=Window");
        Assert.Equal([EscalationLevel.Red, EscalationLevel.Yellow], board.Select(e => e.Level));
        Assert.All(board, e =>
        {
            Assert.Equal(EscalationKind.Window, e.Kind);
            Assert.Null(e.TicketId);
            Assert.Equal(c.Id, e.WindowCaseId);
            Assert.Equal(c.Number, e.WindowCaseNumber);
            Assert.Equal(c.Number, e.TicketNumber);
            Assert.Equal("区住建局", e.DepartmentName);
            Assert.Equal(due.UtcDateTime, e.DueUtc);
        });
        // The linked ticket's own clocks are the ticket's business; the board holds both kinds side by side.
        Assert.Contains(await BoardAsync(), e => e.Kind == EscalationKind.Window);

        // Pushed live: the feed carries both raisings to supervisors (and the lead department's liaisons).
        var feed = await _app.Services.GetRequiredService<LiveFeed>().ReadAsync(0, long.MaxValue, 1000, CancellationToken.None);
        var raised = feed.Where(m => m.Type == LiveMessageType.EscalationRaised && m.Escalation?.WindowCaseId == c.Id).ToList();
        Assert.Equal(2, raised.Count);
        Assert.All(raised, m =>
        {
            Assert.Contains(Hotline.Core.Directory.Role.Supervisor, m.Audience.Roles);
            Assert.Equal(c.Number, m.Escalation!.TicketNumber);
            Assert.Null(m.TicketId);
        });

        c = await (await _app.LoginAsync("window")).GetCaseAsync(c.Id);
        Assert.Equal(2, c.Log.Count(l => l.Kind == WindowLogKind.Escalate));
        Assert.True((await (await _app.LoginAsync("window")).GetAsync<WindowCasePage>("/api/window/cases?overdue=true"))!.Total == 1);

        // The department replies, the window replies: the escalations are cleared, live too.
        var cgjTicket = c.Ticket!;
        var zjj = await LiaisonOfAsync(dir.Department("ZJJ"));
        var t = await zjj.ActAsync(cgjTicket.Id, "sign", new { version = cgjTicket.Version });
        await zjj.ActAsync(t.Id, "reply", new { version = t.Version, result = "已整改", resolved = true });
        window = await _app.LoginAsync("window");
        c = await window.GetCaseAsync(c.Id);
        await window.CaseAsync(c.Id, "reply", new { version = c.Version, decision = "住建局整改", reply = "已整改完毕" });
        Assert.Empty(await BoardAsync("&kind=Window"));
        Assert.Equal(2, (await BoardAsync("&kind=Window&open=false")).Count);
        feed = await _app.Services.GetRequiredService<LiveFeed>().ReadAsync(0, long.MaxValue, 1000, CancellationToken.None);
        Assert.Equal(2, feed.Count(m => m.Type == LiveMessageType.EscalationCleared && m.Escalation?.WindowCaseId == c.Id));
    }

    [Fact]
    public async Task A_case_resolved_on_the_spot_has_no_deadline_and_is_never_swept()
    {
        var window = await _app.LoginAsync("window");
        var c = await window.CreateAsync(WindowApi.Intake());
        await window.CaseAsync(c.Id, "handle", new { version = c.Version, mode = "OnTheSpot" });
        _app.Time.Set(Start.AddDays(60));
        Assert.Equal(0, await SweepAsync());
        var factory = _app.Services.GetRequiredService<DbConnectionFactory>();
        await using var conn = await factory.OpenAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Escalation WHERE WindowCaseId IS NOT NULL"));
    }

    [Fact]
    public async Task The_deadline_job_sweeps_window_cases_end_to_end()
    {
        await using var app = new HotlineApp { RunJobs = true }; // Quartz inside the Api, every second: SweepDeadlinesJob
        app.Time.Set(Start);
        var window = await app.LoginAsync("window");
        var c = await window.CreateAsync(WindowApi.Intake());
        c = await window.CaseAsync(c.Id, "handle", new { version = c.Version, mode = "Leadership", workingDays = 1 });
        app.Time.Set(c.DueUtc!.Value.AddMinutes(1));

        var supervisor = await app.LoginAsync("supervisor");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<EscalationView> raised;
        do
        {
            await Task.Delay(250);
            raised = (await supervisor.GetAsync<EscalationPage>("/api/escalations?kind=Window"))!.Items.Where(e => e.WindowCaseId == c.Id).ToList();
        }
        while (raised.Count < 2 && DateTime.UtcNow < deadline);

        Assert.Equal([EscalationLevel.Yellow, EscalationLevel.Red], raised.Select(e => e.Level).Order());
    }

    [Fact]
    public async Task Two_workers_sweeping_window_cases_at_once_raise_each_escalation_exactly_once()
    {
        var dir = await _app.DirectoryAsync();
        var window = await _app.LoginAsync("window");
        for (var i = 0; i < 30; i++)
        {
            var c = await window.CreateAsync(WindowApi.Intake($"事项 {i}"));
            await window.CaseAsync(c.Id, "handle", new { version = c.Version, mode = i % 2 == 0 ? "Leadership" : "OnTheSpot", leadDepartmentId = dir.Department("CGJ") });
        }

        _app.Time.Set(Start.AddDays(30)); // 15 cases in hand past both thresholds; 15 on the spot without a deadline
        var options = _app.Services.GetRequiredService<DatabaseOptions>();
        WindowCaseSweeper Worker(int node) => new(
            new Database(new DbConnectionFactory(options, _app.DataFolder), TransientFaults.CreatePipeline()),
            new IdGenerator(_app.Time, node), _app.Time, NullLogger<WindowCaseSweeper>.Instance);
        var results = await Task.WhenAll(Enumerable.Range(1, 2).Select(n => Task.Run(() => Worker(n).SweepAsync(CancellationToken.None))));

        Assert.Equal(30, results.Sum());
        await using var conn = await _app.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        Assert.Equal(30, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Escalation WHERE Kind = 'Window'"));
        Assert.Equal(30, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM WindowCaseLog WHERE Kind = 'Escalate'"));
        Assert.Equal(30, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Escalation WHERE Kind = 'Window' AND DepartmentId = @Id", new { Id = dir.Department("CGJ") }));
    }

    /// <summary>A liaison of the department: the demo has none for ZJJ, so an administrator creates one.</summary>
    private async Task<ApiClient> LiaisonOfAsync(long departmentId)
    {
        var admin = await _app.LoginAsync("admin");
        var response = await admin.PostAsync("/api/directory/users", new { userName = "zjj", displayName = "住建局联络员", role = "Liaison", departmentId, password = HotlineApp.Password });
        await ApiClient.EnsureAsync(response, System.Net.HttpStatusCode.Created);
        return await _app.LoginAsync("zjj");
    }
}
