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

    // Thresholds crossed in (@SinceUtc, @NowUtc]: each an index range over (Status, threshold).
    public const string DueSignYellow = """
        SELECT Id AS TicketId, LeadDepartmentId AS DepartmentId, SignDueUtc AS DueUtc FROM Ticket
        WHERE Status = 'PendingSign' AND SignWarnUtc > @SinceUtc AND SignWarnUtc <= @NowUtc
        """;

    public const string DueSignRed = """
        SELECT Id AS TicketId, LeadDepartmentId AS DepartmentId, SignDueUtc AS DueUtc FROM Ticket
        WHERE Status = 'PendingSign' AND SignDueUtc > @SinceUtc AND SignDueUtc <= @NowUtc
        """;

    public const string DueHandleYellow = """
        SELECT Id AS TicketId, LeadDepartmentId AS DepartmentId, HandleDueUtc AS DueUtc FROM Ticket
        WHERE Status IN ('PendingSign', 'ReturnRequested', 'InProgress') AND HandleWarnUtc > @SinceUtc AND HandleWarnUtc <= @NowUtc
        """;

    public const string DueHandleRed = """
        SELECT Id AS TicketId, LeadDepartmentId AS DepartmentId, HandleDueUtc AS DueUtc FROM Ticket
        WHERE Status IN ('PendingSign', 'ReturnRequested', 'InProgress') AND HandleDueUtc > @SinceUtc AND HandleDueUtc <= @NowUtc
        """;

    public const string DueSupervise = """
        SELECT Id AS TicketId, LeadDepartmentId AS DepartmentId, HandleDueUtc AS DueUtc FROM Ticket
        WHERE Status IN ('PendingSign', 'ReturnRequested', 'InProgress') AND SuperviseUtc > @SinceUtc AND SuperviseUtc <= @NowUtc
        """;

    public const string DueVisitRed = """
        SELECT Id AS TicketId, LeadDepartmentId AS DepartmentId, VisitDueUtc AS DueUtc FROM Ticket
        WHERE Status = 'PendingVisit' AND VisitDueUtc > @SinceUtc AND VisitDueUtc <= @NowUtc
        """;

    /// <summary>The rows a sweep hands to one set-based statement: keys made in C#, and the event's JSON detail.</summary>
    private static readonly (string Name, string Type)[] RaiseRowColumns =
        [("Id", "BIGINT"), ("TicketId", "BIGINT"), ("EventId", "BIGINT"), ("Detail", "NVARCHAR(MAX)")];

    /// <summary>
    /// Raises the escalations of many tickets in one statement (rows <c>@Rows</c>: Id, TicketId, EventId, Detail), each
    /// unless it was raised for this due time already: the existence check takes the dialect's row-claiming hint, and the
    /// unique index (TicketId, Kind, Level, DueUtc) backs it, so a threshold fires once however many sweeps run.
    /// <paramref name="dueColumn"/> is the ticket's due-time column of the clock (SignDueUtc, HandleDueUtc or VisitDueUtc).
    /// </summary>
    public static string RaiseMany(ISqlDialect dialect, string dueColumn) => $"""
        INSERT INTO Escalation (Id, TicketId, Kind, Level, DepartmentId, DueUtc, RaisedUtc)
        SELECT j.Id, t.Id, @Kind, @Level, t.LeadDepartmentId, t.{dueColumn}, @NowUtc
        FROM {dialect.JsonRows("@Rows", "j", RaiseRowColumns)}
        JOIN Ticket t ON t.Id = j.TicketId
        WHERE t.{dueColumn} IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM Escalation e {dialect.ClaimHint} WHERE e.TicketId = t.Id AND e.Kind = @Kind AND e.Level = @Level AND e.DueUtc = t.{dueColumn})
        """;

    /// <summary>
    /// System events on the timelines of the escalations of <c>@Rows</c> that exist (those just raised: their keys are
    /// new); the statuses are the ticket's current one, the department the escalation's.
    /// </summary>
    public static string InsertEvents(ISqlDialect dialect) => $"""
        INSERT INTO TicketEvent (Id, TicketId, Action, FromStatus, ToStatus, ActorUserId, ActorRole, DepartmentId, Reason, Detail, OccurredUtc)
        SELECT j.EventId, t.Id, @Action, t.Status, t.Status, @ActorUserId, 'System', e.DepartmentId, @Reason, j.Detail, @NowUtc
        FROM {dialect.JsonRows("@Rows", "j", RaiseRowColumns)}
        JOIN Escalation e ON e.Id = j.Id
        JOIN Ticket t ON t.Id = e.TicketId
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
        foreach (var dueColumn in new[] { "SignDueUtc", "HandleDueUtc", "VisitDueUtc" })
        {
            yield return RaiseMany(dialect, dueColumn);
        }

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
