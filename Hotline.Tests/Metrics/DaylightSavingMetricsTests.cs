using Hotline.Core.Metrics;

namespace Hotline.Tests.Metrics;

/// <summary>
/// A center whose time zone has daylight saving: its local dates are not one offset away, so a period recomputed from
/// raw data is folded event by event in C# (MetricDefinitions.FixedOffsetMinutes is null). That path gives the roll-ups' figures.
/// </summary>
public sealed class DaylightSavingMetricsTests(DaylightSavingMetricsScenario s) : IClassFixture<DaylightSavingMetricsScenario>
{
    [Fact]
    public async Task Figures_recomputed_event_by_event_equal_the_rollups()
    {
        var supervisor = await s.App.LoginAsync("supervisor");
        const string november = "/api/metrics/departments?from=2026-11-01&to=2026-11-30";
        var table = (await supervisor.GetAsync<MetricsTable>(november))!;
        var raw = (await supervisor.GetAsync<MetricsTable>(november + "&source=raw"))!;

        Assert.Equal(MetricSource.Raw, raw.Source);
        Assert.Equal(table.Departments.Select(d => (d.DepartmentId, d.Counters)), raw.Departments.Select(d => (d.DepartmentId, d.Counters)));
        // As in Shanghai (MetricFiguresTests): CGJ received T1-T5, of which T2 repeats T1; T2 was reopened.
        var cgj = raw.Departments.Single(d => d.DepartmentId == s.Cgj).Counters!;
        Assert.Equal((5L, 1L, 1L, 1L, 4L, 4L), (cgj.Received, cgj.Repeated, cgj.Returned, cgj.Reopened, cgj.Completed, cgj.Visited));
        Assert.Equal(7, raw.Totals!.Received);
    }
}
