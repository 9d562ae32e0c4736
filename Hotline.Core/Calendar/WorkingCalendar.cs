namespace Hotline.Core.Calendar;

/// <summary>A due time, and whether it was guessed from weekends because a year it crosses has no calendar.</summary>
public readonly record struct Due(DateTime Utc, bool Estimated);

/// <summary>
/// The official working-day calendar as an immutable snapshot: Monday to Friday, except the holidays and make-up
/// working days (调休) stored per year. Day arithmetic happens in the center's time zone (DESIGN.md "Deadlines").
/// </summary>
public sealed class WorkingCalendar
{
    private const int MaxDays = 366;
    private readonly HashSet<int> _years;
    private readonly Dictionary<DateOnly, bool> _exceptions;

    public WorkingCalendar(IEnumerable<int> years, IReadOnlyDictionary<DateOnly, bool> exceptions, TimeZoneInfo zone, TimeOnly closeOfBusiness)
    {
        _years = [.. years];
        _exceptions = new Dictionary<DateOnly, bool>(exceptions);
        Zone = zone;
        CloseOfBusiness = closeOfBusiness;
    }

    public TimeZoneInfo Zone { get; }

    public TimeOnly CloseOfBusiness { get; }

    public bool HasYear(int year) => _years.Contains(year);

    public bool IsWorkingDay(DateOnly day) =>
        _exceptions.TryGetValue(day, out var working) ? working : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));

    /// <summary>
    /// "N working days from t": the close of business of the N-th working day after t's local date; the day of t
    /// does not count.
    /// </summary>
    public Due AddWorkingDays(DateTime fromUtc, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        var day = LocalDate(fromUtc);
        var estimated = false;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            estimated |= !HasYear(day.Year);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        var local = day.ToDateTime(CloseOfBusiness, DateTimeKind.Unspecified);
        return new Due(TimeZoneInfo.ConvertTimeToUtc(local, Zone), estimated);
    }

    /// <summary>Working days d with a's local date &lt; d ≤ b's local date (negative when b is before a).</summary>
    public (int Days, bool Estimated) WorkingDaysBetween(DateTime aUtc, DateTime bUtc) => WorkingDaysBetween(LocalDate(aUtc), LocalDate(bUtc));

    /// <summary>Working days d with a &lt; d ≤ b (negative when b is before a).</summary>
    public (int Days, bool Estimated) WorkingDaysBetween(DateOnly a, DateOnly b)
    {
        var (from, to, sign) = a <= b ? (a, b, 1) : (b, a, -1);
        if (to.DayNumber - from.DayNumber > MaxDays * 10)
        {
            throw new ArgumentOutOfRangeException(nameof(b), "At most ten years apart.");
        }

        var count = 0;
        var estimated = false;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            estimated |= !HasYear(day.Year);
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return (sign * count, estimated);
    }
}
