using Hotline.Core.Data;

namespace Hotline.Core.Live;

internal static class LiveSql
{
    public const string SelectLastSeq = "SELECT COALESCE(MAX(Seq), 0) FROM LiveFeed";

    /// <summary>Feed rows after <c>@AfterSeq</c> up to <c>@UpToSeq</c>, with what a message shows of its ticket, event or escalation.</summary>
    public static string SelectAfter(ISqlDialect dialect, int limit) => $"""
        SELECT {dialect.Top(limit)} f.Seq, f.Kind, f.TicketId, f.UserId, f.Payload, f.OccurredUtc,
            t.Number AS TicketNumber, t.Title AS TicketTitle, t.Status AS TicketStatus,
            ev.Action, ev.DepartmentId AS EventDepartmentId, ed.Name AS EventDepartmentName, eu.DisplayName AS ActorName, ev.Reason,
            e.Id AS EscalationId, e.Kind AS EscalationKind, e.Level AS EscalationLevel, e.DepartmentId AS EscalationDepartmentId,
            xd.Name AS EscalationDepartmentName, e.DueUtc, e.RaisedUtc, e.AcknowledgedByUserId, au.DisplayName AS AcknowledgedByName,
            e.AcknowledgedUtc, e.ClearedUtc, e.WindowCaseId, w.Number AS WindowCaseNumber, w.ServiceItemName AS WindowCaseTitle, w.Status AS WindowCaseStatus
        FROM LiveFeed f
        LEFT JOIN Ticket t ON t.Id = f.TicketId
        LEFT JOIN TicketEvent ev ON ev.Id = f.EventId
        LEFT JOIN Department ed ON ed.Id = ev.DepartmentId
        LEFT JOIN AppUser eu ON eu.Id = ev.ActorUserId
        LEFT JOIN Escalation e ON e.Id = f.EscalationId
        LEFT JOIN WindowCase w ON w.Id = e.WindowCaseId
        LEFT JOIN Department xd ON xd.Id = e.DepartmentId
        LEFT JOIN AppUser au ON au.Id = e.AcknowledgedByUserId
        WHERE f.Seq > @AfterSeq AND f.Seq <= @UpToSeq
        ORDER BY f.Seq {dialect.Limit(limit)}
        """;

    /// <summary>The departments actively assigned to the tickets of the same feed rows: whose liaisons may see them.</summary>
    public const string SelectAssignedDepartments = """
        SELECT DISTINCT f.TicketId, td.DepartmentId
        FROM LiveFeed f
        JOIN TicketDepartment td ON td.TicketId = f.TicketId AND td.IsActive = 1
        WHERE f.Seq > @AfterSeq AND f.Seq <= @UpToSeq
        """;

    public const string InsertIncomingCall = """
        INSERT INTO LiveFeed (Kind, UserId, Payload, OccurredUtc) VALUES ('IncomingCall', @UserId, @Payload, @NowUtc)
        """;

    public const string SelectAgentByUserName = """
        SELECT Id FROM AppUser WHERE UserName = @UserName AND IsActive = 1 AND Role IN ('Agent', 'Dispatcher')
        """;

    public const string SelectAgentByExtension = """
        SELECT Id FROM AppUser WHERE Extension = @Extension AND IsActive = 1 AND Role IN ('Agent', 'Dispatcher')
        """;

    public static IEnumerable<string> Samples(ISqlDialect dialect)
    {
        yield return SelectAfter(dialect, 1000);
    }
}
