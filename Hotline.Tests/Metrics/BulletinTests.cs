using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hotline.Core.Metrics;
using Hotline.Tests.Api;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Hotline.Core.Data;

namespace Hotline.Tests.Metrics;

/// <summary>The monthly bulletin: snapshot immutability and versions, the job, hot issues, and the CSV export parsed back.</summary>
public sealed class BulletinTests(MetricsScenario s) : IClassFixture<MetricsScenario>
{
    [Fact]
    public async Task A_bulletin_is_an_immutable_snapshot_and_regenerating_makes_a_new_version()
    {
        var supervisor = await s.App.LoginAsync("supervisor");
        var v1 = await GenerateAsync(supervisor, "2026-11");
        Assert.Equal("OnDemand", v1.Summary.Source); // (another test of this class may have generated the month before)
        var stored1 = await StoredAsync(v1.Summary.Id);

        // The content: ranking with lists (thresholds of this app), totals and hot issues.
        Assert.Equal(new BulletinThresholds(90, 70, 1), v1.Content.Thresholds);
        Assert.Equal(["区市场监管局"], v1.Content.RedList);
        Assert.Equal(["区城管局"], v1.Content.BlackList);
        Assert.Equal(5, v1.Content.Departments.Single(d => d.DepartmentId == s.Cgj).Counters!.Received);
        // Hot issues: 6 tickets in November, 5 噪音扰民 (83.33%) then 1 占道经营; all in 江滨街道 (滨江社区's street);
        // against October (nothing), both categories rose: 噪音扰民 by 5 first.
        var hot = v1.Content.HotIssues;
        Assert.Equal(6, hot.Total);
        Assert.Equal([("噪音扰民", 5L, 0.8333m), ("占道经营", 1L, 0.1667m)], hot.TopCategories.Select(c => (c.Name, c.Count, c.Share)).ToList());
        Assert.Equal([("江滨街道", 6L)], hot.TopAreas.Select(a => (a.Name, a.Count)).ToList());
        Assert.Equal([("噪音扰民", 5L, 0L, 5L), ("占道经营", 1L, 0L, 1L)], hot.RisingCategories.Select(c => (c.Name, c.Count, c.PreviousCount, c.Increase)).ToList());
        // The repeat clusters of the month (issue 7), without any caller's number: the published page is read by departments.
        // T1 and T2 are one caller's two 噪音扰民 appeals; the street's 噪音扰民 tickets may also make a place cluster.
        var caller = Assert.Single(hot.RepeatClusters, c => c.Kind == "Caller");
        Assert.Equal(("噪音扰民", 2, "区城管局"), (caller.CategoryName, caller.Appeals, Assert.Single(caller.Departments)));
        Assert.All(hot.RepeatClusters, c => Assert.Equal("噪音扰民", c.CategoryName));
        Assert.DoesNotContain("139", System.Text.Json.JsonSerializer.Serialize(hot.RepeatClusters));

        // The figures change (T1 is screened out of CGJ's): the published bulletin does not.
        var dispatcher = await s.App.LoginAsync("dispatcher");
        await ApiClient.EnsureAsync(await dispatcher.PostAsync("/api/metrics/screenings", new { ticketId = s.T1, departmentId = s.Cgj, reason = "重复来电，已并案处理" }), HttpStatusCode.Created);
        var v2 = await GenerateAsync(supervisor, "2026-11");
        Assert.Equal(v1.Summary.Version + 1, v2.Summary.Version);
        Assert.Equal(4, v2.Content.Departments.Single(d => d.DepartmentId == s.Cgj).Counters!.Received);
        Assert.Equal(s.T1, Assert.Single(v2.Content.Screenings).TicketId);
        Assert.Equal(stored1, await StoredAsync(v1.Summary.Id));
        var again = (await supervisor.GetAsync<BulletinView>($"/api/metrics/bulletins/{v1.Summary.Id}"))!;
        Assert.Equal(5, again.Content.Departments.Single(d => d.DepartmentId == s.Cgj).Counters!.Received);
        Assert.Empty(again.Content.Screenings);

        // The database itself refuses to change or remove a published bulletin.
        var factory = s.App.Services.GetRequiredService<DbConnectionFactory>();
        await using (var c = await factory.OpenAsync())
        {
            await using var update = c.CreateCommand();
            update.CommandText = $"UPDATE Bulletin SET Content = '{{}}' WHERE Id = {v1.Summary.Id}";
            Assert.Contains("immutable", (await Assert.ThrowsAsync<SqliteException>(() => update.ExecuteNonQueryAsync())).Message);
            await using var delete = c.CreateCommand();
            delete.CommandText = $"DELETE FROM Bulletin WHERE Id = {v1.Summary.Id}";
            Assert.Contains("immutable", (await Assert.ThrowsAsync<SqliteException>(() => delete.ExecuteNonQueryAsync())).Message);
        }

        Assert.Equal(stored1, await StoredAsync(v1.Summary.Id));
        var list = (await supervisor.GetAsync<List<BulletinSummary>>("/api/metrics/bulletins"))!;
        Assert.Equal([v2.Summary.Id, v1.Summary.Id], list.Where(b => b.Month == "2026-11" && b.Source == "OnDemand").Select(b => b.Id).Take(2).ToList());
    }

    [Fact]
    public async Task The_job_publishes_the_month_before_once()
    {
        var bulletins = s.App.Services.GetRequiredService<BulletinService>();
        var now = s.App.Time.GetUtcNow();
        try
        {
            s.App.Time.Set(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.FromHours(8)));
            var id = await bulletins.GenerateForPreviousMonthAsync(CancellationToken.None);
            Assert.NotNull(id);
            Assert.Null(await bulletins.GenerateForPreviousMonthAsync(CancellationToken.None)); // idempotent
            var supervisor = await s.App.LoginAsync("supervisor");
            var view = (await supervisor.GetAsync<BulletinView>($"/api/metrics/bulletins/{id}"))!;
            Assert.Equal(("2026-11", "Job"), (view.Summary.Month, view.Summary.Source));
            Assert.Equal(("2026-11-01", "2026-11-30"), (view.Content.FromDay, view.Content.ToDay));
        }
        finally
        {
            s.App.Time.Set(now);
        }
    }

    [Fact]
    public async Task Export_is_csv_excel_opens_and_parses_back_to_the_figures()
    {
        var supervisor = await s.App.LoginAsync("supervisor");
        var response = await supervisor.Http.GetAsync("/api/metrics/departments/export?from=2026-11-01&to=2026-11-30");
        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]); // the BOM Excel needs for UTF-8

        var table = (await supervisor.GetAsync<MetricsTable>("/api/metrics/departments?from=2026-11-01&to=2026-11-30"))!;
        var rows = MetricsCsv.Read(bytes);
        Assert.Equal(table.Departments.Select(d => d.DepartmentName), rows.Select(r => r["单位"]));
        foreach (var (row, dept) in rows.Zip(table.Departments))
        {
            Assert.Equal(dept.Counters!.Received.ToString(), row["受理量"]);
            Assert.Equal(dept.Counters.Overdue.ToString(), row["超期"]);
            Assert.Equal(dept.Rank?.ToString() ?? "", row["排名"]);
            Assert.Equal(dept.Rates!.SatisfactionRate is { } rate ? (rate * 100).ToString("0.00") : "", row["满意率(%)"]);
        }

        var scjgj = rows.Single(r => r["单位"] == "区市场监管局");
        Assert.Equal(("1", "100.00", "红榜", "100.00", "3.00"), (scjgj["排名"], scjgj["得分"], scjgj["榜单"], scjgj["签收及时率(%)"], scjgj["平均办理工作日"]));

        var generated = await supervisor.PostAsync("/api/metrics/bulletins", new { month = "2026-11" });
        var view = (await generated.Content.ReadFromJsonAsync<BulletinView>(HotlineApp.Json))!;
        var csv = await supervisor.Http.GetByteArrayAsync($"/api/metrics/bulletins/{view.Summary.Id}/export");
        Assert.Equal(view.Content.Departments.Select(d => d.DepartmentName), MetricsCsv.Read(csv).Select(r => r["单位"]));
    }

    [Fact]
    public async Task Generating_checks_the_month_and_the_role()
    {
        var supervisor = await s.App.LoginAsync("supervisor");
        await ProblemAssert.NamesFieldAsync(await supervisor.PostAsync("/api/metrics/bulletins", new { month = "2026-13" }), "month");
        await ProblemAssert.NamesFieldAsync(await supervisor.PostAsync("/api/metrics/bulletins", new { month = "2027-01" }), "month");
        var liaison = await s.App.LoginAsync("cgj");
        Assert.Equal(HttpStatusCode.Forbidden, (await liaison.PostAsync("/api/metrics/bulletins", new { month = "2026-11" })).StatusCode);
    }

    private static async Task<BulletinView> GenerateAsync(ApiClient client, string month)
    {
        var response = await client.PostAsync("/api/metrics/bulletins", new { month });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<BulletinView>(HotlineApp.Json))!;
    }

    private Task<string?> StoredAsync(long id) => s.App.Services.GetRequiredService<BulletinService>().StoredJsonAsync(id, CancellationToken.None);
}
