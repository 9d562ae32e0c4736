using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Hotline.Core.Data;
using Hotline.Core.Escalations;
using Hotline.Core.Repeat;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Repeat;

/// <summary>
/// Repeat complaints through real HTTP on a fresh SQLite file: caller history, candidates at intake, link as a child or
/// as related, merge and un-merge through the lifecycle (a return visit for every caller), clusters, the escalation at
/// the threshold and the 疑难 supervision order. Each test uses its own callers and addresses.
/// </summary>
public sealed class RepeatApiTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    private async Task<(ApiClient Agent, ApiClient Dispatcher, ApiClient Cgj, ApiClient Supervisor, HotlineApp.Directory Dir)> StaffAsync() =>
        (await app.LoginAsync("agent"), await app.LoginAsync("dispatcher"), await app.LoginAsync("cgj"), await app.LoginAsync("supervisor"), await app.DirectoryAsync());

    private static Dictionary<string, object?> Call(HotlineApp.Directory dir, string phone, string address, string title, string content,
        string category = "噪音扰民", string area = "滨江社区") => new()
    {
        ["channel"] = "Phone",
        ["callerPhone"] = phone,
        ["callerName"] = "市民",
        ["appealType"] = "Complaint",
        ["urgency"] = "Normal",
        ["categoryId"] = dir.Category(category),
        ["areaId"] = dir.Area(area),
        ["address"] = address,
        ["title"] = title,
        ["content"] = content,
        ["isConfidential"] = false,
    };

    private static async Task<List<RepeatCandidate>> CandidatesAsync(ApiClient client, object query)
    {
        var response = await client.PostAsync("/api/repeat/candidates", query);
        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<List<RepeatCandidate>>(HotlineApp.Json))!;
    }

    private async Task<TicketDetail> DispatchToCgjAsync(ApiClient dispatcher, HotlineApp.Directory dir, TicketDetail t) =>
        await dispatcher.ActAsync(t.Id, "dispatch", new { t.Version, leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() });

    [Fact]
    public async Task Caller_history_finds_every_format_of_the_number_with_outcome_and_satisfaction()
    {
        var (agent, dispatcher, cgj, _, dir) = await StaffAsync();
        var t = await agent.RegisterAsync(Call(dir, "+86 137 0000 1001", "望江路1号", "路灯不亮", "望江路1号门口路灯坏了三天", "路灯故障", "望江社区"));
        t = await DispatchToCgjAsync(dispatcher, dir, t);
        t = await cgj.ActAsync(t.Id, "sign", new { t.Version });
        t = await cgj.ActAsync(t.Id, "reply", new { t.Version, result = "已更换灯泡", resolved = true });
        t = await dispatcher.ActAsync(t.Id, "approve-reply", new { t.Version });
        await agent.ActAsync(t.Id, "visit", new { t.Version, satisfaction = "Unsatisfied", resolved = false, comment = "又坏了" });

        foreach (var format in new[] { "13700001001", "137-0000-1001", "+8613700001001", "0086 137 0000 1001" })
        {
            var history = (await agent.GetAsync<List<JsonElement>>($"/api/callers/{Uri.EscapeDataString(format)}/tickets"))!;
            var item = Assert.Single(history);
            Assert.Equal(t.Number, item.GetProperty("number").GetString());
            Assert.Equal("Closed", item.GetProperty("status").GetString());
            Assert.Equal("区城管局", item.GetProperty("leadDepartmentName").GetString());
            Assert.True(item.GetProperty("replyResolved").GetBoolean());
            Assert.Equal("Unsatisfied", item.GetProperty("satisfaction").GetString());
            Assert.Equal(1, item.GetProperty("unsatisfiedVisits").GetInt32());
        }
    }

    [Fact]
    public async Task Candidates_at_intake_come_with_scores_and_reasons_and_leave_other_matters_out()
    {
        var (agent, _, _, _, dir) = await StaffAsync();
        var first = await agent.RegisterAsync(Call(dir, "13700002001", "滨江路18号3单元", "工地夜间施工噪音", "滨江路18号工地每天晚上十一点还在打桩，吵得睡不着"));
        var other = await agent.RegisterAsync(Call(dir, "13700002002", "滨江路18号", "电梯坏了", "滨江路18号2单元电梯停运一周无人维修", "电梯故障"));
        var sameAddressOtherNoise = await agent.RegisterAsync(Call(dir, "13700002003", "滨江路18号", "广场舞音响太吵", "滨江路18号楼下广场舞音响开到很晚"));

        // The same caller calls again: proposed while the agent types, with the evidence.
        var mine = await CandidatesAsync(agent, new
        {
            callerPhone = "137 0000 2001", categoryId = dir.Category("噪音扰民"), areaId = dir.Area("滨江社区"), address = "滨江路18号",
            title = "施工噪音又来了", content = "滨江路18号工地晚上还在打桩施工",
        });
        var top = mine[0];
        Assert.Equal(first.Id, top.TicketId);
        Assert.Contains(top.Reasons, r => r.Code == RepeatReason.SameCaller);
        Assert.Contains(top.Reasons, r => r.Code == RepeatReason.SameCategory);
        Assert.Contains(top.Reasons, r => r.Code == RepeatReason.SameAddress);
        Assert.Contains(top.Reasons, r => r.Code == RepeatReason.SimilarText);
        Assert.True(top.CanAttach);
        Assert.DoesNotContain(mine, c => c.TicketId == other.Id); // another category at the same address

        // A neighbour about the same thing: found by place and text, no caller evidence.
        var neighbour = await CandidatesAsync(agent, new
        {
            callerPhone = "13900002999", categoryId = dir.Category("噪音扰民"), areaId = dir.Area("滨江社区"), address = "滨江路18号",
            title = "半夜打桩", content = "滨江路18号那个工地半夜打桩施工，噪音太大",
        });
        Assert.Equal(first.Id, neighbour[0].TicketId);
        Assert.DoesNotContain(neighbour[0].Reasons, r => r.Code == RepeatReason.SameCaller);
        Assert.All(neighbour, c => Assert.True(c.Score >= 0.45));
        Assert.DoesNotContain(neighbour, c => c.TicketId == other.Id);
        Assert.True(neighbour.FindIndex(c => c.TicketId == sameAddressOtherNoise.Id) is -1 or > 0);

        // The detector keeps the bigrams of the tickets it has seen; one that has seen none reads their text and agrees.
        var query = new CandidateQuery("13900002999", dir.Category("噪音扰民"), dir.Area("滨江社区"), "滨江路18号", "半夜打桩", "滨江路18号那个工地半夜打桩施工，噪音太大");
        var agentActor = new Hotline.Core.Directory.Actor(0, "agent", Hotline.Core.Directory.Role.Agent, null);
        var warm = await app.Services.GetRequiredService<RepeatDetector>().CandidatesAsync(query, agentActor, CancellationToken.None);
        var cold = await new RepeatDetector(app.Services.GetRequiredService<Database>(), app.Time, new RepeatOptions())
            .CandidatesAsync(query, agentActor, CancellationToken.None);
        Assert.Equal(warm.Select(c => (c.TicketId, c.Score, c.Number, c.Title)), cold.Select(c => (c.TicketId, c.Score, c.Number, c.Title)));
        Assert.Equal(neighbour.Select(c => c.TicketId), cold.Select(c => c.TicketId));

        // Bad input names the field; liaisons do not look callers up.
        await ProblemAssert.NamesFieldAsync(await agent.PostAsync("/api/repeat/candidates", new { callerPhone = "12345" }), "callerPhone");
        var cgj = await app.LoginAsync("cgj");
        Assert.Equal(HttpStatusCode.Forbidden, (await cgj.PostAsync("/api/repeat/candidates", new { title = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_linked_child_is_not_dispatched_shows_on_the_master_and_every_caller_gets_a_return_visit()
    {
        var (agent, dispatcher, cgj, _, dir) = await StaffAsync();
        var master = await agent.RegisterAsync(Call(dir, "13700003001", "望江路66号", "占道经营", "望江路66号门口水果摊占道经营，行人没法走", "占道经营", "望江社区"));
        master = await DispatchToCgjAsync(dispatcher, dir, master);

        var body = Call(dir, "13700003002", "望江路66号", "水果摊占道", "望江路66号的水果摊把人行道占了", "占道经营", "望江社区");
        body["link"] = new { ticketId = master.Id, mode = "Child", score = 0.8, reasons = new[] { new { code = "SameAddress" } } };
        var child = await agent.RegisterAsync(body);
        Assert.Equal(TicketStatus.Merged, child.Status);
        Assert.Empty(child.Assignments); // no dispatch of its own
        Assert.Equal([TicketAction.Register], child.Events.Select(e => e.Action).ToList());

        // The department sees one more appeal on its ticket, with the caller's number masked.
        var seen = await cgj.GetTicketAsync(master.Id);
        Assert.Equal(TicketAction.Link, seen.Events[^1].Action);
        var info = (await cgj.GetAsync<TicketRepeatInfo>($"/api/tickets/{master.Id}/repeat"))!;
        var appeal = Assert.Single(info.Children);
        Assert.Equal(child.Id, appeal.TicketId);
        Assert.Equal("137****3002", appeal.CallerPhone);
        Assert.Equal(TicketLinkKind.Child, Assert.Single(info.Links).Kind);
        var childInfo = (await agent.GetAsync<TicketRepeatInfo>($"/api/tickets/{child.Id}/repeat"))!;
        Assert.Equal(master.Id, childInfo.MasterTicketId);
        Assert.Equal(master.Number, childInfo.MasterNumber);

        // A child cannot be attached to a child, nor dispatched at registration.
        var nested = Call(dir, "13700003003", "望江路66号", "占道", "占道", "占道经营", "望江社区");
        nested["link"] = new { ticketId = child.Id, mode = "Child" };
        await ProblemAssert.NamesFieldAsync(await agent.PostAsync("/api/tickets", nested), "link.ticketId");
        nested["link"] = new { ticketId = master.Id, mode = "Child" };
        nested["dispatch"] = new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() };
        await ProblemAssert.NamesFieldAsync(await agent.PostAsync("/api/tickets", nested), "dispatch");

        // The department answers once; the approved reply gives every caller a return visit.
        master = await cgj.ActAsync(master.Id, "sign", new { (await cgj.GetTicketAsync(master.Id)).Version });
        master = await cgj.ActAsync(master.Id, "reply", new { master.Version, result = "已取缔占道水果摊", resolved = true });
        master = await dispatcher.ActAsync(master.Id, "approve-reply", new { master.Version });
        Assert.Equal(TicketStatus.PendingVisit, master.Status);
        child = await agent.GetTicketAsync(child.Id);
        Assert.Equal(TicketStatus.PendingVisit, child.Status);
        Assert.Equal("已取缔占道水果摊", child.ReplyResult);
        Assert.NotNull(child.VisitDueUtc);
        Assert.Contains(TicketAction.RecordVisit, child.AllowedActions);

        master = await agent.ActAsync(master.Id, "visit", new { master.Version, satisfaction = "Satisfied", resolved = true });
        child = await agent.ActAsync(child.Id, "visit", new { child.Version, satisfaction = "BasicallySatisfied", resolved = true });
        Assert.Equal(TicketStatus.Closed, master.Status);
        Assert.Equal(TicketStatus.Closed, child.Status);
        Assert.Equal(
            [(TicketAction.Register, (TicketStatus?)null, TicketStatus.Merged), (TicketAction.ApproveReply, TicketStatus.Merged, TicketStatus.PendingVisit),
             (TicketAction.RecordVisit, TicketStatus.PendingVisit, TicketStatus.Closed)],
            child.Events.Select(e => (e.Action, e.FromStatus, e.ToStatus)).ToList());
    }

    [Fact]
    public async Task Registered_as_new_keeps_the_link_and_is_dispatched_as_usual()
    {
        var (agent, _, _, _, dir) = await StaffAsync();
        var earlier = await agent.RegisterAsync(Call(dir, "13700004001", "府前街9号", "垃圾没人清运", "府前街9号垃圾堆了三天没人清运", "垃圾清运", "府前社区"));
        var body = Call(dir, "13700004001", "府前街9号", "垃圾又堆满了", "府前街9号的垃圾又堆满了，上次说清运了", "垃圾清运", "府前社区");
        body["link"] = new { ticketId = earlier.Id, mode = "Related", score = 0.9 };
        var related = await agent.RegisterAsync(body);
        Assert.Equal(TicketStatus.PendingDispatch, related.Status);
        var info = (await agent.GetAsync<TicketRepeatInfo>($"/api/tickets/{earlier.Id}/repeat"))!;
        var link = Assert.Single(info.Links);
        Assert.Equal((TicketLinkKind.Related, related.Id, earlier.Id, 0.9), (link.Kind, link.TicketId, link.LinkedTicketId, link.Score));
        Assert.Empty(info.Children);
    }

    [Fact]
    public async Task Merge_and_unmerge_by_the_center_through_the_lifecycle()
    {
        var (agent, dispatcher, cgj, _, dir) = await StaffAsync();
        var master = await DispatchToCgjAsync(dispatcher, dir,
            await agent.RegisterAsync(Call(dir, "13700005001", "新华路5号", "油烟扰民", "新华路5号饭店油烟直排进居民家", "油烟污染", "新华社区")));
        var dup = await DispatchToCgjAsync(dispatcher, dir,
            await agent.RegisterAsync(Call(dir, "13700005002", "新华路5号", "饭店油烟", "新华路5号那家饭店的油烟熏得没法开窗", "油烟污染", "新华社区")));
        Assert.Contains(TicketAction.Merge, dup.AllowedActions);

        // Only the center merges; a reason is required; a stale version is a 409.
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.TryActAsync(dup.Id, "merge", new { dup.Version, masterTicketId = master.Id, reason = "同一事项" })).StatusCode);
        await ProblemAssert.NamesFieldAsync(await dispatcher.TryActAsync(dup.Id, "merge", new { dup.Version, masterTicketId = master.Id }), "reason");
        await ProblemAssert.NamesFieldAsync(await dispatcher.TryActAsync(dup.Id, "merge", new { dup.Version, masterTicketId = dup.Id, reason = "x" }), "masterTicketId");
        await ProblemAssert.ConflictAsync(await dispatcher.TryActAsync(dup.Id, "merge", new { Version = dup.Version - 1, masterTicketId = master.Id, reason = "同一事项" }), "StaleVersion");

        dup = await dispatcher.ActAsync(dup.Id, "merge", new { dup.Version, masterTicketId = master.Id, reason = "同一饭店油烟，并单处理" });
        Assert.Equal(TicketStatus.Merged, dup.Status);
        Assert.All(dup.Assignments, a => Assert.False(a.IsActive)); // the department handles the master only
        Assert.Equal("同一饭店油烟，并单处理", dup.Events[^1].Reason);
        Assert.Contains(TicketAction.Unmerge, dup.AllowedActions);
        Assert.Equal(HttpStatusCode.NotFound, (await cgj.Http.GetAsync($"/api/tickets/{dup.Id}")).StatusCode);
        Assert.Equal(TicketAction.Merge, (await cgj.GetTicketAsync(master.Id)).Events[^1].Action);

        // Figures count both: two appeals, one of them a child.
        var figures = (await dispatcher.GetAsync<RepeatFigures>("/api/repeat/figures"))!;
        Assert.True(figures.Appeals - figures.Matters >= 1);
        Assert.Equal(figures.Children, figures.Appeals - figures.Matters);

        // Un-merge while the master is open: the appeal comes back as its own matter, to be dispatched.
        dup = await dispatcher.ActAsync(dup.Id, "unmerge", new { dup.Version, reason = "不是同一家饭店" });
        Assert.Equal(TicketStatus.PendingDispatch, dup.Status);
        Assert.Empty((await dispatcher.GetAsync<TicketRepeatInfo>($"/api/tickets/{master.Id}/repeat"))!.Children);
        Assert.Equal([TicketLinkKind.Merged, TicketLinkKind.Unmerged], (await dispatcher.GetAsync<TicketRepeatInfo>($"/api/tickets/{dup.Id}/repeat"))!.Links.Select(l => l.Kind).ToList());

        // Merge again, then close the master: the child is visited, and un-merge is over.
        dup = await dispatcher.ActAsync(dup.Id, "merge", new { dup.Version, masterTicketId = master.Id, reason = "核实为同一家饭店" });
        master = await cgj.ActAsync(master.Id, "sign", new { (await cgj.GetTicketAsync(master.Id)).Version });
        master = await cgj.ActAsync(master.Id, "reply", new { master.Version, result = "已责令安装油烟净化器", resolved = true });
        master = await dispatcher.ActAsync(master.Id, "approve-reply", new { master.Version });
        dup = await dispatcher.GetTicketAsync(dup.Id);
        Assert.Equal(TicketStatus.PendingVisit, dup.Status);
        Assert.DoesNotContain(TicketAction.Unmerge, dup.AllowedActions);
        await ProblemAssert.ConflictAsync(await dispatcher.TryActAsync(dup.Id, "unmerge", new { dup.Version, reason = "x" }), "InvalidState");
        master = await agent.ActAsync(master.Id, "visit", new { master.Version, satisfaction = "Satisfied", resolved = true });
        dup = await agent.ActAsync(dup.Id, "visit", new { dup.Version, satisfaction = "Satisfied", resolved = true });
        Assert.Equal((TicketStatus.Closed, TicketStatus.Closed), (master.Status, dup.Status));

        // A merged ticket cannot be merged into a closed master.
        var late = await agent.RegisterAsync(Call(dir, "13700005003", "新华路5号", "油烟", "油烟", "油烟污染", "新华社区"));
        await ProblemAssert.ConflictAsync(await dispatcher.TryActAsync(late.Id, "merge", new { late.Version, masterTicketId = master.Id, reason = "x" }), "InvalidState");
    }

    [Fact]
    public async Task A_cluster_reaching_three_appeals_in_thirty_days_escalates_once_and_live()
    {
        var (agent, _, _, supervisor, dir) = await StaffAsync();
        var start = app.Time.GetUtcNow();
        var calls = new[]
        {
            ("停水三天了", "湖畔路7号停水三天了，没有任何通知"),
            ("还是没水", "湖畔路7号还是没有水，上次打电话说今天恢复"),
            ("第三次反映停水", "湖畔路7号停水问题第三次反映了，一直没人管"),
            ("又停水", "湖畔路7号又停水"),
        };
        var tickets = new List<TicketDetail>();
        for (var i = 0; i < calls.Length; i++)
        {
            app.Time.Set(start.AddDays(i * 5));
            agent = await app.LoginAsync("agent"); // a new working day, a new session
            supervisor = await app.LoginAsync("supervisor");
            tickets.Add(await agent.RegisterAsync(Call(dir, "13700006001", $"湖畔路7号{i + 1}栋", calls[i].Item1, calls[i].Item2, "供水问题", "湖畔社区")));
            var count = await CountRepeatAsync(supervisor, tickets[0].Id);
            Assert.Equal(i >= 2 ? 1 : 0, count); // raised at the third appeal, once
        }

        var clusters = (await supervisor.GetAsync<ClusterPage>("/api/repeat/clusters?kind=Caller"))!;
        var cluster = clusters.Items.Single(c => c.AnchorTicketId == tickets[0].Id);
        Assert.Equal(4, cluster.Size);
        Assert.NotNull(cluster.WarnedUtc);
        var detail = (await supervisor.GetAsync<ClusterDetail>($"/api/repeat/clusters/{cluster.Id}"))!;
        Assert.Equal(tickets.Select(t => t.Id), detail.Members.Select(m => m.TicketId));
        var evidence = detail.Members[1].Evidence!.Value;
        Assert.Contains(evidence.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "SameCaller");

        // The escalation is an Escalation row on the cluster's first ticket: the live feed carries it to supervisors.
        await using var c = await app.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM LiveFeed f JOIN Escalation e ON e.Id = f.EscalationId
            WHERE f.Kind = 'EscalationRaised' AND e.Kind = 'Repeat' AND e.TicketId = @Id
            """, new { tickets[0].Id }));
        var anchor = await supervisor.GetTicketAsync(tickets[0].Id);
        Assert.Contains(anchor.Events, e => e.Action == TicketAction.Escalate && e.Reason!.Contains("重复诉求"));

        // The maintenance job finds nothing more to raise.
        var run = await app.Services.GetRequiredService<RepeatClusters>().RunAsync(CancellationToken.None);
        Assert.Equal(0, run.Escalated);
        Assert.Equal(1, await CountRepeatAsync(supervisor, tickets[0].Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LoginAsync("cgj")).Http.GetAsync("/api/repeat/clusters")).StatusCode);
    }

    private static async Task<int> CountRepeatAsync(ApiClient supervisor, long anchorId)
    {
        var page = (await supervisor.GetAsync<EscalationPage>("/api/escalations?kind=Repeat&pageSize=200"))!;
        return page.Items.Count(e => e.TicketId == anchorId && e.Level == EscalationLevel.Red);
    }

    [Fact]
    public async Task Three_callers_at_one_place_within_seven_days_raise_an_early_warning()
    {
        var (agent, _, _, supervisor, dir) = await StaffAsync();
        var texts = new[]
        {
            ("井盖丢了", "梅园路3号门口井盖丢失，晚上很危险"),
            ("井盖缺失", "梅园路3号路口的井盖没了，差点有人掉下去"),
            ("路口没井盖", "梅园路3号那里井盖缺失好几天了，太危险"),
        };
        var ids = new List<long>();
        for (var i = 0; i < texts.Length; i++)
        {
            ids.Add((await agent.RegisterAsync(Call(dir, $"1370000700{i}", "梅园路3号", texts[i].Item1, texts[i].Item2, "井盖缺失", "梅园社区"))).Id);
        }

        var page = (await supervisor.GetAsync<ClusterPage>("/api/repeat/clusters?kind=Place"))!;
        var cluster = page.Items.Single(c => c.AnchorTicketId == ids[0]);
        Assert.Equal(3, cluster.Size);
        Assert.Equal("梅园路3号", cluster.AddressKey);
        var warnings = (await supervisor.GetAsync<EscalationPage>("/api/escalations?kind=Repeat&level=Yellow&pageSize=200"))!;
        Assert.Single(warnings.Items, e => e.TicketId == ids[0]);
    }

    [Fact]
    public async Task Two_unsatisfied_visits_make_a_ticket_difficult_and_raise_a_supervision_order()
    {
        var (agent, dispatcher, cgj, supervisor, dir) = await StaffAsync();
        var t = await DispatchToCgjAsync(dispatcher, dir,
            await agent.RegisterAsync(Call(dir, "13700008001", "东湖路8号", "违章搭建", "东湖路8号楼顶违章搭建", "违章搭建", "东湖社区")));
        t = await cgj.ActAsync(t.Id, "sign", new { t.Version });
        for (var round = 1; round <= 2; round++)
        {
            t = await cgj.ActAsync(t.Id, "reply", new { t.Version, result = $"第{round}次处理：已责令拆除", resolved = true });
            t = await dispatcher.ActAsync(t.Id, "approve-reply", new { t.Version });
            t = await agent.ActAsync(t.Id, "visit", new { t.Version, satisfaction = "Unsatisfied", resolved = false, comment = "没拆", reopen = true });
            Assert.Equal(TicketStatus.InProgress, t.Status);
            var info = (await supervisor.GetAsync<TicketRepeatInfo>($"/api/tickets/{t.Id}/repeat"))!;
            Assert.Equal(round, info.UnsatisfiedVisits);
            Assert.Equal(round == 2, info.IsDifficult);
        }

        var orders = (await supervisor.GetAsync<EscalationPage>("/api/escalations?kind=Difficult"))!;
        var order = Assert.Single(orders.Items, e => e.TicketId == t.Id);
        Assert.Equal(EscalationLevel.Supervise, order.Level);
        Assert.Equal(dir.Department("CGJ"), order.DepartmentId);
        Assert.Single(t.Events, e => e.Action == TicketAction.Supervise);
    }
}
