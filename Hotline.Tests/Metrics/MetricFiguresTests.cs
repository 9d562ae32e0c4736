using System.Net;
using Hotline.Core.Metrics;
using Hotline.Tests.Api;

namespace Hotline.Tests.Metrics;

/// <summary>Every metric on the constructed November (see <see cref="MetricsScenario"/>), computed by hand, over real HTTP.</summary>
public sealed class MetricFiguresTests(MetricsScenario s) : IClassFixture<MetricsScenario>
{
    private const string November = "/api/metrics/departments?from=2026-11-01&to=2026-11-30";

    [Fact]
    public async Task Every_metric_matches_the_hand_computed_figures_then_screening_takes_a_ticket_out()
    {
        var supervisor = await s.App.LoginAsync("supervisor");
        var table = (await supervisor.GetAsync<MetricsTable>(November))!;
        var cgj = table.Departments.Single(d => d.DepartmentId == s.Cgj);

        // CGJ before screening: received T1 T2 T3 T4 T5 = 5 (T3's return still counts as received by CGJ);
        // repeated: T2 only (phone A, 噪音扰民, T1 before it) = 1; T4 is phone A but 占道经营.
        // signed by the lead: T1 T4 T5 on time, T2 late = 4, on time 3. returned: T3 = 1.
        // completed (approved replies): T1 T4 T5 on time (T4 through its extension), T2 late = 4, on time 3.
        // handling days: T1 2 + T2 6 + T4 7 + T5 1 = 16. visits: T1 满意 resolved, T2 不满意, T4 满意 resolved, T5 不满意 = 4,
        // satisfied 2, resolved 2. reopened: T2 = 1. overdue: T2 (red at the 10 Nov sweep) = 1.
        Assert.Equal(new MetricCounters
        {
            Received = 5, Repeated = 1, Signed = 4, SignedOnTime = 3, Returned = 1, Completed = 4, CompletedOnTime = 3, HandlingDays = 16,
            Visited = 4, Satisfied = 2, Resolved = 2, Reopened = 1, Overdue = 1,
        }, cgj.Counters);
        var r = cgj.Rates!;
        Assert.Equal(0.75m, r.SignOnTimeRate);        // 3 / 4
        Assert.Equal(0.75m, r.CompletedOnTimeRate);   // 3 / 4
        Assert.Equal(0.5m, r.SatisfactionRate);       // (满意 2 + 基本满意 0) / 4 visits
        Assert.Equal(0.5m, r.ResolutionRate);         // 2 / 4
        Assert.Equal(1m, r.ReturnVisitRate);          // 4 visits / 4 completed
        Assert.Equal(0.25m, r.ReopenRate);            // 1 / 4
        Assert.Equal(0.2m, r.ReturnRate);             // 1 / 5
        Assert.Equal(0.2m, r.RepeatRate);             // 1 / 5
        Assert.Equal(4.00m, r.AverageHandlingDays);   // 16 / 4
        Assert.Equal(62.5m, cgj.Score);               // (0.75 + 0.75 + 0.5 + 0.5) / 4 * 100

        // SCJGJ: received T3 (re-dispatched) = 1, signed on time 1, completed on time 1 in 3 working days (2 Nov → 5 Nov),
        // visit 基本满意 resolved: every rate 100%, score 100.
        var scjgj = table.Departments.Single(d => d.DepartmentId == s.Scjgj);
        Assert.Equal(new MetricCounters { Received = 1, Signed = 1, SignedOnTime = 1, Completed = 1, CompletedOnTime = 1, HandlingDays = 3, Visited = 1, Satisfied = 1, Resolved = 1 },
            scjgj.Counters);
        Assert.Equal(3.00m, scjgj.Rates!.AverageHandlingDays);
        Assert.Equal(100m, scjgj.Score);

        // STHJJ: received T6 = 1, never signed, overdue 1; no rate of the score has a denominator: unranked.
        var sthjj = table.Departments.Single(d => d.DepartmentId == s.Sthjj);
        Assert.Equal(new MetricCounters { Received = 1, Overdue = 1 }, sthjj.Counters);
        Assert.Null(sthjj.Score);
        Assert.Null(sthjj.Rank);
        Assert.Null(sthjj.Rates!.SignOnTimeRate);

        // Ranking and lists (MinReceived 1, red at 90 or more, black below 70 in this app's configuration).
        Assert.Equal((1, BulletinList.Red), (scjgj.Rank!.Value, scjgj.List!.Value));
        Assert.Equal((2, BulletinList.Black), (cgj.Rank!.Value, cgj.List!.Value));
        Assert.Equal([s.Scjgj, s.Cgj, s.Sthjj], table.Departments.Select(d => d.DepartmentId).ToList());

        // Totals: 7 received (CGJ 5, SCJGJ 1, STHJJ 1).
        Assert.Equal(7, table.Totals!.Received);

        // The same figures recomputed from the raw event log.
        var raw = (await supervisor.GetAsync<MetricsTable>(November + "&source=raw"))!;
        Assert.Equal(MetricSource.Raw, raw.Source);
        Assert.Equal(table.Departments.Select(d => (d.DepartmentId, d.Counters)), raw.Departments.Select(d => (d.DepartmentId, d.Counters)));

        // 甄别: the center takes T5 out of CGJ's figures with a reason; it is recorded (who, when, why) and shown.
        var dispatcher = await s.App.LoginAsync("dispatcher");
        await ProblemAssert.NamesFieldAsync(await dispatcher.PostAsync("/api/metrics/screenings", new { ticketId = s.T5, departmentId = s.Cgj }), "reason");
        await ProblemAssert.NamesFieldAsync(await dispatcher.PostAsync("/api/metrics/screenings", new { ticketId = s.T5, departmentId = s.Scjgj, reason = "x" }), "departmentId");
        var cgjLiaison = await s.App.LoginAsync("cgj");
        Assert.Equal(HttpStatusCode.Forbidden, (await cgjLiaison.PostAsync("/api/metrics/screenings", new { ticketId = s.T5, departmentId = s.Cgj, reason = "x" })).StatusCode);
        var response = await dispatcher.PostAsync("/api/metrics/screenings", new { ticketId = s.T5, departmentId = s.Cgj, reason = "市民诉求不合理，不计入考核" });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        await ProblemAssert.ConflictAsync(await dispatcher.PostAsync("/api/metrics/screenings", new { ticketId = s.T5, departmentId = s.Cgj, reason = "again" }), "Duplicate");
        var screenings = (await supervisor.GetAsync<List<Screening>>("/api/metrics/screenings"))!;
        var screening = Assert.Single(screenings);
        Assert.Equal(("市民诉求不合理，不计入考核", "派单员 李强".Split(' ')[1], s.T5), (screening.Reason, screening.CreatedByName, screening.TicketId));

        // CGJ without T5: received 4, repeated 1, signed 3 (on time 2), returned 1, completed 3 (on time 2), handling days
        // 2 + 6 + 7 = 15, visits 3 (satisfied 2, resolved 2), reopened 1, overdue 1.
        table = (await supervisor.GetAsync<MetricsTable>(November))!;
        cgj = table.Departments.Single(d => d.DepartmentId == s.Cgj);
        Assert.Equal(new MetricCounters
        {
            Received = 4, Repeated = 1, Signed = 3, SignedOnTime = 2, Returned = 1, Completed = 3, CompletedOnTime = 2, HandlingDays = 15,
            Visited = 3, Satisfied = 2, Resolved = 2, Reopened = 1, Overdue = 1,
        }, cgj.Counters);
        Assert.Equal(1, cgj.Screened);
        Assert.Equal(0.6667m, cgj.Rates!.SignOnTimeRate);  // 2 / 3
        Assert.Equal(0.6667m, cgj.Rates.SatisfactionRate);  // 2 / 3
        Assert.Equal(0.25m, cgj.Rates.RepeatRate);          // 1 / 4
        Assert.Equal(5.00m, cgj.Rates.AverageHandlingDays); // 15 / 3
        Assert.Equal(0.3333m, cgj.Rates.ReopenRate);        // 1 / 3
        Assert.Equal(66.67m, cgj.Score);                    // 4 rates of 2/3: 66.67
        Assert.Equal(BulletinList.Black, cgj.List);          // still below 70

        raw = (await supervisor.GetAsync<MetricsTable>(November + "&source=raw"))!;
        Assert.Equal(cgj.Counters, raw.Departments.Single(d => d.DepartmentId == s.Cgj).Counters);

        // Revoking is recorded, and the ticket counts again.
        var revoked = await dispatcher.PostAsync($"/api/metrics/screenings/{screening.Id}/revoke", new { reason = "复核后恢复" });
        await ApiClient.EnsureAsync(revoked, HttpStatusCode.OK);
        table = (await supervisor.GetAsync<MetricsTable>(November))!;
        Assert.Equal(5, table.Departments.Single(d => d.DepartmentId == s.Cgj).Counters!.Received);
        Assert.NotNull(Assert.Single((await supervisor.GetAsync<List<Screening>>("/api/metrics/screenings"))!).RevokedUtc);
    }

    [Fact]
    public async Task A_liaison_sees_the_ranking_and_only_its_own_figures()
    {
        var liaison = await s.App.LoginAsync("scjgj");
        var table = (await liaison.GetAsync<MetricsTable>(November))!;
        Assert.NotNull(table.Departments.Single(d => d.DepartmentId == s.Scjgj).Counters);
        var other = table.Departments.Single(d => d.DepartmentId == s.Cgj);
        Assert.Null(other.Counters);
        Assert.Null(other.Rates);
        Assert.NotNull(other.Rank);
        Assert.Null(table.Totals);
        Assert.Equal(HttpStatusCode.Forbidden, (await liaison.Http.GetAsync("/api/metrics/dashboard")).StatusCode);
        var agent = await s.App.LoginAsync("agent");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.GetAsync(November)).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_counts_today_open_overdue_satisfaction_and_the_heat_map()
    {
        var supervisor = await s.App.LoginAsync("supervisor");
        var d = (await supervisor.GetAsync<Dashboard>("/api/metrics/dashboard?month=2026-11"))!;
        // Now is 11 Nov 13:00: nothing was registered today.
        Assert.Equal(("2026-11-11", 0L), (d.Today, d.TodayTotal));
        // Open: T2 reopened (办理中), T6 never signed (待签收).
        Assert.Equal([("InProgress", 1L), ("PendingSign", 1L)], d.OpenByStatus.OrderBy(x => x.Name).Select(x => (x.Name, x.Count)).ToList());
        // Overdue open: T6 (handle due 9 Nov 18:00) at STHJJ; T2's clock restarted at its reopening (due 17 Nov).
        Assert.Equal([(s.Sthjj, 1L)], d.OverdueByDepartment.Select(x => (x.Id, x.Count)).ToList());
        // November's visits: T1 满意, T2 不满意, T3 基本满意, T4 满意, T5 不满意: 3 / 5 = 60%.
        var november = d.Satisfaction.Single(m => m.Month == "2026-11");
        Assert.Equal((5L, 3L, 0.6m), (november.Visited, november.Satisfied, november.Rate));
        Assert.Equal(12, d.Satisfaction.Count);
        // Heat map: 滨江社区 counts for its street 江滨街道; 噪音扰民 under 环境保护 (5), 占道经营 under 城市管理 (1).
        Assert.Equal([("江滨街道", "城市管理", 1L), ("江滨街道", "环境保护", 5L)],
            d.Heat.Select(h => (d.HeatAreas.Single(a => a.Id == h.AreaId).Name, d.HeatCategories.Single(c => c.Id == h.CategoryId).Name, h.Count))
                .OrderBy(x => x.Item2, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Bad_periods_are_named()
    {
        var supervisor = await s.App.LoginAsync("supervisor");
        await ProblemAssert.NamesFieldAsync(await supervisor.Http.GetAsync("/api/metrics/departments?from=2026-11-31&to=2026-11-30"), "from");
        await ProblemAssert.NamesFieldAsync(await supervisor.Http.GetAsync("/api/metrics/departments?from=2026-11-02&to=2026-11-01"), "to");
        await ProblemAssert.NamesFieldAsync(await supervisor.Http.GetAsync(November + "&source=guess"), "source");
    }
}
