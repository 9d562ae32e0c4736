using System.Text;
using Hotline.Core.Data;

namespace Hotline.Core.Window;

internal static class WindowSql
{
    public static string CountNumbersOfDay(ISqlDialect dialect) =>
        $"SELECT COUNT(*) FROM WindowCase {dialect.ClaimHint} WHERE Number LIKE @Prefix";

    public const string Insert = """
        INSERT INTO WindowCase (Id, Number, Status, ApplicantName, ApplicantPhone, ServiceItemName, ServiceItemCode, FailedHall, FailedWindow,
            FailedDepartmentId, FailedStaff, FailedUtc, Cause, Description, Request, OutOfScopeKind, OutOfScopeReason, Referral, SourceTicketId,
            DeadlineEstimated, ClosedUtc, CreatedByUserId, CreatedUtc, UpdatedUtc, Version)
        VALUES (@Id, @Number, @Status, @ApplicantName, @ApplicantPhone, @ServiceItemName, @ServiceItemCode, @FailedHall, @FailedWindow,
            @FailedDepartmentId, @FailedStaff, @FailedUtc, @Cause, @Description, @Request, @OutOfScopeKind, @OutOfScopeReason, @Referral, @SourceTicketId,
            0, @ClosedUtc, @CreatedByUserId, @NowUtc, @NowUtc, 1)
        """;

    public const string SelectNumber = "SELECT Number FROM WindowCase WHERE Id = @Id";

    public const string InsertLog = """
        INSERT INTO WindowCaseLog (Id, WindowCaseId, Kind, Content, FromStatus, ToStatus, ActorUserId, OccurredUtc)
        VALUES (@Id, @WindowCaseId, @Kind, @Content, @FromStatus, @ToStatus, @ActorUserId, @NowUtc)
        """;

    public const string SelectState = "SELECT Id, Status, Version, Mode, TicketId, LeadDepartmentId FROM WindowCase WHERE Id = @Id";

    /// <summary>Moves the case on if it is still at the version the user saw; 0 rows: stale.</summary>
    public const string Advance = """
        UPDATE WindowCase SET Status = @Status, Version = Version + 1, UpdatedUtc = @NowUtc
        WHERE Id = @Id AND Version = @Version
        """;

    public const string SetHandling = """
        UPDATE WindowCase SET Mode = @Mode, LeadDepartmentId = @LeadDepartmentId, TicketId = COALESCE(@TicketId, TicketId),
            HandlingStartedUtc = @NowUtc, DueUtc = @DueUtc, WarnUtc = @WarnUtc, DeadlineEstimated = @DeadlineEstimated
        WHERE Id = @Id
        """;

    public const string SetReply = """
        UPDATE WindowCase SET Decision = @Decision, ReplyContent = @ReplyContent, RepliedUtc = @NowUtc WHERE Id = @Id
        """;

    public const string SetVisit = """
        UPDATE WindowCase SET Satisfaction = @Satisfaction, VisitResolved = @VisitResolved, VisitComment = @VisitComment, VisitedUtc = @NowUtc,
            FixMade = @FixMade, FixDescription = @FixDescription, FixBy = @FixBy, ClosedUtc = @NowUtc
        WHERE Id = @Id
        """;

    public const string Touch = "UPDATE WindowCase SET UpdatedUtc = @NowUtc WHERE Id = @Id";

    /// <summary>The case's escalations stop when it is replied to, or when a new grade replaces its due time.</summary>
    public const string ClearEscalations = """
        UPDATE Escalation SET ClearedUtc = @NowUtc WHERE WindowCaseId = @Id AND ClearedUtc IS NULL
        """;

    public const string SelectTicketForForward = """
        SELECT Id, Status, AppealType, Version, Title, Content, CallerName, CallerPhone, Address, CreatedUtc FROM Ticket WHERE Id = @Id
        """;

    public const string CountCasesFromTicket = "SELECT COUNT(*) FROM WindowCase WHERE SourceTicketId = @TicketId";

    public const string SelectTicketReply = "SELECT RepliedUtc FROM Ticket WHERE Id = @Id";

    public const string CountActiveDepartment = "SELECT COUNT(*) FROM Department WHERE Id = @Id AND IsActive = 1";

    private const string SummaryColumnsFragment = """
        w.Id, w.Number, w.Status, w.ApplicantName, w.ApplicantPhone, w.ServiceItemName, w.ServiceItemCode, w.FailedHall, w.FailedWindow,
        w.FailedDepartmentId, fd.Name AS FailedDepartmentName, w.FailedStaff, w.FailedUtc, w.Cause, w.Mode, w.LeadDepartmentId,
        ld.Name AS LeadDepartmentName, w.TicketId, t.Number AS TicketNumber, t.Status AS TicketStatus, w.SourceTicketId,
        st.Number AS SourceTicketNumber, w.DueUtc, w.WarnUtc, w.DeadlineEstimated, w.OutOfScopeKind, w.Satisfaction, w.FixMade,
        w.CreatedByUserId, cu.DisplayName AS CreatedByName, w.CreatedUtc, w.UpdatedUtc, w.RepliedUtc, w.ClosedUtc, w.Version
        """;

    private const string JoinsFragment = """
        FROM WindowCase w
        LEFT JOIN Department fd ON fd.Id = w.FailedDepartmentId
        LEFT JOIN Department ld ON ld.Id = w.LeadDepartmentId
        LEFT JOIN Ticket t ON t.Id = w.TicketId
        LEFT JOIN Ticket st ON st.Id = w.SourceTicketId
        LEFT JOIN AppUser cu ON cu.Id = w.CreatedByUserId
        """;

    public const string SelectDetail = $"""
        SELECT {SummaryColumnsFragment}, w.Description, w.Request, w.OutOfScopeReason, w.Referral, w.HandlingStartedUtc, w.Decision,
            w.ReplyContent, w.VisitResolved, w.VisitComment, w.VisitedUtc, w.FixDescription, w.FixBy
        {JoinsFragment}
        WHERE w.Id = @Id
        """;

    public const string SelectLog = """
        SELECT l.Id, l.Kind, l.Content, l.FromStatus, l.ToStatus, l.ActorUserId, u.DisplayName AS ActorName, l.OccurredUtc
        FROM WindowCaseLog l LEFT JOIN AppUser u ON u.Id = l.ActorUserId
        WHERE l.WindowCaseId = @Id ORDER BY l.Id
        """;

    public const string SelectTicketLinks = """
        SELECT Id, Number, Status, CASE WHEN SourceTicketId = @TicketId THEN 'Source' ELSE 'Handling' END AS Link, Mode
        FROM WindowCase WHERE SourceTicketId = @TicketId OR TicketId = @TicketId
        ORDER BY Id
        """;

    public static string Where(WindowCaseFilter f)
    {
        var where = new StringBuilder("WHERE 1 = 1");
        if (f.Statuses.Count > 0)
        {
            where.Append(" AND w.Status IN (").AppendJoin(", ", f.Statuses.Select((_, i) => $"@Status{i}")).Append(')');
        }

        if (f.Cause is not null)
        {
            where.Append(" AND w.Cause = @Cause");
        }

        if (f.Mode is not null)
        {
            where.Append(" AND w.Mode = @Mode");
        }

        if (f.DepartmentId is not null)
        {
            where.Append(" AND (w.FailedDepartmentId = @DepartmentId OR w.LeadDepartmentId = @DepartmentId)");
        }

        if (f.ServiceItem is not null)
        {
            where.Append(" AND (w.ServiceItemName LIKE @ServiceItemLike OR w.ServiceItemCode = @ServiceItem)");
        }

        if (f.FromUtc is not null)
        {
            where.Append(" AND w.CreatedUtc >= @FromUtc");
        }

        if (f.ToUtc is not null)
        {
            where.Append(" AND w.CreatedUtc < @ToUtc");
        }

        if (f.Text is not null)
        {
            where.Append(" AND (w.Number = @Text OR w.ApplicantName LIKE @TextLike OR w.Description LIKE @TextLike OR w.ServiceItemName LIKE @TextLike)");
        }

        if (f.Mine)
        {
            where.Append(" AND w.CreatedByUserId = @UserId");
        }

        if (f.FixMade is true)
        {
            where.Append(" AND w.FixMade = 1");
        }
        else if (f.FixMade is false)
        {
            where.Append(" AND (w.FixMade = 0 OR w.FixMade IS NULL)");
        }

        if (f.Overdue is true)
        {
            where.Append(" AND w.Status = 'Handling' AND w.DueUtc <= @NowUtc");
        }

        return where.ToString();
    }

    public static string List(ISqlDialect dialect, WindowCaseFilter f) =>
        $"SELECT {SummaryColumnsFragment} {JoinsFragment} {Where(f)} ORDER BY w.CreatedUtc DESC, w.Id DESC {dialect.Paging}";

    public static string Count(ISqlDialect dialect, WindowCaseFilter f) => $"SELECT COUNT(*) FROM WindowCase w {Where(f)}";

    /// <summary>The ledger for export: every row the filter keeps, with the texts, oldest first.</summary>
    public static string Export(ISqlDialect dialect, WindowCaseFilter f) => $"""
        SELECT {SummaryColumnsFragment}, w.Description, w.Request, w.OutOfScopeReason, w.Referral, w.Decision, w.ReplyContent,
            w.VisitResolved, w.VisitComment, w.FixDescription, w.FixBy
        {JoinsFragment} {Where(f)} ORDER BY w.CreatedUtc, w.Id
        """;

    private const string PeriodFragment = "WHERE (@FromUtc IS NULL OR w.CreatedUtc >= @FromUtc) AND (@ToUtc IS NULL OR w.CreatedUtc < @ToUtc)";

    public const string FigureTotals = $"""
        SELECT COUNT(*) AS Total,
            COALESCE(SUM(CASE WHEN w.Status = 'OutOfScope' THEN 1 ELSE 0 END), 0) AS OutOfScope,
            COALESCE(SUM(CASE WHEN w.Status IN ('Registered', 'Handling', 'PendingVisit') THEN 1 ELSE 0 END), 0) AS [Open],
            COALESCE(SUM(CASE WHEN w.Status = 'Closed' THEN 1 ELSE 0 END), 0) AS Closed,
            COALESCE(SUM(CASE WHEN w.Status = 'Handling' AND w.DueUtc <= @NowUtc THEN 1 ELSE 0 END), 0) AS Overdue,
            COALESCE(SUM(CASE WHEN w.Status = 'Closed' AND w.FixMade = 1 THEN 1 ELSE 0 END), 0) AS FixMade
        FROM WindowCase w {PeriodFragment}
        """;

    public const string FiguresByCause = $"""
        SELECT w.Cause AS [Key], w.Cause AS Name, COUNT(*) AS [Count], COALESCE(SUM(CASE WHEN w.FixMade = 1 THEN 1 ELSE 0 END), 0) AS Fixed
        FROM WindowCase w {PeriodFragment} AND w.Status <> 'OutOfScope'
        GROUP BY w.Cause ORDER BY COUNT(*) DESC, w.Cause
        """;

    public const string FiguresByMode = $"""
        SELECT w.Mode AS [Key], w.Mode AS Name, COUNT(*) AS [Count], COALESCE(SUM(CASE WHEN w.FixMade = 1 THEN 1 ELSE 0 END), 0) AS Fixed
        FROM WindowCase w {PeriodFragment} AND w.Mode IS NOT NULL
        GROUP BY w.Mode ORDER BY COUNT(*) DESC, w.Mode
        """;

    /// <summary>Where it failed: the department named at intake (unknown departments counted together).</summary>
    public const string FiguresByDepartment = $"""
        SELECT CAST(COALESCE(w.FailedDepartmentId, 0) AS VARCHAR(20)) AS [Key], COALESCE(MAX(d.Name), '') AS Name, COUNT(*) AS [Count],
            COALESCE(SUM(CASE WHEN w.FixMade = 1 THEN 1 ELSE 0 END), 0) AS Fixed
        FROM WindowCase w LEFT JOIN Department d ON d.Id = w.FailedDepartmentId
        {PeriodFragment} AND w.Status <> 'OutOfScope'
        GROUP BY COALESCE(w.FailedDepartmentId, 0) ORDER BY COUNT(*) DESC, COALESCE(w.FailedDepartmentId, 0)
        """;

    public const string FiguresByServiceItem = $"""
        SELECT COALESCE(w.ServiceItemCode, '') AS [Key], MAX(w.ServiceItemName) AS Name, COUNT(*) AS [Count],
            COALESCE(SUM(CASE WHEN w.FixMade = 1 THEN 1 ELSE 0 END), 0) AS Fixed
        FROM WindowCase w {PeriodFragment} AND w.Status <> 'OutOfScope'
        GROUP BY COALESCE(w.ServiceItemCode, ''), CASE WHEN w.ServiceItemCode IS NULL THEN w.ServiceItemName ELSE '' END
        ORDER BY COUNT(*) DESC, MAX(w.ServiceItemName)
        """;

    // The sweep (WindowCaseSweeper): thresholds crossed in (@SinceUtc, @NowUtc], each an index range over (Status, threshold).
    public const string DueYellow = """
        SELECT Id FROM WindowCase WHERE Status = 'Handling' AND WarnUtc > @SinceUtc AND WarnUtc <= @NowUtc
        """;

    public const string DueRed = """
        SELECT Id FROM WindowCase WHERE Status = 'Handling' AND DueUtc > @SinceUtc AND DueUtc <= @NowUtc
        """;

    private static readonly (string Name, string Type)[] RaiseRowColumns =
        [("Id", "BIGINT"), ("WindowCaseId", "BIGINT"), ("LogId", "BIGINT"), ("Detail", "NVARCHAR(MAX)")];

    /// <summary>
    /// Raises the escalations of many cases in one statement, each unless raised for this due time already (the check takes
    /// the row-claiming hint and the unique index (WindowCaseId, Kind, Level, DueUtc) backs it): a threshold fires once.
    /// </summary>
    public static string RaiseMany(ISqlDialect dialect) => $"""
        INSERT INTO Escalation (Id, TicketId, WindowCaseId, Kind, Level, DepartmentId, DueUtc, RaisedUtc)
        SELECT j.Id, NULL, w.Id, 'Window', @Level, w.LeadDepartmentId, w.DueUtc, @NowUtc
        FROM {dialect.JsonRows("@Rows", "j", RaiseRowColumns)}
        JOIN WindowCase w ON w.Id = j.WindowCaseId
        WHERE w.Status = 'Handling' AND w.DueUtc IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM Escalation e {dialect.ClaimHint} WHERE e.WindowCaseId = w.Id AND e.Kind = 'Window' AND e.Level = @Level AND e.DueUtc = w.DueUtc)
        """;

    /// <summary>An Escalate entry in the log of each case whose escalation was just raised (found by its new key).</summary>
    public static string InsertEscalateLogs(ISqlDialect dialect) => $"""
        INSERT INTO WindowCaseLog (Id, WindowCaseId, Kind, Content, FromStatus, ToStatus, ActorUserId, OccurredUtc)
        SELECT j.LogId, w.Id, 'Escalate', j.Detail, w.Status, w.Status, @ActorUserId, @NowUtc
        FROM {dialect.JsonRows("@Rows", "j", RaiseRowColumns)}
        JOIN Escalation e ON e.Id = j.Id
        JOIN WindowCase w ON w.Id = e.WindowCaseId
        """;

    public static IEnumerable<string> Samples(ISqlDialect dialect)
    {
        var all = new WindowCaseFilter
        {
            Statuses = [WindowCaseStatus.Handling], Cause = WindowCause.Materials, Mode = WindowMode.Department, DepartmentId = 1, ServiceItem = "x",
            FromUtc = DateTime.UnixEpoch, ToUtc = DateTime.UnixEpoch, Text = "x", Mine = true, FixMade = true, Overdue = true,
        };
        foreach (var f in new[] { new WindowCaseFilter(), all, all with { FixMade = false } })
        {
            yield return List(dialect, f);
            yield return Count(dialect, f);
            yield return Export(dialect, f);
        }
    }
}
