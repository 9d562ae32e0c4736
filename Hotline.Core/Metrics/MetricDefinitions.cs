using System.Text.Json;
using Hotline.Core.Calendar;
using Hotline.Core.Data;

namespace Hotline.Core.Metrics;

/// <summary>
/// The counters of one department over some days. Every metric is one of these counts or a ratio of two of them
/// (<see cref="MetricDefinitions"/>); the roll-ups store them per department and local day, so any period is a sum.
/// </summary>
public sealed record MetricCounters
{
    public long Received { get; set; }
    public long Repeated { get; set; }
    public long Signed { get; set; }
    public long SignedOnTime { get; set; }
    public long Returned { get; set; }
    public long Completed { get; set; }
    public long CompletedOnTime { get; set; }
    public long HandlingDays { get; set; }
    public long Visited { get; set; }
    public long Satisfied { get; set; }
    public long Resolved { get; set; }
    public long Reopened { get; set; }
    public long Overdue { get; set; }

    public bool IsEmpty => Received == 0 && Repeated == 0 && Signed == 0 && SignedOnTime == 0 && Returned == 0 && Completed == 0 && CompletedOnTime == 0
        && HandlingDays == 0 && Visited == 0 && Satisfied == 0 && Resolved == 0 && Reopened == 0 && Overdue == 0;

    public void Add(MetricCounters o, int sign = 1)
    {
        Received += sign * o.Received;
        Repeated += sign * o.Repeated;
        Signed += sign * o.Signed;
        SignedOnTime += sign * o.SignedOnTime;
        Returned += sign * o.Returned;
        Completed += sign * o.Completed;
        CompletedOnTime += sign * o.CompletedOnTime;
        HandlingDays += sign * o.HandlingDays;
        Visited += sign * o.Visited;
        Satisfied += sign * o.Satisfied;
        Resolved += sign * o.Resolved;
        Reopened += sign * o.Reopened;
        Overdue += sign * o.Overdue;
    }

    public MetricCounters Copy() => this with { };
}

/// <summary>One event of the log as the metrics read it: the event, and the ticket attributes that never change.</summary>
public sealed record MetricEvent
{
    public long Id { get; init; }
    public long TicketId { get; init; }
    public string Action { get; init; } = "";
    public long? DepartmentId { get; init; }
    public string? Detail { get; init; }
    public DateTime OccurredUtc { get; init; }
    public DateTime? DueUtc { get; init; }
    public DateTime? StartedUtc { get; init; }
    public DateTime? DoneUtc { get; init; }
    public long CategoryId { get; init; }
    public long? AreaId { get; init; }
    public string? CallerPhone { get; init; }
    public DateTime CreatedUtc { get; init; }

    /// <summary>Stored on Dispatch and ApproveReturn events when they are written: see <see cref="MetricDefinitions.RepeatAppealSql"/>.</summary>
    public bool IsRepeat { get; init; }
}

/// <summary>
/// The one place the metrics are defined (the README's table says the same). Each event of the log contributes to the
/// counters of one department on the local day it happened; a period's figure is the sum of its days, and the rates
/// are ratios of those sums. Screening (甄别) takes the contributions of a ticket's events away from a department.
/// </summary>
public static class MetricDefinitions
{
    /// <summary>An appeal is a repeat when the same normalised caller phone had a ticket of the same category in the 30 days before it.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// <see cref="RepeatWindow"/> as SQL: 1 when ticket <paramref name="ticketId"/> is a repeat appeal, else 0 (one lookup of
    /// IX_Ticket_CallerPhone_CreatedUtc). It is evaluated when a receipt event is written and stored on it (TicketEvent.IsRepeat):
    /// a ticket's caller, category and creation never change, and earlier tickets are all there by then, so the flag is a fact
    /// of the event and no count has to look at tickets again.
    /// </summary>
    public static string RepeatAppealSql(ISqlDialect dialect, string ticketId) => $"""
        SELECT COUNT(*) FROM Ticket t
        WHERE t.Id = {ticketId} AND t.CallerPhone IS NOT NULL AND EXISTS (
            SELECT 1 FROM Ticket p
            WHERE p.CallerPhone = t.CallerPhone AND p.CreatedUtc >= {dialect.AddDays("t.CreatedUtc", -(int)RepeatWindow.TotalDays)}
                AND p.CreatedUtc < t.CreatedUtc AND p.CategoryId = t.CategoryId AND p.Id <> t.Id)
        """;

    /// <summary>The actions that contribute to any counter (others are never read).</summary>
    public static readonly string[] Actions =
        ["Register", "AnswerDirectly", "Dispatch", "ApproveReturn", "Sign", "RequestReturn", "ApproveReply", "RecordVisit", "Reopen", "Escalate"]; // Escalate: a red handle deadline's Escalation row (MetricsSql)

    /// <summary>Intake events: counted once per ticket, by category and area, on the day it was registered.</summary>
    public static bool IsIntake(string action) => action is "Register" or "AnswerDirectly";

    /// <summary>Events that hand a ticket to a (lead) department: the ones whose repeat flag matters.</summary>
    public static bool IsReceipt(string action) => action is "Dispatch" or "ApproveReturn";

    /// <summary>
    /// What one event adds to its department's counters (null when it adds nothing):
    /// <list type="bullet">
    /// <item>Dispatch / ApproveReturn (to the new lead): received +1; repeated +1 when the appeal is a repeat.</item>
    /// <item>Sign by the lead: signed +1; signed on time +1 when at or before the sign due time stored on the event.</item>
    /// <item>RequestReturn (退单): returned +1.</item>
    /// <item>ApproveReply (the center accepts the reply): completed +1; completed on time +1 when the reply was sent at or
    /// before the handle due time (which approved extensions moved); handling days + the working days from the (last)
    /// dispatch to the reply.</item>
    /// <item>RecordVisit (回访): visited +1; satisfied +1 when 满意 or 基本满意; resolved +1 when the citizen says resolved.</item>
    /// <item>Reopen (重办): reopened +1.</item>
    /// <item>Escalate of a red handle deadline: overdue +1.</item>
    /// </list>
    /// </summary>
    public static MetricCounters? Contribution(MetricEvent e, WorkingCalendar calendar)
    {
        switch (e.Action)
        {
            case "Dispatch" or "ApproveReturn":
                return new MetricCounters { Received = 1, Repeated = e.IsRepeat ? 1 : 0 };
            case "Sign":
                if (DetailString(e.Detail, "role") is not "Lead")
                {
                    return null;
                }

                return new MetricCounters { Signed = 1, SignedOnTime = e.DueUtc is not { } due || e.OccurredUtc <= due ? 1 : 0 };
            case "RequestReturn":
                return new MetricCounters { Returned = 1 };
            case "ApproveReply":
                var replied = e.DoneUtc ?? e.OccurredUtc;
                var days = e.StartedUtc is { } started ? Math.Max(0, calendar.WorkingDaysBetween(started, replied).Days) : 0;
                return new MetricCounters
                {
                    Completed = 1,
                    CompletedOnTime = e.DueUtc is not { } handleDue || replied <= handleDue ? 1 : 0,
                    HandlingDays = days,
                };
            case "RecordVisit":
                var satisfaction = DetailString(e.Detail, "satisfaction");
                return new MetricCounters
                {
                    Visited = 1,
                    Satisfied = satisfaction is "Satisfied" or "BasicallySatisfied" ? 1 : 0,
                    Resolved = DetailBool(e.Detail, "resolved") ? 1 : 0,
                };
            case "Reopen":
                return new MetricCounters { Reopened = 1 };
            case "Escalate":
                return DetailString(e.Detail, "kind") == "Handle" && DetailString(e.Detail, "level") == "Red" ? new MetricCounters { Overdue = 1 } : null;
            default:
                return null;
        }
    }

    // The same rules as SQL over a TicketEvent e, for counting many events at once in the database (MetricsSql.SelectGroupedBetween):
    // each must say exactly what Contribution says of one event. Details are written by System.Text.Json (no whitespace,
    // the enum names as declared), which is what the text tests here and in DetailString/DetailBool rely on.

    /// <summary>A Sign by the lead department.</summary>
    internal const string LeadSignSql = """e.Detail LIKE '%"role":"Lead"%'""";

    /// <summary>A Sign at or before the sign due time stored on it (none stored: on time).</summary>
    internal const string SignedOnTimeSql = "(e.DueUtc IS NULL OR e.OccurredUtc <= e.DueUtc)";

    /// <summary>An ApproveReply whose reply was sent (DoneUtc, else the approval) at or before the handle due time stored on it.</summary>
    internal const string CompletedOnTimeSql = "(e.DueUtc IS NULL OR COALESCE(e.DoneUtc, e.OccurredUtc) <= e.DueUtc)";

    /// <summary>A RecordVisit answered 满意 or 基本满意.</summary>
    internal const string SatisfiedSql = """(e.Detail LIKE '%"satisfaction":"Satisfied"%' OR e.Detail LIKE '%"satisfaction":"BasicallySatisfied"%')""";

    /// <summary>A RecordVisit where the citizen says it was resolved.</summary>
    internal const string ResolvedSql = """e.Detail LIKE '%"resolved":true%'""";

    /// <summary>
    /// What a group of events counted in the database adds to its department's counters: the sum of <see cref="Contribution(MetricEvent, WorkingCalendar)"/>
    /// over its events. Approved replies are grouped by the local dates of their dispatch and reply, so their handling days are the
    /// calendar's count between those dates times the group's size.
    /// </summary>
    public static MetricCounters? Contribution(MetricGroup g, WorkingCalendar calendar)
    {
        switch (g.Action)
        {
            case "Dispatch" or "ApproveReturn":
                return new MetricCounters { Received = g.Count, Repeated = g.Repeated };
            case "Sign":
                return g.Lead == 0 ? null : new MetricCounters { Signed = g.Lead, SignedOnTime = g.OnTime };
            case "RequestReturn":
                return new MetricCounters { Returned = g.Count };
            case "ApproveReply":
                var days = g.StartDay is { } start && g.ReplyDay is { } reply
                    ? Math.Max(0, calendar.WorkingDaysBetween(ParseDay(start), ParseDay(reply)).Days)
                    : 0;
                return new MetricCounters { Completed = g.Count, CompletedOnTime = g.OnTime, HandlingDays = days * g.Count };
            case "RecordVisit":
                return new MetricCounters { Visited = g.Count, Satisfied = g.Satisfied, Resolved = g.Resolved };
            case "Reopen":
                return new MetricCounters { Reopened = g.Count };
            case "Escalate":
                return new MetricCounters { Overdue = g.Count };
            default:
                return null;
        }
    }

    /// <summary>
    /// The center's time zone as one offset from UTC in minutes, when it has kept one since 2000 (China's has since 1991):
    /// then the database can tell local dates and a period is counted there; otherwise (daylight saving) event by event.
    /// </summary>
    public static int? FixedOffsetMinutes(TimeZoneInfo zone) =>
        zone.GetAdjustmentRules().Any(r => r.DateEnd >= new DateTime(2000, 1, 1)) ? null : (int)zone.BaseUtcOffset.TotalMinutes;

    private static DateOnly ParseDay(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The rates and averages of a department's counters, rounded to 4 decimals (percentages shown with 2).</summary>
    public static MetricRates Rates(MetricCounters c) => new(
        SignOnTimeRate: Ratio(c.SignedOnTime, c.Signed),
        CompletedOnTimeRate: Ratio(c.CompletedOnTime, c.Completed),
        SatisfactionRate: Ratio(c.Satisfied, c.Visited),
        ResolutionRate: Ratio(c.Resolved, c.Visited),
        ReturnVisitRate: Ratio(c.Visited, c.Completed),
        ReopenRate: Ratio(c.Reopened, c.Completed),
        ReturnRate: Ratio(c.Returned, c.Received),
        RepeatRate: Ratio(c.Repeated, c.Received),
        AverageHandlingDays: c.Completed == 0 ? null : Math.Round((decimal)c.HandlingDays / c.Completed, 2));

    /// <summary>
    /// The ranking score, 0-100: the weighted mean of the sign-on-time, completed-on-time, satisfaction and resolution
    /// rates over those that have a denominator (weights from <see cref="MetricsOptions"/>); null when none has.
    /// </summary>
    public static decimal? Score(MetricRates r, MetricsOptions o)
    {
        var parts = new (decimal? Rate, decimal Weight)[]
        {
            (r.SignOnTimeRate, o.SignWeight), (r.CompletedOnTimeRate, o.CompletedWeight), (r.SatisfactionRate, o.SatisfactionWeight), (r.ResolutionRate, o.ResolutionWeight),
        };
        var weight = parts.Where(p => p.Rate is not null).Sum(p => p.Weight);
        return weight == 0 ? null : Math.Round(parts.Where(p => p.Rate is not null).Sum(p => p.Rate!.Value * p.Weight) / weight * 100, 2);
    }

    public static decimal? Ratio(long numerator, long denominator) => denominator == 0 ? null : Math.Round((decimal)numerator / denominator, 4);

    public static string LocalDay(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A string property of an event's Detail. Details are written by System.Text.Json (no whitespace), so the
    /// property is found by its text; anything else falls back to a full parse.</summary>
    private static string? DetailString(string? detail, string name)
    {
        if (string.IsNullOrEmpty(detail))
        {
            return null;
        }

        var key = $"\"{name}\":\"";
        var at = detail.IndexOf(key, StringComparison.Ordinal);
        if (at >= 0)
        {
            var start = at + key.Length;
            var end = detail.IndexOf('"', start);
            if (end > start && detail.IndexOf('\\', start, end - start) < 0)
            {
                return detail[start..end];
            }
        }

        using var doc = JsonDocument.Parse(detail);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private static bool DetailBool(string? detail, string name)
    {
        if (string.IsNullOrEmpty(detail))
        {
            return false;
        }

        if (detail.Contains($"\"{name}\":true", StringComparison.Ordinal))
        {
            return true;
        }

        if (detail.Contains($"\"{name}\":false", StringComparison.Ordinal))
        {
            return false;
        }

        using var doc = JsonDocument.Parse(detail);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
    }
}

/// <summary>
/// Events of one department and action counted together in the database (see <see cref="MetricDefinitions.Contribution(MetricGroup, WorkingCalendar)"/>):
/// how many, and how many of them meet each rule that applies to the action.
/// </summary>
public sealed record MetricGroup
{
    public long DepartmentId { get; init; }
    public string Action { get; init; } = "";

    /// <summary>ApproveReply: the local dates of the (last) dispatch and of the reply; null when no dispatch time is stored.</summary>
    public string? StartDay { get; init; }
    public string? ReplyDay { get; init; }
    public long Count { get; init; }

    /// <summary>Sign: by the lead.</summary>
    public long Lead { get; init; }

    /// <summary>Sign: by the lead and on time; ApproveReply: completed on time.</summary>
    public long OnTime { get; init; }
    public long Satisfied { get; init; }
    public long Resolved { get; init; }

    /// <summary>Dispatch, ApproveReturn: appeals that are repeats.</summary>
    public long Repeated { get; init; }
}

public sealed record MetricRates(
    decimal? SignOnTimeRate,
    decimal? CompletedOnTimeRate,
    decimal? SatisfactionRate,
    decimal? ResolutionRate,
    decimal? ReturnVisitRate,
    decimal? ReopenRate,
    decimal? ReturnRate,
    decimal? RepeatRate,
    decimal? AverageHandlingDays);
