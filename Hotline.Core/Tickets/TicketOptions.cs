namespace Hotline.Core.Tickets;

/// <summary>Bound from configuration section <c>Tickets</c>.</summary>
public sealed class TicketOptions
{
    /// <summary>Returns a department may ask for on one ticket; after that the center assigns (仲裁).</summary>
    public int MaxReturnsPerDepartment { get; set; } = 2;

    /// <summary>Whether a ticket answered directly at intake still gets a return visit.</summary>
    public bool VisitAfterDirectAnswer { get; set; }

    /// <summary>The center's time zone: ticket numbers carry its local date.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public TimeZoneInfo ResolveTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (TimeZoneNotFoundException) when (TimeZone == "Asia/Shanghai")
        {
            // A machine without tzdata: China has kept UTC+8 without daylight saving since 1991.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
