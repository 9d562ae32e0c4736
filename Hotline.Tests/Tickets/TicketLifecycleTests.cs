using System.Net;
using System.Net.Http.Json;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;

namespace Hotline.Tests.Tickets;

/// <summary>The whole lifecycle through real HTTP on a fresh SQLite file.</summary>
public sealed class TicketLifecycleTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    private async Task<(ApiClient Agent, ApiClient Dispatcher, ApiClient Cgj, HotlineApp.Directory Dir)> StaffAsync() =>
        (await app.LoginAsync("agent"), await app.LoginAsync("dispatcher"), await app.LoginAsync("cgj"), await app.DirectoryAsync());

    private static object Call(HotlineApp.Directory dir, string title = "小区夜间施工噪音扰民", string appealType = "Complaint", object? dispatch = null) => new
    {
        channel = "Phone",
        callerPhone = "13812345678",
        callerName = "张先生",
        appealType,
        urgency = "Normal",
        categoryId = dir.Category("噪音扰民"),
        areaId = dir.Area("滨江社区"),
        address = "滨江路88号",
        title,
        content = "每天晚上十点以后工地还在施工，影响休息，希望有关部门处理。",
        isConfidential = false,
        dispatch,
    };

    [Fact]
    public async Task Full_path_from_call_to_closure_with_its_timeline()
    {
        var (agent, dispatcher, cgj, dir) = await StaffAsync();
        var ticket = await agent.RegisterAsync(Call(dir));
        Assert.Equal(TicketStatus.PendingDispatch, ticket.Status);
        Assert.Matches(@"^\d{8}-\d{5}$", ticket.Number);

        ticket = await dispatcher.ActAsync(ticket.Id, "dispatch", new { ticket.Version, leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = new[] { dir.Department("STHJJ") } });
        Assert.Equal(TicketStatus.PendingSign, ticket.Status);
        Assert.Equal(2, ticket.Assignments.Count);

        ticket = await cgj.GetTicketAsync(ticket.Id);
        Assert.Contains(TicketAction.Sign, ticket.AllowedActions);
        ticket = await cgj.ActAsync(ticket.Id, "sign", new { ticket.Version });
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        ticket = await cgj.ActAsync(ticket.Id, "reply", new { ticket.Version, result = "已责令工地22点后停止施工，并加强巡查。", resolved = true });
        Assert.Equal(TicketStatus.PendingReview, ticket.Status);
        ticket = await dispatcher.ActAsync(ticket.Id, "approve-reply", new { ticket.Version });
        Assert.Equal(TicketStatus.PendingVisit, ticket.Status);
        ticket = await agent.ActAsync(ticket.Id, "visit", new { ticket.Version, satisfaction = "Satisfied", resolved = true, comment = "满意" });
        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.NotNull(ticket.ClosedUtc);
        Assert.Equal(Satisfaction.Satisfied, ticket.Satisfaction);
        Assert.Equal("Satisfied", ticket.Events[^1].Detail!.Value.GetProperty("satisfaction").GetString()); // names, not numbers, in the audit trail

        Assert.Equal(
            [
                (TicketAction.Register, (TicketStatus?)null, TicketStatus.PendingDispatch),
                (TicketAction.Dispatch, TicketStatus.PendingDispatch, TicketStatus.PendingSign),
                (TicketAction.Sign, TicketStatus.PendingSign, TicketStatus.InProgress),
                (TicketAction.Reply, TicketStatus.InProgress, TicketStatus.PendingReview),
                (TicketAction.ApproveReply, TicketStatus.PendingReview, TicketStatus.PendingVisit),
                (TicketAction.RecordVisit, TicketStatus.PendingVisit, TicketStatus.Closed),
            ],
            ticket.Events.Select(e => (e.Action, e.FromStatus, e.ToStatus)).ToList());
        Assert.Equal(["王芳", "李强", "周杰", "周杰", "李强", "王芳"], ticket.Events.Select(e => e.ActorName!).ToList());
        Assert.Equal(6, ticket.Version); // one version per action
        Assert.Empty(ticket.AllowedActions); // closed and satisfied: nothing left to do
    }

    [Fact]
    public async Task Register_and_dispatch_in_one_step_and_answer_directly()
    {
        var (agent, _, cgj, dir) = await StaffAsync();
        var dispatched = await agent.RegisterAsync(Call(dir, dispatch: new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() }));
        Assert.Equal(TicketStatus.PendingSign, dispatched.Status);
        Assert.Equal([TicketAction.Register, TicketAction.Dispatch], dispatched.Events.Select(e => e.Action).ToList());
        Assert.Equal(TicketStatus.PendingSign, (await cgj.GetTicketAsync(dispatched.Id)).Status);

        var response = await agent.PostAsync("/api/tickets/answer-directly", new
        {
            channel = "Phone", callerPhone = "0571-87654321", appealType = "Consultation", urgency = "Normal",
            categoryId = dir.Category("政策咨询"), title = "咨询居住证办理材料", content = "想了解居住证需要哪些材料。", isConfidential = false,
            answer = "携带身份证、租房合同到社区服务中心办理。",
        });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        var answered = (await response.Content.ReadFromJsonAsync<TicketDetail>(HotlineApp.Json))!;
        Assert.Equal(TicketStatus.Closed, answered.Status);
        Assert.Equal("057187654321", answered.CallerPhone);
        Assert.Equal("携带身份证、租房合同到社区服务中心办理。", answered.Answer);
        Assert.Equal(TicketAction.AnswerDirectly, Assert.Single(answered.Events).Action);
    }

    [Fact]
    public async Task Unsatisfied_visit_then_reopen_goes_back_to_the_department()
    {
        var (agent, dispatcher, cgj, dir) = await StaffAsync();
        var ticket = await ToPendingVisitAsync(agent, dispatcher, cgj, dir);
        ticket = await agent.ActAsync(ticket.Id, "visit", new { ticket.Version, satisfaction = "Unsatisfied", resolved = false, comment = "噪音依旧" });
        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Contains(TicketAction.Reopen, ticket.AllowedActions);

        ticket = await agent.ActAsync(ticket.Id, "reopen", new { ticket.Version, reason = "市民反映问题未解决" });
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Null(ticket.ClosedUtc);
        var reopen = ticket.Events[^1];
        Assert.Equal((TicketAction.Reopen, TicketStatus.Closed, TicketStatus.InProgress, "市民反映问题未解决"), (reopen.Action, reopen.FromStatus!.Value, reopen.ToStatus, reopen.Reason));
        Assert.Contains(TicketAction.Reply, (await cgj.GetTicketAsync(ticket.Id)).AllowedActions);

        // Reopening in the same step as the visit: two events, one transaction.
        ticket = await cgj.ActAsync(ticket.Id, "reply", new { ticket.Version, result = "再次处理", resolved = true });
        ticket = await dispatcher.ActAsync(ticket.Id, "approve-reply", new { ticket.Version });
        ticket = await agent.ActAsync(ticket.Id, "visit", new { ticket.Version, satisfaction = "Unsatisfied", resolved = false, reopen = true });
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        // The second unsatisfied visit also makes the ticket 疑难 and issues a supervision order, last in the same unit.
        Assert.Equal([TicketAction.RecordVisit, TicketAction.Reopen, TicketAction.Supervise], ticket.Events.TakeLast(3).Select(e => e.Action).ToList());

        var satisfiedReopen = await agent.TryActAsync(ticket.Id, "visit", new { ticket.Version, satisfaction = "Satisfied", resolved = true, reopen = true });
        await ProblemAssert.NamesFieldAsync(satisfiedReopen, "reopen");
    }

    [Fact]
    public async Task Reopen_after_a_satisfied_visit_is_refused()
    {
        var (agent, dispatcher, cgj, dir) = await StaffAsync();
        var ticket = await ToPendingVisitAsync(agent, dispatcher, cgj, dir);
        ticket = await agent.ActAsync(ticket.Id, "visit", new { ticket.Version, satisfaction = "BasicallySatisfied", resolved = true });
        var response = await agent.TryActAsync(ticket.Id, "reopen", new { ticket.Version, reason = "想重办" });
        await ProblemAssert.ConflictAsync(response, "InvalidState", TicketStatus.Closed);
    }

    [Fact]
    public async Task Return_approved_and_redispatched_moves_the_ticket_to_the_new_department()
    {
        var (agent, dispatcher, cgj, dir) = await StaffAsync();
        var scjgj = await app.LoginAsync("scjgj");
        var ticket = await agent.RegisterAsync(Call(dir, dispatch: new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() }));
        ticket = await cgj.ActAsync(ticket.Id, "request-return", new { ticket.Version, reason = "餐饮油烟属市场监管职责" });
        Assert.Equal(TicketStatus.ReturnRequested, ticket.Status);
        ticket = await dispatcher.ActAsync(ticket.Id, "approve-return", new { ticket.Version, leadDepartmentId = dir.Department("SCJGJ"), assistDepartmentIds = Array.Empty<long>() });
        Assert.Equal(TicketStatus.PendingSign, ticket.Status);
        Assert.Equal(dir.Department("SCJGJ"), ticket.LeadDepartmentId);
        var old = ticket.Assignments.Single(a => a.DepartmentId == dir.Department("CGJ"));
        Assert.False(old.IsActive);
        Assert.Equal(SignState.Returned, old.SignState);

        // The old department no longer sees it; the new one signs.
        Assert.Equal(HttpStatusCode.NotFound, (await cgj.Http.GetAsync($"/api/tickets/{ticket.Id}")).StatusCode);
        ticket = await scjgj.ActAsync(ticket.Id, "sign", new { ticket.Version });
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal("餐饮油烟属市场监管职责", ticket.Events.Single(e => e.Action == TicketAction.RequestReturn).Reason);
    }

    [Fact]
    public async Task A_department_that_returned_twice_may_not_return_a_third_time()
    {
        var (agent, dispatcher, cgj, dir) = await StaffAsync();
        var ticket = await agent.RegisterAsync(Call(dir, dispatch: new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() }));
        for (var i = 1; i <= 2; i++)
        {
            ticket = await cgj.ActAsync(ticket.Id, "request-return", new { ticket.Version, reason = $"第{i}次退单" });
            ticket = await dispatcher.ActAsync(ticket.Id, "reject-return", new { ticket.Version, reason = "属于你单位职责" });
            Assert.Equal(TicketStatus.PendingSign, ticket.Status);
            Assert.Equal(SignState.Pending, ticket.Assignments.Single(a => a.IsActive).SignState);
        }

        ticket = await cgj.GetTicketAsync(ticket.Id);
        Assert.DoesNotContain(TicketAction.RequestReturn, ticket.AllowedActions);
        Assert.Equal(2, ticket.ReturnCount);
        var third = await cgj.TryActAsync(ticket.Id, "request-return", new { ticket.Version, reason = "第3次退单" });
        await ProblemAssert.ConflictAsync(third, "ReturnLimitReached", TicketStatus.PendingSign);
        Assert.Equal(ticket.Version, (await cgj.GetTicketAsync(ticket.Id)).Version);
    }

    [Fact]
    public async Task Review_sends_back_and_withdraw_ends_the_ticket()
    {
        var (agent, dispatcher, cgj, dir) = await StaffAsync();
        var ticket = await agent.RegisterAsync(Call(dir, dispatch: new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() }));
        ticket = await cgj.ActAsync(ticket.Id, "sign", new { ticket.Version });
        ticket = await cgj.ActAsync(ticket.Id, "reply", new { ticket.Version, result = "已处理", resolved = true });
        ticket = await dispatcher.ActAsync(ticket.Id, "send-back", new { ticket.Version, reason = "答复未说明处理时间" });
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal("答复未说明处理时间", ticket.Events[^1].Reason);

        ticket = await agent.ActAsync(ticket.Id, "withdraw", new { ticket.Version, reason = "市民来电撤诉" });
        Assert.Equal(TicketStatus.Withdrawn, ticket.Status);
        Assert.Empty(ticket.AllowedActions);
        Assert.All(ticket.Assignments, a => Assert.False(a.IsActive));
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_changes_nothing()
    {
        var (agent, dispatcher, cgj, dir) = await StaffAsync();
        var ticket = await agent.RegisterAsync(Call(dir, dispatch: new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() }));
        var signed = await cgj.ActAsync(ticket.Id, "sign", new { ticket.Version });
        var stale = await cgj.TryActAsync(ticket.Id, "reply", new { ticket.Version, result = "旧版本答复", resolved = true });
        var problem = await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal("StaleVersion", problem.GetProperty("code").GetString());
        Assert.Equal(signed.Version, problem.GetProperty("currentVersion").GetInt32());
        var after = await cgj.GetTicketAsync(ticket.Id);
        Assert.Equal((TicketStatus.InProgress, signed.Version, signed.Events.Count), (after.Status, after.Version, after.Events.Count));
    }

    [Fact]
    public async Task An_action_the_state_does_not_allow_names_the_current_state()
    {
        var (agent, dispatcher, cgj, dir) = await StaffAsync();
        var ticket = await agent.RegisterAsync(Call(dir));
        var response = await dispatcher.TryActAsync(ticket.Id, "approve-reply", new { ticket.Version });
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("InvalidState", problem.GetProperty("code").GetString());
        Assert.Equal("PendingDispatch", problem.GetProperty("currentStatus").GetString());

        // A role that may never take the action is a 403, whatever the state.
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.TryActAsync(ticket.Id, "dispatch", new { ticket.Version, leadDepartmentId = dir.Department("CGJ") })).StatusCode);
    }

    [Fact]
    public async Task A_liaison_of_another_department_cannot_find_or_touch_the_ticket()
    {
        var (agent, _, cgj, dir) = await StaffAsync();
        var scjgj = await app.LoginAsync("scjgj");
        var ticket = await agent.RegisterAsync(Call(dir, title: "别人家的工单", dispatch: new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() }));

        Assert.Equal(HttpStatusCode.NotFound, (await scjgj.Http.GetAsync($"/api/tickets/{ticket.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scjgj.Http.GetAsync($"/api/tickets/by-number/{ticket.Number}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scjgj.TryActAsync(ticket.Id, "sign", new { ticket.Version })).StatusCode);
        var theirs = await scjgj.GetAsync<TicketPage>("/api/tickets?pageSize=200&q=" + Uri.EscapeDataString("别人家的工单"));
        Assert.Equal(0, theirs!.Total);
        Assert.Empty(theirs.Items);
        var mine = await cgj.GetAsync<TicketPage>("/api/tickets?pageSize=200&q=" + Uri.EscapeDataString("别人家的工单"));
        Assert.Contains(mine!.Items, t => t.Id == ticket.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await scjgj.Http.GetAsync("/api/callers/13812345678/tickets")).StatusCode);
    }

    [Fact]
    public async Task Departments_see_masked_phones_and_never_a_reporters_identity()
    {
        var (agent, dispatcher, cgj, dir) = await StaffAsync();
        var dispatch = new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() };
        var complaint = await agent.RegisterAsync(Call(dir, dispatch: dispatch));
        var report = await agent.RegisterAsync(Call(dir, title: "举报无证经营", appealType: "Report", dispatch: dispatch));
        var before = await app.CountAsync("PersonalDataAccess");

        var seenByDepartment = await cgj.GetTicketAsync(complaint.Id);
        Assert.Equal("138****5678", seenByDepartment.CallerPhone);
        Assert.Equal("张先生", seenByDepartment.CallerName);
        var reportSeenByDepartment = await cgj.GetTicketAsync(report.Id);
        Assert.Null(reportSeenByDepartment.CallerPhone);
        Assert.Null(reportSeenByDepartment.CallerName);

        var reportSeenByCenter = await dispatcher.GetTicketAsync(report.Id);
        Assert.Equal("13812345678", reportSeenByCenter.CallerPhone);
        Assert.Equal("张先生", reportSeenByCenter.CallerName);
        var supervisor = await app.LoginAsync("supervisor");
        Assert.Null((await supervisor.GetTicketAsync(report.Id)).CallerName);
        Assert.Equal("13812345678", (await supervisor.GetTicketAsync(complaint.Id)).CallerPhone);

        // Every view that showed personal data was logged: cgj complaint, dispatcher report, supervisor complaint.
        Assert.Equal(before + 3, await app.CountAsync("PersonalDataAccess"));
    }

    [Fact]
    public async Task Caller_history_finds_the_callers_tickets_however_the_number_is_written()
    {
        var (agent, _, _, dir) = await StaffAsync();
        var ticket = await agent.RegisterAsync(new
        {
            channel = "Phone", callerPhone = "+86 139-0000-1111", appealType = "HelpRequest", urgency = "Urgent",
            categoryId = dir.Category("停电断电"), title = "小区停电", content = "整栋楼停电两小时", isConfidential = false,
        });
        Assert.Equal("13900001111", ticket.CallerPhone);
        var history = await agent.GetAsync<List<TicketSummary>>("/api/callers/13900001111/tickets");
        Assert.Equal(ticket.Id, Assert.Single(history!).Id);
        var bad = await agent.Http.GetAsync("/api/callers/12345/tickets");
        await ProblemAssert.NamesFieldAsync(bad, "phone");
    }

    private async Task<TicketDetail> ToPendingVisitAsync(ApiClient agent, ApiClient dispatcher, ApiClient cgj, HotlineApp.Directory dir)
    {
        var ticket = await agent.RegisterAsync(Call(dir, dispatch: new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() }));
        ticket = await cgj.ActAsync(ticket.Id, "sign", new { ticket.Version });
        ticket = await cgj.ActAsync(ticket.Id, "reply", new { ticket.Version, result = "已处理", resolved = true });
        return await dispatcher.ActAsync(ticket.Id, "approve-reply", new { ticket.Version });
    }
}
