using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Hotline.Core.Data;
using Hotline.Core.Escalations;
using Hotline.Core.Live;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Tests.Live;

/// <summary>The live hub over a real WebSocket speaking the SignalR JSON protocol, on a fresh SQLite file.</summary>
public sealed class LiveHubTests : IAsyncLifetime
{
    // Monday 7 Dec 2026, 10:00 in Beijing.
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly HotlineApp _app = new() { Settings = { ["Live:CatchUpLimit"] = "10" } };

    public Task InitializeAsync()
    {
        _app.Time.Set(Start);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static int _callers;

    /// <summary>A caller each: one caller's repeated calls would (rightly) raise repeat-complaint escalations in the feed too.</summary>
    private static string NextCaller() => $"1391234{Interlocked.Increment(ref _callers) % 10000:D4}";

    private async Task<TicketDetail> RegisterAsync(string department, string urgency = "Emergency", string title = "燃气泄漏") =>
        await (await _app.LoginAsync("agent")).RegisterAsync(Appeal(await _app.DirectoryAsync(), department, urgency, title));

    private static object Appeal(HotlineApp.Directory dir, string department, string urgency = "Emergency", string title = "燃气泄漏") => new
    {
        channel = "Phone", callerPhone = NextCaller(), appealType = "HelpRequest", urgency, categoryId = dir.Category("燃气安全"),
        title, content = "楼道里有燃气味。", isConfidential = false,
        dispatch = new { leadDepartmentId = dir.Department(department), assistDepartmentIds = Array.Empty<long>() },
    };

    private static bool IsTicket(JsonElement m, long ticketId) => m.TryGetProperty("ticketId", out var t) && t.ValueKind == JsonValueKind.Number && t.GetInt64() == ticketId;

    private static long Seq(JsonElement m) => m.GetProperty("seq").GetInt64();

    [Fact]
    public async Task Without_signing_in_the_hub_refuses_the_connection()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => LiveTestClient.ConnectWithCookieAsync(_app, null));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_message_reaches_exactly_the_users_who_may_read_it()
    {
        await using var supervisor = await LiveTestClient.ConnectAsync(_app, "supervisor");
        await using var agent = await LiveTestClient.ConnectAsync(_app, "agent");
        await using var cgj = await LiveTestClient.ConnectAsync(_app, "cgj");
        await using var scjgj = await LiveTestClient.ConnectAsync(_app, "scjgj");

        var ticket = await RegisterAsync("CGJ"); // registered and dispatched to 城管局 in one step: Register + Dispatch
        var forCgj = await cgj.ReceiveUntilAsync((_, m) => IsTicket(m, ticket.Id) && m.GetProperty("action").GetString() == "Dispatch");
        Assert.Equal(["TicketChanged", "TicketChanged"], forCgj.Select(x => x.Target));
        Assert.Equal("Register", forCgj[0].Message.GetProperty("action").GetString());
        Assert.Equal(ticket.Number, forCgj[1].Message.GetProperty("ticketNumber").GetString());
        Assert.Equal("PendingSign", forCgj[1].Message.GetProperty("ticketStatus").GetString());
        Assert.False(forCgj[1].Message.TryGetProperty("audience", out _)); // who receives it is the server's business

        // Past the sign and handle deadlines: the sweep raises four escalations and urges 城管局.
        _app.Time.Set(Start.AddHours(3));
        Assert.Equal(4, (await _app.Services.GetRequiredService<DeadlineSweeper>().SweepAsync(CancellationToken.None)).Raised);
        var escalations = await supervisor.ReceiveUntilAsync((t, _) => t == "EscalationRaised", TimeSpan.FromSeconds(10));
        var raised = escalations.Single(x => x.Target == "EscalationRaised").Message; // the escalation's ticket and department are the message's
        Assert.Equal(ticket.Id, raised.GetProperty("ticketId").GetInt64());
        Assert.EndsWith("城管局", raised.GetProperty("departmentName").GetString());
        Assert.Equal("Sign", raised.GetProperty("escalation").GetProperty("kind").GetString());

        // 城管局 gets sign yellow and red and handle yellow as escalations, and the red handle deadline as the urge (催办).
        var urged = await cgj.ReceiveUntilAsync((t, _) => t == "Urged");
        Assert.Equal(3, urged.Count(x => x.Target == "EscalationRaised"));
        Assert.Equal("Urge", urged[^1].Message.GetProperty("action").GetString());
        Assert.Equal("Red", urged[^1].Message.GetProperty("escalation").GetProperty("level").GetString());
        Assert.DoesNotContain(urged, x => x.Target == "TicketChanged"); // an escalation changes no ticket

        // A sentinel for 市场监管局 proves the other department got nothing before it: messages arrive in feed order.
        var sentinel = await RegisterAsync("SCJGJ", "Normal", "过期食品");
        var forScjgj = await scjgj.ReceiveUntilAsync((_, m) => IsTicket(m, sentinel.Id) && m.GetProperty("action").GetString() == "Dispatch");
        Assert.All(forScjgj, x => Assert.Equal(sentinel.Id, x.Message.GetProperty("ticketId").GetInt64()));

        // The agent reads tickets but not escalations; supervisors read both.
        var forAgent = await agent.ReceiveUntilAsync((_, m) => IsTicket(m, sentinel.Id) && m.GetProperty("action").GetString() == "Dispatch");
        Assert.DoesNotContain(forAgent, x => x.Target.StartsWith("Escalation", StringComparison.Ordinal));
        Assert.Contains(forAgent, x => x.Target == "Urged");
        var forSupervisor = escalations.Concat(await supervisor.ReceiveUntilAsync((_, m) => IsTicket(m, sentinel.Id) && m.GetProperty("action").GetString() == "Dispatch")).ToList();
        Assert.Equal(3, forSupervisor.Count(x => x.Target == "EscalationRaised"));
        Assert.Equal(1, forSupervisor.Count(x => x.Target == "Urged")); // the fourth escalation, the urge: one message each

        // Seq strictly increases for everyone: no duplicate, no reordering.
        foreach (var received in new[] { forSupervisor, forAgent })
        {
            var seqs = received.Select(x => Seq(x.Message)).ToList();
            Assert.Equal(seqs.Order(), seqs);
            Assert.Equal(seqs.Count, seqs.Distinct().Count());
        }
    }

    [Fact]
    public async Task A_client_cannot_join_another_group_or_call_what_the_hub_does_not_offer()
    {
        await using var scjgj = await LiveTestClient.ConnectAsync(_app, "scjgj");
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => scjgj.InvokeAsync("AddToGroupAsync", "dept:1"));
        Assert.Contains("does not exist", refused.Message, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAsync<InvalidOperationException>(() => scjgj.InvokeAsync("OnConnectedAsync"));
    }

    [Fact]
    public async Task A_reconnecting_client_catches_up_with_what_it_may_see_and_reloads_past_the_bound()
    {
        string lastSeq;
        await using (var cgj = await LiveTestClient.ConnectAsync(_app, "cgj"))
        {
            var first = await RegisterAsync("CGJ");
            var seen = await cgj.ReceiveUntilAsync((_, m) => IsTicket(m, first.Id) && m.GetProperty("action").GetString() == "Dispatch");
            lastSeq = Seq(seen[^1].Message).ToString();
        }

        // While disconnected: one ticket for 城管局 (sign it too), one for 市场监管局.
        var mine = await RegisterAsync("CGJ", "Normal", "路灯不亮");
        var liaison = await _app.LoginAsync("cgj");
        await liaison.ActAsync(mine.Id, "sign", new { version = mine.Version });
        var other = await RegisterAsync("SCJGJ", "Normal", "过期食品");

        await using var back = await LiveTestClient.ConnectAsync(_app, "cgj");
        // The tailer has pushed the last write before catch-up is asked (the push bounds catch-up).
        await using (var supervisor = await LiveTestClient.ConnectAsync(_app, "supervisor"))
        {
            await RegisterAsync("SCJGJ", "Normal", "哨兵");
            await supervisor.ReceiveUntilAsync((_, m) => m.GetProperty("ticketTitle").GetString() == "哨兵" && m.GetProperty("action").GetString() == "Dispatch");
        }

        var catchUp = await back.InvokeAsync("CatchUp", long.Parse(lastSeq));
        Assert.False(catchUp.GetProperty("reload").GetBoolean());
        var missed = catchUp.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["Register", "Dispatch", "Sign"], missed.Select(m => m.GetProperty("action").GetString()));
        Assert.All(missed, m => Assert.Equal(mine.Id, m.GetProperty("ticketId").GetInt64()));
        Assert.DoesNotContain(missed, m => m.GetProperty("ticketId").GetInt64() == other.Id);
        Assert.True(catchUp.GetProperty("lastSeq").GetInt64() > Seq(missed[^1]));

        // Further behind than the bound (10 feed rows here): told to reload rather than flooded.
        await using (var supervisor = await LiveTestClient.ConnectAsync(_app, "supervisor"))
        {
            for (var i = 0; i < 6; i++)
            {
                await RegisterAsync("SCJGJ", "Normal", $"又一件 {i}");
            }

            await supervisor.ReceiveUntilAsync((_, m) => m.GetProperty("ticketTitle").GetString() == "又一件 5" && m.GetProperty("action").GetString() == "Dispatch");
        }

        var far = await back.InvokeAsync("CatchUp", long.Parse(lastSeq));
        Assert.True(far.GetProperty("reload").GetBoolean());
        Assert.Empty(far.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task Concurrent_writers_are_delivered_once_each_in_feed_order_without_a_gap()
    {
        await using var supervisor = await LiveTestClient.ConnectAsync(_app, "supervisor");
        var dir = await _app.DirectoryAsync();
        var agents = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _app.LoginAsync("agent")));
        var tickets = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => agents[i % agents.Length].RegisterAsync(new
        {
            channel = "Phone", callerPhone = NextCaller(), appealType = "HelpRequest", urgency = "Emergency", categoryId = dir.Category("燃气安全"),
            title = $"并发 {i}", content = "楼道里有燃气味。", isConfidential = false,
            dispatch = new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() },
        })));
        _app.Time.Set(Start.AddHours(3));
        // Two independent sweepers (as two Worker processes would be) race with each other and with the tailer.
        var options = _app.Services.GetRequiredService<DatabaseOptions>();
        DeadlineSweeper Worker(int node) => new(new Database(new DbConnectionFactory(options, _app.DataFolder), TransientFaults.CreatePipeline()),
            new IdGenerator(_app.Time, node), _app.Time, NullLogger<DeadlineSweeper>.Instance);
        await Task.WhenAll(Enumerable.Range(1, 2).Select(n => Task.Run(() => Worker(n).SweepAsync(CancellationToken.None))));

        await using var c = await _app.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        var expected = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM LiveFeed WHERE Kind IN ('TicketEvent', 'EscalationRaised')");
        Assert.Equal(40 * 2 + 40 * 4, expected); // Register + Dispatch; 4 escalations a ticket, the fourth being the urge

        var last = await c.ExecuteScalarAsync<long>("SELECT MAX(Seq) FROM LiveFeed");
        var received = await supervisor.ReceiveUntilAsync((_, m) => Seq(m) == last, TimeSpan.FromSeconds(20));
        var seqs = received.Select(x => Seq(x.Message)).ToList();
        Assert.Equal(seqs.Distinct().Count(), seqs.Count);
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(expected, received.Count);
        Assert.Equal(tickets.Select(t => t.Id).Order(), received.Where(x => x.Target == "EscalationRaised")
            .Select(x => x.Message.GetProperty("ticketId").GetInt64()).Distinct().Order());
    }

    [Fact]
    public async Task What_one_read_finds_reaches_each_connection_in_one_invocation_per_group_in_feed_order_and_once()
    {
        // Only this process's commits wake the tailer here: what the Worker and another instance write waits for the next one.
        await using var app = new HotlineApp { Settings = { ["Live:TailIntervalMs"] = "600000" } };
        app.Time.Set(Start);
        await using var supervisor = await LiveTestClient.ConnectAsync(app, "supervisor");
        await using var agent = await LiveTestClient.ConnectAsync(app, "agent");
        await using var cgj = await LiveTestClient.ConnectAsync(app, "cgj");
        await using var scjgj = await LiveTestClient.ConnectAsync(app, "scjgj");
        var dir = await app.DirectoryAsync();
        var desk = await app.LoginAsync("agent"); // signed in now: signing in writes too, and would wake the tailer below
        var tickets = new List<TicketDetail>();
        for (var i = 0; i < 3; i++)
        {
            tickets.Add(await desk.RegisterAsync(Appeal(dir, "CGJ", title: $"燃气泄漏 {i}")));
        }

        foreach (var client in new[] { supervisor, agent, cgj })
        {
            await client.ReceiveUntilAsync((_, m) => IsTicket(m, tickets[^1].Id) && m.GetProperty("action").GetString() == "Dispatch");
        }

        await Task.Delay(200); // the tailer is idle again
        var before = new Dictionary<LiveTestClient, int> { [supervisor] = supervisor.Invocations.Count, [agent] = agent.Invocations.Count, [cgj] = cgj.Invocations.Count };
        await using var c = await app.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        var from = await c.ExecuteScalarAsync<long>("SELECT MAX(Seq) FROM LiveFeed");

        // Another process: a Worker's sweep raises sign yellow and red for the three tickets in one commit, and another Api
        // instance records a call ringing at the agent's seat.
        app.Time.Set(Start.AddMinutes(31));
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        var elsewhere = new Database(new DbConnectionFactory(options, app.DataFolder), TransientFaults.CreatePipeline());
        Assert.Equal(6, (await new DeadlineSweeper(elsewhere, new IdGenerator(app.Time, 7), app.Time, NullLogger<DeadlineSweeper>.Instance)
            .SweepAsync(CancellationToken.None)).Raised);
        await new LiveFeed(elsewhere, app.Time).RecordIncomingCallAsync(new IncomingCallRequest("13912345678", "agent", "CALL-BURST-1"), CancellationToken.None);
        await Task.Delay(300);
        Assert.Empty(supervisor.Drain()); // held until this instance's next read
        Assert.Empty(agent.Drain());

        // A registration here wakes the tailer: one read finds all of it.
        var wake = await desk.RegisterAsync(Appeal(dir, "CGJ", "Normal", "唤醒"));
        var feed = (await c.QueryAsync<(long Seq, string Kind)>("SELECT Seq, Kind FROM LiveFeed WHERE Seq > @From ORDER BY Seq", new { From = from })).ToList();
        Assert.Equal(["EscalationRaised", "EscalationRaised", "EscalationRaised", "EscalationRaised", "EscalationRaised", "EscalationRaised", "IncomingCall", "TicketEvent", "TicketEvent"],
            feed.Select(f => f.Kind));
        var notCall = feed.Where(f => f.Kind != "IncomingCall").Select(f => f.Seq).ToList();

        // The supervisor and the 城管局 liaison: one group each is addressed, so one invocation with the eight messages in feed order.
        foreach (var client in new[] { supervisor, cgj })
        {
            var received = await client.ReceiveUntilAsync((_, m) => IsTicket(m, wake.Id) && m.GetProperty("action").GetString() == "Dispatch");
            Assert.Equal(notCall, received.Select(x => Seq(x.Message)));
            Assert.Equal(["EscalationRaised", "EscalationRaised", "EscalationRaised", "EscalationRaised", "EscalationRaised", "EscalationRaised", "TicketChanged", "TicketChanged"],
                received.Select(x => x.Target));
            var invocations = client.Invocations.Skip(before[client]).Select(Join);
            Assert.Equal([Join(notCall)], invocations);
        }

        // The agent is in two addressed groups: its role's (the ticket changes) and its user's (the call). One invocation
        // each, in feed order within it.
        var forAgent = new List<(string Target, JsonElement Message)>();
        while (forAgent.Count < 3)
        {
            forAgent.Add(await agent.NextAsync());
        }

        var call = feed.Single(f => f.Kind == "IncomingCall").Seq;
        Assert.Equal(["CALL-BURST-1"], forAgent.Where(x => x.Target == "IncomingCall").Select(x => x.Message.GetProperty("call").GetProperty("callId").GetString()));
        Assert.Equal([Join([call]), Join(notCall[^2..])], agent.Invocations.Skip(before[agent]).OrderBy(i => i[0]).Select(Join));

        // Each exactly once: after the burst come the sentinels' messages and nothing else; 市场监管局 got nothing of the burst.
        var forScjgj = await desk.RegisterAsync(Appeal(dir, "SCJGJ", "Normal", "哨兵"));
        var forCgj = await desk.RegisterAsync(Appeal(dir, "CGJ", "Normal", "哨兵"));
        foreach (var (client, last, count) in new[] { (supervisor, forCgj, 4), (agent, forCgj, 4), (cgj, forCgj, 2), (scjgj, forScjgj, 2) })
        {
            var after = await client.ReceiveUntilAsync((_, m) => IsTicket(m, last.Id) && m.GetProperty("action").GetString() == "Dispatch");
            Assert.Equal(count, after.Count);
            Assert.All(after, x => Assert.True(IsTicket(x.Message, forScjgj.Id) || IsTicket(x.Message, forCgj.Id)));
        }
    }

    private static string Join(IEnumerable<long> seqs) => string.Join(",", seqs);

    [Fact]
    public async Task The_phone_system_pops_the_callers_number_on_the_agents_screen_only()
    {
        await using var agent = await LiveTestClient.ConnectAsync(_app, "agent");
        await using var dispatcher = await LiveTestClient.ConnectAsync(_app, "dispatcher");
        using var phone = _app.CreateClient();
        var call = new { callerNumber = "+86 139-1234-5678", agentUserName = "agent", callId = "CALL-20261207-0001" };

        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.PostAsJsonAsync("/api/integrations/phone/incoming-call", call)).StatusCode);
        phone.DefaultRequestHeaders.Add("X-Api-Key", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.PostAsJsonAsync("/api/integrations/phone/incoming-call", call)).StatusCode);
        phone.DefaultRequestHeaders.Remove("X-Api-Key");
        phone.DefaultRequestHeaders.Add("X-Api-Key", HotlineApp.PhoneApiKey);
        await ProblemAssert.NamesFieldAsync(await phone.PostAsJsonAsync("/api/integrations/phone/incoming-call", call with { callerNumber = "12345" }), "callerNumber");
        await ProblemAssert.NamesFieldAsync(await phone.PostAsJsonAsync("/api/integrations/phone/incoming-call", call with { agentUserName = "cgj" }), "agentUserName");
        await ProblemAssert.NamesFieldAsync(await phone.PostAsJsonAsync("/api/integrations/phone/incoming-call", call with { callId = "" }), "callId");

        var accepted = await phone.PostAsJsonAsync("/api/integrations/phone/incoming-call", call);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var (target, message) = await agent.NextAsync();
        Assert.Equal("IncomingCall", target);
        Assert.Equal("13912345678", message.GetProperty("call").GetProperty("callerPhone").GetString());
        Assert.Equal("CALL-20261207-0001", message.GetProperty("call").GetProperty("callId").GetString());

        // The dispatcher's screen gets nothing: the next thing it sees is a later ticket change.
        var later = await RegisterAsync("CGJ");
        var forDispatcher = await dispatcher.ReceiveUntilAsync((_, m) => IsTicket(m, later.Id));
        Assert.DoesNotContain(forDispatcher, x => x.Target == "IncomingCall");

        // Most phone systems name the seat that rings: the extension (分机号) an administrator gave the user, here 8002.
        var bySeat = new { callerNumber = "0571-8765 4321", agentExtension = "8002", callId = "CALL-20261207-0002" };
        await ProblemAssert.NamesFieldAsync(await phone.PostAsJsonAsync("/api/integrations/phone/incoming-call", bySeat with { agentExtension = "9999" }), "agentExtension");
        await ProblemAssert.NamesFieldAsync(await phone.PostAsJsonAsync("/api/integrations/phone/incoming-call", new { bySeat.callerNumber, bySeat.callId }), "agentExtension");
        await ProblemAssert.NamesFieldAsync(await phone.PostAsJsonAsync("/api/integrations/phone/incoming-call",
            new { bySeat.callerNumber, bySeat.callId, bySeat.agentExtension, agentUserName = "dispatcher" }), "agentExtension"); // one of them, not both
        Assert.Equal(HttpStatusCode.Accepted, (await phone.PostAsJsonAsync("/api/integrations/phone/incoming-call", bySeat)).StatusCode);
        var popped = await dispatcher.ReceiveUntilAsync((t, _) => t == "IncomingCall");
        Assert.Equal("057187654321", popped[^1].Message.GetProperty("call").GetProperty("callerPhone").GetString());
        Assert.Equal("CALL-20261207-0002", popped[^1].Message.GetProperty("call").GetProperty("callId").GetString());
    }

    [Fact]
    public async Task Two_api_instances_both_push_what_a_separate_worker_raises()
    {
        await using var second = new HotlineApp { DataFolder = _app.DataFolder };
        second.Time.Set(Start);
        var ticket = await RegisterAsync("CGJ");
        await using var onFirst = await LiveTestClient.ConnectAsync(_app, "supervisor");
        await using var onSecond = await LiveTestClient.ConnectAsync(second, "supervisor");

        // The Worker: its own connection factory, database gate and id node, as its own process would have.
        _app.Time.Set(Start.AddMinutes(31));
        var options = _app.Services.GetRequiredService<DatabaseOptions>();
        var worker = new DeadlineSweeper(new Database(new DbConnectionFactory(options, _app.DataFolder), TransientFaults.CreatePipeline()),
            new IdGenerator(_app.Time, 7), _app.Time, NullLogger<DeadlineSweeper>.Instance);
        Assert.Equal(2, (await worker.SweepAsync(CancellationToken.None)).Raised); // sign yellow and red

        foreach (var client in new[] { onFirst, onSecond })
        {
            var received = await client.ReceiveUntilAsync((t, m) => t == "EscalationRaised" && m.GetProperty("escalation").GetProperty("level").GetString() == "Red");
            Assert.Equal(2, received.Count(x => x.Target == "EscalationRaised"));
            Assert.All(received, x => Assert.Equal(ticket.Id, x.Message.GetProperty("ticketId").GetInt64()));
        }
    }
}
