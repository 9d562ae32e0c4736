using Hotline.Core.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Metrics;

/// <summary>The roll-ups kept incrementally (folded a few events at a time) equal a rebuild from the event log.</summary>
public sealed class MetricRollupTests(MetricsScenario s) : IClassFixture<MetricsScenario>
{
    [Fact]
    public async Task Incremental_rollups_equal_a_rebuild_from_the_event_log()
    {
        var rollup = s.App.Services.GetRequiredService<MetricsRollup>();
        await rollup.CatchUpAsync(CancellationToken.None); // the scenario folded along the way; this takes its last steps
        var (daily, intake) = await rollup.SnapshotAsync(CancellationToken.None);
        Assert.NotEmpty(daily);

        // Intake by day: all six tickets on 2 Nov; five 噪音扰民, one 占道经营, all in 滨江社区.
        Assert.Equal(6, intake.Where(i => i.Day == "2026-11-02").Sum(i => i.Received));
        Assert.Equal(5, intake.Single(i => i.CategoryId == s.Dir.Category("噪音扰民")).Received);

        // Per day for CGJ: 2 Nov received 5, repeated 1, signed 2 (T1, T4, on time), returned 1 (T3).
        var cgj2 = daily.Single(d => d.Day == "2026-11-02" && d.DepartmentId == s.Cgj);
        Assert.Equal((5L, 1L, 2L, 2L, 1L), (cgj2.Received, cgj2.Repeated, cgj2.Signed, cgj2.SignedOnTime, cgj2.Returned));
        // 10 Nov: T2 overdue at the sweep, completed late in 6 working days, visited unsatisfied, reopened.
        var cgj10 = daily.Single(d => d.Day == "2026-11-10" && d.DepartmentId == s.Cgj);
        Assert.Equal((1L, 1L, 0L, 6L, 1L, 0L, 1L), (cgj10.Overdue, cgj10.Completed, cgj10.CompletedOnTime, cgj10.HandlingDays, cgj10.Visited, cgj10.Satisfied, cgj10.Reopened));

        var events = await rollup.RebuildAsync(CancellationToken.None);
        Assert.True(events > 30);
        var (rebuiltDaily, rebuiltIntake) = await rollup.SnapshotAsync(CancellationToken.None);
        Assert.Equal(daily, rebuiltDaily);
        Assert.Equal(intake, rebuiltIntake);

        // After a rebuild the cursor continues from where the rebuild read: a new event is folded once, not twice.
        var agent = await s.App.LoginAsync("agent");
        await agent.RegisterAsync(new
        {
            channel = "Web", appealType = "Consultation", urgency = "Normal", categoryId = s.Dir.Category("噪音扰民"), areaId = s.Dir.Area("滨江社区"),
            title = "咨询", content = "咨询内容", isConfidential = false,
        });
        await rollup.CatchUpAsync(CancellationToken.None);
        await rollup.CatchUpAsync(CancellationToken.None);
        var (_, after) = await rollup.SnapshotAsync(CancellationToken.None);
        Assert.Equal(intake.Sum(i => i.Received) + 1, after.Sum(i => i.Received));
        await rollup.RebuildAsync(CancellationToken.None);
        Assert.Equal(after, (await rollup.SnapshotAsync(CancellationToken.None)).Intake);
    }

    [Fact]
    public async Task Only_an_admin_may_rebuild()
    {
        var supervisor = await s.App.LoginAsync("supervisor");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await supervisor.PostAsync("/api/metrics/rollups/rebuild", new { })).StatusCode);
        var admin = await s.App.LoginAsync("admin");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.PostAsync("/api/metrics/rollups/rebuild", new { })).StatusCode);
    }
}
