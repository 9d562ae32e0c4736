using System.Text;
using Hotline.Core.Data;

namespace Hotline.Core.Escalations;

internal static class EscalationSql
{
    /// <summary>Clears the escalations whose clock no longer runs: the ticket moved on, or the clock restarted.</summary>
    public const string Clear = """
        UPDATE Escalation SET ClearedUtc = @NowUtc
        WHERE TicketId = @TicketId AND ClearedUtc IS NULL
            AND ((Kind = 'Sign' AND @ClearSign = 1) OR (Kind = 'Handle' AND @ClearHandle = 1)
                OR (Kind = 'Visit' AND @ClearVisit = 1) OR (Kind = 'Calendar' AND @ClearCalendar = 1))
        """;

    /// <summary>
    /// Raises one escalation unless it was raised for this due time already. The existence check takes the
    /// dialect's row-claiming hint, so two sweeps on SQL Server cannot both pass it; SQLite has one writer anyway.
    /// </summary>
    public static string Raise(ISqlDialect dialect) => $"""
        INSERT INTO Escalation (Id, TicketId, Kind, Level, DepartmentId, DueUtc, RaisedUtc)
        SELECT @Id, @TicketId, @Kind, @Level, @DepartmentId, @DueUtc, @NowUtc
        WHERE NOT EXISTS (
            SELECT 1 FROM Escalation {dialect.ClaimHint} WHERE TicketId = @TicketId AND Kind = @Kind AND Level = @Level AND DueUtc = @DueUtc)
        """;

    // Thresholds crossed in (@SinceUtc, @NowUtc]: each a range of a partial index over the open tickets that carries the
    // due time and the lead department (migration 0009), so no ticket row is read. The status conditions must stay word
    // for word those of the indexes. On SQL Server the claim hint holds the rows until the sweep commits: a ticket action
    // that would clear the escalation waits, then clears it.
    public static string DueSignYellow(ISqlDialect dialect) => $"""
        SELECT Id AS TicketId, LeadDepartmentId AS DepartmentId, SignDueUtc AS DueUtc FROM Ticket {dialect.ClaimHint}
        WHERE Status = 'PendingSign' AND SignWarnUtc > @SinceUtc AND SignWarnUtc <= @NowUtc
        """;

    public static string DueSignRed(ISqlDialect dialect) => $"""
        SELECT Id AS TicketId, LeadDepartmentId AS DepartmentId, SignDueUtc AS DueUtc FROM Ticket {dialect.ClaimHint}
        WHERE Status = 'PendingSign' AND SignDueUtc > @SinceUtc AND SignDueUtc <= @NowUtc
        """;

    public static string DueHandleYellow(ISqlDialect dialect) => $"""
        SELECT Id AS TicketId, LeadDepartmentId AS DepartmentId, HandleDueUtc AS DueUtc FROM Ticket {dialect.ClaimHint}
        WHERE Status IN ('PendingSign', 'ReturnRequested', 'InProgress') AND HandleWarnUtc > @SinceUtc AND HandleWarnUtc <= @NowUtc
        """;

    public static string DueHandleRed(ISqlDialect dialect) => $"""
        SELECT Id AS TicketId, LeadDepartmentId AS DepartmentId, HandleDueUtc AS DueUtc FROM Ticket {dialect.ClaimHint}
        WHERE Status IN ('PendingSign', 'ReturnRequested', 'InProgress') AND HandleDueUtc > @SinceUtc AND HandleDueUtc <= @NowUtc
        """;

    public static string DueSupervise(ISqlDialect dialect) => $"""
        SELECT Id AS TicketId, LeadDepartmentId AS DepartmentId, HandleDueUtc AS DueUtc FROM Ticket {dialect.ClaimHint}
        WHERE Status IN ('PendingSign', 'ReturnRequested', 'InProgress') AND SuperviseUtc > @SinceUtc AND SuperviseUtc <= @NowUtc
        """;

    public static string DueVisitRed(ISqlDialect dialect) => $"""
        SELECT Id AS TicketId, LeadDepartmentId AS DepartmentId, VisitDueUtc AS DueUtc FROM Ticket {dialect.ClaimHint}
        WHERE Status = 'PendingVisit' AND VisitDueUtc > @SinceUtc AND VisitDueUtc <= @NowUtc
        """;

    /// <summary>
    /// Raises the escalations of many tickets in one statement (rows <c>@Rows</c>: Id, TicketId, DepartmentId, DueUtc, as the
    /// due read found them), each unless it was raised for this due time already: the existence check takes the dialect's
    /// row-claiming hint, and the unique index (TicketId, Kind, Level, DueUtc) backs it, so a threshold fires once however
    /// many sweeps run.
    /// </summary>
    public static string RaiseMany(ISqlDialect dialect) => $"""
        INSERT INTO Escalation (Id, TicketId, Kind, Level, DepartmentId, DueUtc, RaisedUtc)
        SELECT j.Id, j.TicketId, @Kind, @Level, j.DepartmentId, j.DueUtc, @NowUtc
        FROM {dialect.JsonRows("@Rows", "j", ("Id", "BIGINT"), ("TicketId", "BIGINT"), ("DepartmentId", "BIGINT"), ("DueUtc", "DATETIME2(3)"))}
        WHERE NOT EXISTS (
            SELECT 1 FROM Escalation e {dialect.ClaimHint} WHERE e.TicketId = j.TicketId AND e.Kind = @Kind AND e.Level = @Level AND e.DueUtc = j.DueUtc)
        """;

    /// <summary>The escalations of one ticket, as its timeline shows them.</summary>
    public const string SelectOfTicket = """
        SELECT e.Id, e.Kind, e.Level, e.DepartmentId, d.Name AS DepartmentName, e.DueUtc, e.RaisedUtc
        FROM Escalation e
        LEFT JOIN Department d ON d.Id = e.DepartmentId
        WHERE e.TicketId = @Id
        """;

    public const string SelectSweepState = "SELECT LastSweptUtc FROM SweepState WHERE Name = @Name";

    public const string InsertSweepState = "INSERT INTO SweepState (Name, LastSweptUtc) VALUES (@Name, @NowUtc)";

    public const string UpdateSweepState = "UPDATE SweepState SET LastSweptUtc = @NowUtc WHERE Name = @Name AND LastSweptUtc < @NowUtc";

    public const string Acknowledge = """
        UPDATE Escalation SET AcknowledgedByUserId = @UserId, AcknowledgedUtc = @NowUtc
        WHERE Id = @Id AND AcknowledgedUtc IS NULL
        """;

    private const string ViewColumnsFragment = """
        e.Id, e.TicketId, COALESCE(t.Number, w.Number) AS TicketNumber, COALESCE(t.Title, w.ServiceItemName) AS TicketTitle, t.Status AS TicketStatus,
        e.WindowCaseId, w.Number AS WindowCaseNumber, w.Status AS WindowCaseStatus, e.Kind, e.Level,
        e.DepartmentId, d.Name AS DepartmentName, e.DueUtc, e.RaisedUtc, e.AcknowledgedByUserId, u.DisplayName AS AcknowledgedByName,
        e.AcknowledgedUtc, e.ClearedUtc
        FROM Escalation e
        LEFT JOIN Ticket t ON t.Id = e.TicketId
        LEFT JOIN WindowCase w ON w.Id = e.WindowCaseId
        LEFT JOIN Department d ON d.Id = e.DepartmentId
        LEFT JOIN AppUser u ON u.Id = e.AcknowledgedByUserId
        """;

    public const string SelectOne = $"SELECT {ViewColumnsFragment} WHERE e.Id = @Id";

    public static string ListWhere(EscalationFilter f, bool scoped)
    {
        var where = new StringBuilder("WHERE 1 = 1");
        if (scoped)
        {
            where.Append(" AND e.DepartmentId = @ScopeDepartmentId");
        }

        if (f.Open is true)
        {
            where.Append(" AND e.ClearedUtc IS NULL");
        }
        else if (f.Open is false)
        {
            where.Append(" AND e.ClearedUtc IS NOT NULL");
        }

        if (f.Kind is not null)
        {
            where.Append(" AND e.Kind = @Kind");
        }

        if (f.Level is not null)
        {
            where.Append(" AND e.Level = @Level");
        }

        if (f.DepartmentId is not null)
        {
            where.Append(" AND e.DepartmentId = @DepartmentId");
        }

        if (f.Acknowledged is true)
        {
            where.Append(" AND e.AcknowledgedUtc IS NOT NULL");
        }
        else if (f.Acknowledged is false)
        {
            where.Append(" AND e.AcknowledgedUtc IS NULL");
        }

        return where.ToString();
    }

    public static string List(ISqlDialect dialect, EscalationFilter f, bool scoped) =>
        $"SELECT {ViewColumnsFragment} {ListWhere(f, scoped)} ORDER BY e.RaisedUtc DESC, e.Id DESC {dialect.Paging}";

    public static string Count(ISqlDialect dialect, EscalationFilter f, bool scoped) =>
        $"SELECT COUNT(*) FROM Escalation e {ListWhere(f, scoped)}";

    public static IEnumerable<string> Samples(ISqlDialect dialect)
    {
        var all = new EscalationFilter { Open = false, Kind = EscalationKind.Handle, Level = EscalationLevel.Red, DepartmentId = 1, Acknowledged = true };
        foreach (var f in new[] { new EscalationFilter(), all, all with { Open = true, Acknowledged = false } })
        {
            foreach (var scoped in new[] { false, true })
            {
                yield return List(dialect, f, scoped);
                yield return Count(dialect, f, scoped);
            }
        }
    }
}
