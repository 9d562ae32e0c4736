namespace Hotline.Core.Calendar;

internal static class CalendarSql
{
    public const string SelectYears = "SELECT Year, Source FROM CalendarYear ORDER BY Year";

    public const string SelectDays = "SELECT Day, IsWorkingDay, Note FROM CalendarDay ORDER BY Day";

    public const string SelectDaysOfYear = "SELECT Day, IsWorkingDay, Note FROM CalendarDay WHERE Year = @Year ORDER BY Day";

    public const string CountYear = "SELECT COUNT(*) FROM CalendarYear WHERE Year = @Year";

    public const string InsertYear = "INSERT INTO CalendarYear (Year, Source, UpdatedUtc) VALUES (@Year, @Source, @NowUtc)";

    public const string UpdateYear = "UPDATE CalendarYear SET Source = @Source, UpdatedUtc = @NowUtc WHERE Year = @Year";

    public const string DeleteDaysOfYear = "DELETE FROM CalendarDay WHERE Year = @Year";

    public const string InsertDay = "INSERT INTO CalendarDay (Day, Year, IsWorkingDay, Note) VALUES (@Day, @Year, @IsWorkingDay, @Note)";
}
