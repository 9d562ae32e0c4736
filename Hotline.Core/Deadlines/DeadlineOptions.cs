namespace Hotline.Core.Deadlines;

/// <summary>Bound from configuration section <c>Deadlines</c>.</summary>
public sealed class DeadlineOptions
{
    /// <summary>"N working days" end at this local time of the N-th working day.</summary>
    public string CloseOfBusiness { get; set; } = "18:00";

    /// <summary>Yellow when this share of the limit or less is left.</summary>
    public double YellowFraction { get; set; } = 0.2;

    /// <summary>Working days past the handle deadline after which supervisors get a supervision order (督办).</summary>
    public int SuperviseAfterWorkingDays { get; set; } = 3;

    public int MaxExtensionsPerTicket { get; set; } = 1;

    public int MaxExtensionWorkingDays { get; set; } = 10;

    public TimeOnly ParseCloseOfBusiness() => TimeOnly.Parse(CloseOfBusiness, System.Globalization.CultureInfo.InvariantCulture);
}
