using Hotline.Core.Calendar;
using Hotline.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Deadlines;

/// <summary>Calendar arithmetic on the schedules the migrations seed (State Council notices for 2025 and 2026).</summary>
public sealed class WorkingCalendarTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private Task<WorkingCalendar> CalendarAsync() => app.Services.GetRequiredService<CalendarService>().CurrentAsync(CancellationToken.None);

    private static DateTime Local(int y, int m, int d, int h = 10) => new DateTimeOffset(y, m, d, h, 0, 0, Beijing).UtcDateTime;

    public static TheoryData<string, int, string> Cases() => new()
    {
        // National Day 2026: 1-7 Oct off, 20 Sep (Sun) and 10 Oct (Sat) work; Mid-Autumn 25-27 Sep off.
        { "2026-09-30", 1, "2026-10-08" },
        { "2026-10-09", 1, "2026-10-10" },
        { "2026-10-10", 1, "2026-10-12" },
        { "2026-09-19", 1, "2026-09-20" },
        { "2026-09-24", 1, "2026-09-28" },
        { "2026-09-30", 3, "2026-10-10" },
        // Spring Festival 2026: 15-23 Feb off, 14 Feb (Sat) and 28 Feb (Sat) work.
        { "2026-02-13", 1, "2026-02-14" },
        { "2026-02-14", 1, "2026-02-24" },
        { "2026-02-27", 1, "2026-02-28" },
        { "2026-02-12", 5, "2026-02-26" },
        // Across the year boundary: 1-3 Jan 2026 off, 4 Jan (Sun) works.
        { "2025-12-31", 1, "2026-01-04" },
        { "2025-12-31", 2, "2026-01-05" },
        // 2025: 26 Jan (Sun) works before the Spring Festival (28 Jan - 4 Feb off), 8 Feb (Sat) works after it.
        { "2025-01-24", 1, "2025-01-26" },
        { "2025-01-26", 2, "2025-02-05" },
        { "2025-02-07", 1, "2025-02-08" },
        // An ordinary week: the day of t does not count; weekends are off.
        { "2026-11-20", 1, "2026-11-23" },
        { "2026-11-23", 5, "2026-11-30" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task N_working_days_end_at_close_of_business_of_the_nth_working_day(string from, int days, string expected)
    {
        var start = DateOnly.Parse(from);
        var due = (await CalendarAsync()).AddWorkingDays(Local(start.Year, start.Month, start.Day), days);
        var end = DateOnly.Parse(expected);
        Assert.Equal(new DateTimeOffset(end.Year, end.Month, end.Day, 18, 0, 0, Beijing).UtcDateTime, due.Utc);
        Assert.False(due.Estimated);
    }

    [Fact]
    public async Task The_local_date_decides_not_the_utc_date()
    {
        var calendar = await CalendarAsync();
        // 30 Sep 17:30 UTC is already 1 Oct in Beijing: the first working day after it is 8 Oct.
        var due = calendar.AddWorkingDays(new DateTime(2026, 9, 30, 17, 30, 0, DateTimeKind.Utc), 1);
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 18, 0, 0, Beijing).UtcDateTime, due.Utc);
    }

    [Fact]
    public async Task Working_days_between_two_instants()
    {
        var calendar = await CalendarAsync();
        Assert.Equal((3, false), calendar.WorkingDaysBetween(Local(2026, 9, 30), Local(2026, 10, 10)));
        Assert.Equal((-3, false), calendar.WorkingDaysBetween(Local(2026, 10, 10), Local(2026, 9, 30)));
        Assert.Equal((0, false), calendar.WorkingDaysBetween(Local(2026, 2, 15), Local(2026, 2, 23)));
        Assert.Equal((2, false), calendar.WorkingDaysBetween(Local(2025, 12, 31), Local(2026, 1, 5)));
    }

    [Fact]
    public async Task A_year_without_a_calendar_is_computed_from_weekends_and_marked_estimated()
    {
        var calendar = await CalendarAsync();
        Assert.False(calendar.HasYear(2027));
        var due = calendar.AddWorkingDays(Local(2027, 3, 5), 1); // Friday
        Assert.Equal(new DateTimeOffset(2027, 3, 8, 18, 0, 0, Beijing).UtcDateTime, due.Utc);
        Assert.True(due.Estimated);
        Assert.True(calendar.AddWorkingDays(Local(2026, 12, 31), 1).Estimated); // crosses into 2027
    }
}
