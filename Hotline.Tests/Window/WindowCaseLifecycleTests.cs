using System.Net;
using Hotline.Core.Tickets;
using Hotline.Core.Window;
using Hotline.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Window;

/// <summary>
/// The graded paths of a window case through to closure over real HTTP on a fresh SQLite file: on the spot, a department
/// through a linked ticket, a joint review (会审) across departments, escalation to the leadership, out of scope; the link
/// with a 12345 ticket both ways; validation, stale versions and roles.
/// </summary>
public sealed class WindowCaseLifecycleTests : IAsyncLifetime
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

    private Task<ApiClient> As(string user) => _app.LoginAsync(user);

    private static object Visit(int version, bool fix) => new
    {
        version, satisfaction = "Satisfied", resolved = true, comment = "已办好", fixMade = fix,
        fixDescription = fix ? "修订受理清单，取消重复证明" : null, fixBy = fix ? "区政务服务管理办公室" : null,
    };

    [Fact]
    public async Task On_the_spot_case_is_logged_replied_visited_and_closed_with_a_systemic_fix()
    {
        var window = await As("window");
        var c = await window.CreateAsync(WindowApi.Intake());
        Assert.Equal(WindowCaseStatus.Registered, c.Status);
        Assert.Matches(@"^CK20261207-0001$", c.Number);
        Assert.Equal("13812345678", c.ApplicantPhone);
        Assert.Equal(["handle", "log"], c.AllowedActions);

        c = await window.CaseAsync(c.Id, "handle", new { version = c.Version, mode = "OnTheSpot", note = "窗口当场协调受理" });
        Assert.Equal(WindowCaseStatus.Handling, c.Status);
        Assert.Equal(WindowMode.OnTheSpot, c.Mode);
        Assert.Null(c.DueUtc);
        Assert.Null(c.TicketId);

        c = await window.CaseAsync(c.Id, "log", new { kind = "Call", content = "致电不动产登记中心科长，确认证明可免交" });
        var version = c.Version;
        c = await window.CaseAsync(c.Id, "log", new { kind = "Meeting", content = "与窗口负责人现场碰头" });
        Assert.Equal(version, c.Version); // notes do not make open forms stale

        // The reply needs both the decision and the text; the visit needs the fix's what and who when a fix was made.
        await ProblemAssert.NamesFieldAsync(await window.TryCaseAsync(c.Id, "reply", new { version = c.Version, decision = "", reply = "x" }), "decision");
        c = await window.CaseAsync(c.Id, "reply", new { version = c.Version, decision = "当场受理", reply = "已为您当场受理，3个工作日内领证" });
        Assert.Equal(WindowCaseStatus.PendingVisit, c.Status);
        Assert.NotNull(c.RepliedUtc);

        await ProblemAssert.NamesFieldAsync(await window.TryCaseAsync(c.Id, "visit", new { version = c.Version, satisfaction = "Satisfied", resolved = true, fixMade = true }), "fixDescription");
        await ProblemAssert.ConflictAsync(await window.TryCaseAsync(c.Id, "visit", Visit(c.Version - 1, true)), "StaleVersion");
        c = await window.CaseAsync(c.Id, "visit", Visit(c.Version, true));
        Assert.Equal(WindowCaseStatus.Closed, c.Status);
        Assert.True(c.FixMade);
        Assert.Equal("区政务服务管理办公室", c.FixBy);
        Assert.NotNull(c.ClosedUtc);
        Assert.Empty(c.AllowedActions);
        Assert.Equal([WindowLogKind.Intake, WindowLogKind.Handle, WindowLogKind.Call, WindowLogKind.Meeting, WindowLogKind.Reply, WindowLogKind.Visit],
            c.Log.Select(l => l.Kind));
        Assert.All(c.Log, l => Assert.Equal(window.Me.DisplayName, l.ActorName));

        await ProblemAssert.ConflictAsync(await window.TryCaseAsync(c.Id, "log", new { kind = "Note", content = "x" }), "InvalidState");
    }

    [Fact]
    public async Task Department_path_goes_through_a_linked_ticket_whose_progress_the_case_shows()
    {
        var dir = await _app.DirectoryAsync();
        var window = await As("window");
        var c = await window.CreateAsync(WindowApi.Intake("占道经营许可", "MultiDepartment", dir.Department("SCJGJ")));
        await ProblemAssert.NamesFieldAsync(await window.TryCaseAsync(c.Id, "handle", new { version = c.Version, mode = "Department" }), "leadDepartmentId");
        c = await window.CaseAsync(c.Id, "handle", new
        {
            version = c.Version, mode = "Department", leadDepartmentId = dir.Department("CGJ"), categoryId = dir.Category("占道经营"), note = "请城管局5个工作日内办结",
        });
        Assert.Equal(WindowCaseStatus.Handling, c.Status);
        Assert.Equal("区城管局", c.LeadDepartmentName);
        // 5 working days from Monday 7 Dec: Monday 14 Dec, 18:00 in Beijing.
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 18, 0, 0, Beijing).UtcDateTime, c.DueUtc);
        var ticket = Assert.IsType<TicketDetail>(c.Ticket);
        Assert.Equal(Channel.Window, ticket.Channel);
        Assert.Equal(TicketStatus.PendingSign, ticket.Status);
        Assert.Equal(c.TicketId, ticket.Id);
        Assert.StartsWith("【办不成事】", ticket.Title);
        Assert.Equal([TicketAction.Register, TicketAction.Dispatch], ticket.Events.Select(e => e.Action));
        Assert.Equal(["escalate", "log"], c.AllowedActions); // no reply before the department replied

        await ProblemAssert.ConflictAsync(await window.TryCaseAsync(c.Id, "reply", new { version = c.Version, decision = "d", reply = "r" }), "InvalidState");

        // The department works the ticket through its normal lifecycle; the case shows where it is.
        var cgj = await As("cgj");
        var t = await cgj.ActAsync(ticket.Id, "sign", new { version = ticket.Version });
        Assert.Equal(TicketStatus.InProgress, (await window.GetCaseAsync(c.Id)).TicketStatus);
        await cgj.ActAsync(ticket.Id, "reply", new { version = t.Version, result = "已为申请人补办许可", resolved = true });
        c = await window.GetCaseAsync(c.Id);
        Assert.Equal(TicketStatus.PendingReview, c.Ticket!.Status);
        Assert.Equal("已为申请人补办许可", c.Ticket.ReplyResult);
        Assert.Contains("reply", c.AllowedActions);

        // The ticket names the case, the case names the ticket.
        var links = await cgj.GetAsync<List<WindowTicketLink>>($"/api/window/tickets/{ticket.Id}/cases");
        var link = Assert.Single(links!);
        Assert.Equal((c.Id, c.Number, "Handling"), (link.Id, link.Number, link.Link));

        c = await window.CaseAsync(c.Id, "reply", new { version = c.Version, decision = "城管局补办许可", reply = "您的许可已补办，请到3号窗口领取" });
        c = await window.CaseAsync(c.Id, "visit", Visit(c.Version, false));
        Assert.Equal(WindowCaseStatus.Closed, c.Status);
        Assert.False(c.FixMade);
    }

    [Fact]
    public async Task Joint_review_dispatches_lead_and_assisting_departments_for_ten_working_days_and_can_be_escalated_to_the_leadership()
    {
        var dir = await _app.DirectoryAsync();
        var window = await As("window");
        var c = await window.CreateAsync(WindowApi.Intake("企业开办", "MultiDepartment"));
        var body = new { version = c.Version, mode = "JointReview", leadDepartmentId = dir.Department("SCJGJ"), categoryId = dir.Category("消费纠纷"), assistDepartmentIds = Array.Empty<long>() };
        await ProblemAssert.NamesFieldAsync(await window.TryCaseAsync(c.Id, "handle", body), "assistDepartmentIds");
        c = await window.CaseAsync(c.Id, "handle", body with { assistDepartmentIds = [dir.Department("RSJ"), dir.Department("ZJJ")] });
        Assert.Equal(WindowMode.JointReview, c.Mode);
        Assert.Equal(new DateTimeOffset(2026, 12, 21, 18, 0, 0, Beijing).UtcDateTime, c.DueUtc); // 10 working days
        Assert.Equal(3, c.Ticket!.Assignments.Count);
        Assert.Equal(dir.Department("SCJGJ"), c.Ticket.Assignments.Single(a => a.Role == AssignmentRole.Lead).DepartmentId);

        // A stale form cannot escalate; the current one can, and the leadership gets its own deadline.
        await ProblemAssert.ConflictAsync(await window.TryCaseAsync(c.Id, "handle", new { version = c.Version - 1, mode = "Leadership" }), "StaleVersion");
        _app.Time.Set(Start.AddDays(1));
        window = await As("window"); // sessions follow the fake clock
        c = await window.CaseAsync(c.Id, "handle", new { version = c.Version, mode = "Leadership", workingDays = 3, note = "分管副区长牵头" });
        Assert.Equal(WindowMode.Leadership, c.Mode);
        Assert.Equal(new DateTimeOffset(2026, 12, 11, 18, 0, 0, Beijing).UtcDateTime, c.DueUtc);
        Assert.NotNull(c.TicketId); // the departments' ticket stays linked
        Assert.Equal(["log", "reply"], c.AllowedActions);
        c = await window.CaseAsync(c.Id, "reply", new { version = c.Version, decision = "区领导协调办结", reply = "已办结" });
        c = await window.CaseAsync(c.Id, "visit", Visit(c.Version, true));
        Assert.Equal(WindowCaseStatus.Closed, c.Status);
    }

    [Fact]
    public async Task Out_of_scope_cases_are_recorded_with_the_reason_and_the_referral()
    {
        var window = await As("window");
        await ProblemAssert.NamesFieldAsync(await window.PostAsync("/api/window/cases",
            WindowApi.Intake(outOfScope: new { kind = "Litigation", reason = "已进入诉讼程序" })), "outOfScope.referral");
        var c = await window.CreateAsync(WindowApi.Intake(outOfScope: new { kind = "Litigation", reason = "已进入诉讼程序", referral = "引导至区法院诉讼服务中心" }));
        Assert.Equal(WindowCaseStatus.OutOfScope, c.Status);
        Assert.Equal(OutOfScopeKind.Litigation, c.OutOfScopeKind);
        Assert.Equal("引导至区法院诉讼服务中心", c.Referral);
        Assert.NotNull(c.ClosedUtc);
        Assert.Empty(c.AllowedActions);
        await ProblemAssert.ConflictAsync(await window.TryCaseAsync(c.Id, "handle", new { version = c.Version, mode = "OnTheSpot" }), "InvalidState");
    }

    [Fact]
    public async Task A_12345_ticket_forwarded_by_the_center_links_both_ways()
    {
        var dir = await _app.DirectoryAsync();
        var ticket = await (await As("agent")).RegisterAsync(new
        {
            channel = "Phone", callerPhone = "13912345678", callerName = "李娜", appealType = "Complaint", urgency = "Normal", categoryId = dir.Category("社保医保"),
            title = "社保转移在大厅办不成", content = "去了三次大厅，社保转移仍办不成。", isConfidential = false,
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As("window")).PostAsync("/api/window/cases/forward", new { ticketId = ticket.Id, version = ticket.Version })).StatusCode);

        var dispatcher = await As("dispatcher");
        await ProblemAssert.ConflictAsync(await dispatcher.PostAsync("/api/window/cases/forward", new { ticketId = ticket.Id, version = ticket.Version + 5 }), "StaleVersion");
        var response = await dispatcher.PostAsync("/api/window/cases/forward", new { ticketId = ticket.Id, version = ticket.Version, note = "多次办不成，转窗口协调" });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);

        var window = await As("window");
        var cases = await window.GetAsync<WindowCasePage>("/api/window/cases?status=Registered");
        var summary = Assert.Single(cases!.Items);
        Assert.Equal(ticket.Id, summary.SourceTicketId);
        Assert.Equal(ticket.Number, summary.SourceTicketNumber);
        Assert.Equal("李娜", summary.ApplicantName);
        var c = await window.GetCaseAsync(summary.Id);
        Assert.Equal(WindowLogKind.Forwarded, Assert.Single(c.Log).Kind);

        var after = await dispatcher.GetTicketAsync(ticket.Id);
        Assert.Equal(ticket.Status, after.Status); // the ticket stays where it was, one version on
        Assert.Equal(ticket.Version + 1, after.Version);
        var forwarded = after.Events[^1];
        Assert.Equal(TicketAction.ForwardToWindow, forwarded.Action);
        Assert.Contains(c.Number, forwarded.Detail?.ToString() ?? "");
        var link = Assert.Single((await dispatcher.GetAsync<List<WindowTicketLink>>($"/api/window/tickets/{ticket.Id}/cases"))!);
        Assert.Equal((c.Id, "Source"), (link.Id, link.Link));

        await ProblemAssert.ConflictAsync(await dispatcher.PostAsync("/api/window/cases/forward", new { ticketId = ticket.Id, version = after.Version }), "Duplicate");
    }

    [Fact]
    public async Task A_forwarded_report_keeps_the_reporter_with_the_center()
    {
        var dir = await _app.DirectoryAsync();
        var report = await (await As("agent")).RegisterAsync(new
        {
            channel = "Phone", callerPhone = "13987654321", callerName = "王举报", appealType = "Report", urgency = "Normal", categoryId = dir.Category("食品安全"),
            title = "举报无证经营", content = "某店无证经营，大厅窗口说不归他们管。", isConfidential = true,
        });
        var response = await (await As("dispatcher")).PostAsync("/api/window/cases/forward", new { ticketId = report.Id, version = report.Version });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);

        var window = await As("window");
        var c = await window.GetCaseAsync(Assert.Single((await window.GetAsync<WindowCasePage>("/api/window/cases?status=Registered"))!.Items).Id);
        Assert.Equal("（举报人信息保密）", c.ApplicantName);
        Assert.Null(c.ApplicantPhone);
        await using var db = await _app.Services.GetRequiredService<Hotline.Core.Data.DbConnectionFactory>().OpenAsync();
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(db, "SELECT COUNT(*) FROM WindowCase WHERE ApplicantName LIKE '%王举报%' OR ApplicantPhone = '13987654321'"));
    }

    [Fact]
    public async Task Only_window_staff_act_and_departments_do_not_read_the_ledger()
    {
        var window = await As("window");
        var c = await window.CreateAsync(WindowApi.Intake());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As("agent")).PostAsync("/api/window/cases", WindowApi.Intake())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As("supervisor")).TryCaseAsync(c.Id, "handle", new { version = c.Version, mode = "OnTheSpot" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As("cgj")).Http.GetAsync("/api/window/cases")).StatusCode);
        var seen = await (await As("supervisor")).GetCaseAsync(c.Id);
        Assert.Equal("138****5678", seen.ApplicantPhone); // masked beyond the window
        await ProblemAssert.NamesFieldAsync(await window.PostAsync("/api/window/cases", new { applicantName = "x", applicantPhone = "123", serviceItemName = "y", cause = "Other", description = "d", request = "r", failedUtc = DateTime.UtcNow }), "applicantPhone");
    }
}
