using System.Globalization;
using System.Security.Claims;
using Hotline.Api.Infrastructure;
using Hotline.Core.Calendar;
using Hotline.Core.Common;
using Hotline.Core.Deadlines;
using Hotline.Core.Directory;
using Hotline.Core.Escalations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Api.Deadlines;

public sealed record WorkingDaysAnswer(DateTime FromUtc, int Days, DateTime DueUtc, bool Estimated);

public sealed record WorkingDaysBetweenAnswer(DateTime FromUtc, DateTime ToUtc, int WorkingDays, bool Estimated);

/// <summary>The working-day calendar, deadline policies and escalations.</summary>
internal static class DeadlineEndpoints
{
    public static IEndpointRouteBuilder MapDeadlineEndpoints(this IEndpointRouteBuilder routes)
    {
        var calendar = routes.MapGroup("/api/calendar").WithTags("Calendar").RequireAuthorization();
        calendar.MapGet("/{year:int}", (int year, CalendarService s, CancellationToken ct) => s.GetYearAsync(year, ct));
        calendar.MapPut("/{year:int}", (int year, SaveCalendarYear r, CalendarService s, CancellationToken ct) => s.SaveYearAsync(year, r, ct))
            .RequireAuthorization(p => p.RequireRole(nameof(Role.Admin)));
        calendar.MapPost("/{year:int}/import", ImportAsync).RequireAuthorization(p => p.RequireRole(nameof(Role.Admin)));
        calendar.MapGet("/add-working-days", AddWorkingDaysAsync);
        calendar.MapGet("/working-days-between", BetweenAsync);

        var policies = routes.MapGroup("/api/deadline-policies").WithTags("Deadline policies").RequireAuthorization();
        policies.MapGet("/", (DeadlinePolicies p, CancellationToken ct) => p.AllAsync(ct));
        policies.MapPost("/", async (SavePolicy r, DeadlinePolicies p, CancellationToken ct) =>
        {
            var saved = await p.SaveAsync(r, ct);
            return TypedResults.Created($"/api/deadline-policies/{saved.Id}", saved);
        }).RequireAuthorization(p => p.RequireRole(nameof(Role.Admin)));

        var escalations = routes.MapGroup("/api/escalations").WithTags("Escalations").RequireAuthorization();
        escalations.MapGet("/", ListEscalationsAsync);
        escalations.MapPost("/{id:long}/acknowledge", (long id, EscalationService s, ClaimsPrincipal u, CancellationToken ct) => s.AcknowledgeAsync(id, u.Actor(), ct));
        return routes;
    }

    private static async Task<CalendarYearView> ImportAsync(int year, HttpRequest request, CalendarService s, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var csv = await reader.ReadToEndAsync(ct);
        var source = request.Query["source"].ToString() is { Length: > 0 } given ? given : $"{year} import";
        return await s.ImportYearAsync(year, source, csv, ct);
    }

    private static async Task<WorkingDaysAnswer> AddWorkingDaysAsync(string? from, int? days, CalendarService s, CancellationToken ct)
    {
        var start = ParseInstant("from", from);
        if (days is null or < 0 or > 366)
        {
            throw ValidationException.For("days", "Between 0 and 366.");
        }

        var due = (await s.CurrentAsync(ct)).AddWorkingDays(start, days.Value);
        return new WorkingDaysAnswer(start, days.Value, due.Utc, due.Estimated);
    }

    private static async Task<WorkingDaysBetweenAnswer> BetweenAsync(string? from, string? to, CalendarService s, CancellationToken ct)
    {
        var (a, b) = (ParseInstant("from", from), ParseInstant("to", to));
        if (Math.Abs((b - a).TotalDays) > 3660)
        {
            throw ValidationException.For("to", "At most ten years after from.");
        }

        var (count, estimated) = (await s.CurrentAsync(ct)).WorkingDaysBetween(a, b);
        return new WorkingDaysBetweenAnswer(a, b, count, estimated);
    }

    private static Task<EscalationPage> ListEscalationsAsync(HttpRequest http, EscalationService s, ClaimsPrincipal user, CancellationToken ct)
    {
        var q = new QueryReader(http.Query);
        var filter = new EscalationFilter
        {
            // open=true (the default), false, or any
            Open = q.Text("open") is "any" ? null : q.Has("open") ? q.Bool("open") : true,
            Kind = q.Enum<EscalationKind>("kind"),
            Level = q.Enum<EscalationLevel>("level"),
            DepartmentId = q.Long("departmentId"),
            Acknowledged = q.Text("acknowledged") is "any" ? null : q.Bool("acknowledged"),
            Page = q.Int("page") ?? 1,
            PageSize = q.Int("pageSize") ?? 50,
        };
        q.ThrowIfInvalid();
        return s.ListAsync(filter, user.Actor(), ct);
    }

    private static DateTime ParseInstant(string field, string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.UtcDateTime
            : throw ValidationException.For(field, "An ISO-8601 instant, e.g. 2026-09-30T10:00:00+08:00.");
}
