namespace Hotline.Core.Data;

/// <summary>
/// The few SQL fragments that differ between SQLite and SQL Server. Everything else is written once, in the
/// subset both engines accept (see DESIGN.md, "Two dialects").
/// </summary>
public interface ISqlDialect
{
    DatabaseProvider Provider { get; }

    /// <summary>Appended after an ORDER BY clause: skip <c>@Skip</c> rows, take <c>@Take</c>.</summary>
    string Paging { get; }

    /// <summary>
    /// Increments the per-day ticket number counter for <c>@Day</c> (creating it at 1) and returns the new value
    /// as a single row with the column <c>LastValue</c>.
    /// </summary>
    string NextTicketSequence { get; }

    /// <summary>A single-row <c>SELECT</c> of the first <paramref name="n"/> rows: <c>TOP n</c> or nothing.</summary>
    string Top(int n);

    /// <summary>The matching suffix of <see cref="Top"/>: <c>LIMIT n</c> or nothing.</summary>
    string Limit(int n);

    /// <summary>
    /// A table hint that claims the rows an existence check reads until the transaction ends, so two concurrent
    /// writers cannot both find "not there yet". Nothing on SQLite, whose writers are serialised.
    /// </summary>
    string ClaimHint { get; }

    /// <summary>
    /// The JSON array of objects in parameter <paramref name="parameter"/> as a row source named <paramref name="alias"/>,
    /// one column per (name, SQL Server type): lets one set-based statement take many rows whose keys were made in C#.
    /// </summary>
    string JsonRows(string parameter, string alias, params (string Name, string Type)[] columns);

    /// <summary>
    /// The local date of a UTC timestamp as <c>yyyy-MM-dd</c> text, in a time zone <c>@OffsetMinutes</c> ahead of UTC all year
    /// (the caller checks the zone keeps one offset).
    /// </summary>
    string LocalDate(string utc);

    /// <summary>A timestamp <paramref name="days"/> days (of 24 hours) later, compared exactly with the stored timestamps.</summary>
    string AddDays(string timestamp, int days);

    /// <summary>
    /// After a table name: read its rows by the range of their key given in the WHERE clause, not through a secondary index
    /// on another column of the same clause (SQLite guesses both ranges alike without statistics of their values).
    /// Nothing on SQL Server, whose statistics tell the two apart.
    /// </summary>
    string ByKeyHint { get; }
}

public sealed class SqliteDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string Paging => "LIMIT @Take OFFSET @Skip";

    public string NextTicketSequence => """
        INSERT INTO TicketNumberSequence (Day, LastValue) VALUES (@Day, 1)
        ON CONFLICT (Day) DO UPDATE SET LastValue = LastValue + 1
        RETURNING LastValue
        """;

    public string Top(int n) => "";

    public string Limit(int n) => $"LIMIT {n}";

    public string ClaimHint => "";

    public string JsonRows(string parameter, string alias, params (string Name, string Type)[] columns) =>
        $"(SELECT {string.Join(", ", columns.Select(c => $"json_extract(value, '$.{c.Name}') AS {c.Name}"))} FROM json_each({parameter})) AS {alias}";

    public string LocalDate(string utc) => $"date({utc}, @OffsetMinutes || ' minutes')";

    // Timestamps are stored as 'yyyy-MM-dd HH:mm:ss.FFFFFFF' text: whole days of UTC move the date and keep the time as written,
    // so the result compares with stored text exactly as the instants compare.
    public string AddDays(string timestamp, int days) => $"(date({timestamp}, '{days} days') || substr({timestamp}, 11))";

    public string ByKeyHint => "NOT INDEXED";
}

public sealed class SqlServerDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public string Paging => "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";

    // UPDLOCK + HOLDLOCK serialises writers of the same day without a unique-key race on the first insert.
    public string NextTicketSequence => """
        MERGE TicketNumberSequence WITH (UPDLOCK, HOLDLOCK) AS target
        USING (SELECT @Day AS Day) AS source ON target.Day = source.Day
        WHEN MATCHED THEN UPDATE SET LastValue = target.LastValue + 1
        WHEN NOT MATCHED THEN INSERT (Day, LastValue) VALUES (source.Day, 1)
        OUTPUT inserted.LastValue;
        """;

    public string Top(int n) => $"TOP ({n})";

    public string Limit(int n) => "";

    public string ClaimHint => "WITH (UPDLOCK, HOLDLOCK)";

    public string JsonRows(string parameter, string alias, params (string Name, string Type)[] columns) =>
        $"OPENJSON({parameter}) WITH ({string.Join(", ", columns.Select(c => $"{c.Name} {c.Type} '$.{c.Name}'"))}) AS {alias}";

    public string LocalDate(string utc) => $"CONVERT(CHAR(10), DATEADD(MINUTE, @OffsetMinutes, {utc}), 23)";

    public string AddDays(string timestamp, int days) => $"DATEADD(DAY, {days}, {timestamp})";

    public string ByKeyHint => "";
}
