using Hotline.Core.Metrics;

namespace Hotline.Tests.Metrics;

/// <summary>Which way a period is recomputed from raw data: counted in the database needs the zone's local dates as one offset.</summary>
public sealed class MetricDefinitionsTests
{
    [Fact]
    public void The_center_time_zone_has_one_offset_so_periods_are_counted_in_the_database()
    {
        Assert.Equal(480, MetricDefinitions.FixedOffsetMinutes(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        Assert.Equal(0, MetricDefinitions.FixedOffsetMinutes(TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_time_zone_with_daylight_saving_is_counted_event_by_event()
    {
        Assert.Null(MetricDefinitions.FixedOffsetMinutes(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
    }
}
