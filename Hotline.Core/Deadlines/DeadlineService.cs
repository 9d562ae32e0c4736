using Hotline.Core.Calendar;
using Hotline.Core.Tickets;

namespace Hotline.Core.Deadlines;

/// <summary>A deadline clock: yellow from <see cref="WarnUtc"/>, red from <see cref="DueUtc"/>.</summary>
public readonly record struct Clock(DateTime DueUtc, DateTime WarnUtc, bool Estimated);

/// <summary>Turns a policy limit and a start into due and warning times on the working-day calendar.</summary>
public sealed class DeadlineService(CalendarService calendars, DeadlinePolicies policies, DeadlineOptions options)
{
    public async Task<(DeadlinePolicy Policy, WorkingCalendar Calendar)> ResolveAsync(AppealType appealType, Urgency urgency, DateTime atUtc, CancellationToken ct) =>
        (await policies.ResolveAsync(appealType, urgency, atUtc, ct), await calendars.CurrentAsync(ct));

    public Clock Start(Limit limit, DateTime startUtc, WorkingCalendar calendar)
    {
        var due = limit.Unit == LimitUnit.Minutes
            ? new Due(startUtc.AddMinutes(limit.Value), false)
            : calendar.AddWorkingDays(startUtc, limit.Value);
        var warn = due.Utc - TimeSpan.FromTicks((long)((due.Utc - startUtc).Ticks * options.YellowFraction));
        return new Clock(due.Utc, warn, due.Estimated);
    }

    /// <summary>When a ticket past its handle deadline gets a supervision order.</summary>
    public Due SuperviseAt(DateTime handleDueUtc, WorkingCalendar calendar) =>
        calendar.AddWorkingDays(handleDueUtc, options.SuperviseAfterWorkingDays);
}
