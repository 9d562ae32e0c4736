using System.Globalization;
using Dapper;
using Hotline.Core.Common;
using Hotline.Core.Data;
using Hotline.Core.Deadlines;
using Hotline.Core.Tickets;

namespace Hotline.Core.Calendar;

public sealed record CalendarDayEntry(DateOnly Date, bool IsWorkingDay, string? Note);

public sealed record CalendarYearView(int Year, bool Exists, string? Source, IReadOnlyList<CalendarDayEntry> Days);

public sealed record SaveCalendarYear(string? Source, IReadOnlyList<CalendarDayEntry>? Days);

/// <summary>
/// The calendar as data an administrator edits. Readers get an in-memory snapshot, refreshed after an edit here and
/// at least every minute, so edits made through another instance arrive too.
/// </summary>
public sealed class CalendarService(Database db, TimeProvider time, TicketOptions tickets, DeadlineOptions deadlines)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly TimeZoneInfo _zone = tickets.ResolveTimeZone();
    private readonly TimeOnly _closeOfBusiness = deadlines.ParseCloseOfBusiness();
    private volatile Snapshot? _snapshot; // swapped whole: readers on other threads never see half of one

    private sealed record Snapshot(WorkingCalendar Calendar, DateTimeOffset LoadedAt);

    public async Task<WorkingCalendar> CurrentAsync(CancellationToken ct)
    {
        if (_snapshot is { } s && time.GetUtcNow() - s.LoadedAt < MaxAge)
        {
            return s.Calendar;
        }

        var calendar = await db.ReadAsync(async (c, token) =>
        {
            var years = await c.QueryAsync<YearRow>(new CommandDefinition(CalendarSql.SelectYears, cancellationToken: token));
            var days = await c.QueryAsync<DayRow>(new CommandDefinition(CalendarSql.SelectDays, cancellationToken: token));
            return new WorkingCalendar(years.Select(y => y.Year), days.ToDictionary(d => DateOnly.FromDateTime(d.Day), d => d.IsWorkingDay), _zone, _closeOfBusiness);
        }, ct);
        _snapshot = new Snapshot(calendar, time.GetUtcNow());
        return calendar;
    }

    public async Task<CalendarYearView> GetYearAsync(int year, CancellationToken ct)
    {
        ValidateYear(year);
        return await db.ReadAsync(async (c, token) =>
        {
            var source = (await c.QueryAsync<YearRow>(new CommandDefinition(CalendarSql.SelectYears, cancellationToken: token))).SingleOrDefault(y => y.Year == year)?.Source;
            var days = (await c.QueryAsync<DayRow>(new CommandDefinition(CalendarSql.SelectDaysOfYear, new { Year = year }, cancellationToken: token)))
                .Select(d => new CalendarDayEntry(DateOnly.FromDateTime(d.Day), d.IsWorkingDay, d.Note)).ToList();
            return new CalendarYearView(year, source is not null, source, days);
        }, ct);
    }

    /// <summary>Replaces a year's holidays and make-up working days, in one transaction.</summary>
    public async Task<CalendarYearView> SaveYearAsync(int year, SaveCalendarYear request, CancellationToken ct)
    {
        ValidateYear(year);
        var v = new Validator().Required("source", request.Source, 200);
        var days = request.Days ?? [];
        for (var i = 0; i < days.Count; i++)
        {
            if (days[i].Date.Year != year)
            {
                v.Add($"days[{i}].date", $"{days[i].Date:yyyy-MM-dd} is not in {year}.");
            }

            if (days[i].Note is { Length: > 50 })
            {
                v.Add($"days[{i}].note", "At most 50 characters.");
            }
        }

        foreach (var duplicate in days.GroupBy(d => d.Date).Where(g => g.Count() > 1))
        {
            v.Add("days", $"{duplicate.Key:yyyy-MM-dd} is listed twice.");
        }

        v.ThrowIfInvalid();
        await db.WriteAsync(async (c, tx, token) =>
        {
            var args = new { Year = year, Source = request.Source!.Trim(), NowUtc = time.GetUtcNow().UtcDateTime };
            var exists = await c.ExecuteScalarAsync<int>(new CommandDefinition(CalendarSql.CountYear, args, tx, cancellationToken: token)) > 0;
            await c.ExecuteAsync(new CommandDefinition(exists ? CalendarSql.UpdateYear : CalendarSql.InsertYear, args, tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition(CalendarSql.DeleteDaysOfYear, args, tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition(CalendarSql.InsertDay, days.Select(d => new
            {
                Day = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Year = year,
                d.IsWorkingDay,
                Note = string.IsNullOrWhiteSpace(d.Note) ? null : d.Note.Trim(),
            }).ToList(), tx, cancellationToken: token));
        }, ct);
        _snapshot = null;
        return await GetYearAsync(year, ct);
    }

    /// <summary>
    /// Imports a year from CSV lines <c>date,type,note</c> (type: 休 / off / holiday, or 班 / work / workday). Any bad
    /// line rejects the whole import, naming the line.
    /// </summary>
    public Task<CalendarYearView> ImportYearAsync(int year, string source, string csv, CancellationToken ct)
    {
        var v = new Validator();
        var days = new List<CalendarDayEntry>();
        var lines = csv.Replace("\r\n", "\n").TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || (i == 0 && line.StartsWith("date", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var cells = line.Split(',', 3, StringSplitOptions.TrimEntries);
            var working = cells.Length > 1 ? cells[1].ToLowerInvariant() switch
            {
                "休" or "off" or "holiday" => (bool?)false,
                "班" or "work" or "workday" => true,
                _ => null,
            } : null;
            if (!DateOnly.TryParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || working is null)
            {
                v.Add("csv", $"Line {i + 1}: expected \"yyyy-MM-dd,休|班,note\", got \"{line}\".");
                continue;
            }

            days.Add(new CalendarDayEntry(date, working.Value, cells.Length > 2 ? cells[2] : null));
        }

        v.ThrowIfInvalid();
        return SaveYearAsync(year, new SaveCalendarYear(source, days), ct);
    }

    private static void ValidateYear(int year)
    {
        if (year is < 2000 or > 2100)
        {
            throw ValidationException.For("year", "Between 2000 and 2100.");
        }
    }

    private sealed record YearRow
    {
        public int Year { get; init; }
        public string Source { get; init; } = "";
    }

    private sealed record DayRow
    {
        public DateTime Day { get; init; }
        public bool IsWorkingDay { get; init; }
        public string? Note { get; init; }
    }
}
