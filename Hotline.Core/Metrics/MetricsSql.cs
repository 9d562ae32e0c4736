using Hotline.Core.Data;

namespace Hotline.Core.Metrics;

internal static class MetricsSql
{
    /// <summary>The event columns and immutable ticket attributes a <see cref="MetricEvent"/> is read from.</summary>
    private const string EventColumnsFragment = """
        e.Id, e.TicketId, e.Action, e.DepartmentId, e.Detail, e.OccurredUtc, e.DueUtc, e.StartedUtc, e.DoneUtc, COALESCE(e.IsRepeat, 0) AS IsRepeat,
        t.CategoryId, t.AreaId, t.CallerPhone, t.CreatedUtc
        """;

    private const string ActionsFragment = "('Register', 'AnswerDirectly', 'Dispatch', 'ApproveReturn', 'Sign', 'RequestReturn', 'ApproveReply', 'RecordVisit', 'Reopen')";

    /// <summary>
    /// A red handle deadline (the urge, 催办) read as the metric event it counts as: an escalation is its own record, with no
    /// event beside it (migration 0009), so overdue is counted from the Escalation rows; the sweep's Escalate events of
    /// before stand for the same rows and are not read.
    /// </summary>
    private const string UrgeColumnsFragment = $"""
        x.Id, x.TicketId, 'Escalate' AS Action, x.DepartmentId, {UrgeDetailFragment} AS Detail, x.RaisedUtc AS OccurredUtc,
        NULL AS DueUtc, NULL AS StartedUtc, NULL AS DoneUtc, 0 AS IsRepeat, t.CategoryId, t.AreaId, t.CallerPhone, t.CreatedUtc
        """;

    private const string UrgesFragment = "x.Kind = 'Handle' AND x.Level = 'Red'";

    private const string UrgeDetailFragment = """'{"kind":"Handle","level":"Red"}'""";

    public const string SelectCursor = "SELECT Position FROM MetricCursor WHERE Name = 'Rollup'";

    /// <summary>Moves the cursor only from where this step started: a step that lost the race writes nothing.</summary>
    public const string AdvanceCursor = "UPDATE MetricCursor SET Position = @Position, UpdatedUtc = @NowUtc WHERE Name = 'Rollup' AND Position = @From";

    public const string SetCursor = "UPDATE MetricCursor SET Position = @Position, UpdatedUtc = @NowUtc WHERE Name = 'Rollup'";

    public const string SelectLastSeq = "SELECT COALESCE(MAX(Seq), 0) FROM LiveFeed";

    /// <summary>
    /// The live feed after the cursor (every kind, so the cursor passes over the rows that are not events): each row the
    /// event it carries, or the urge it raised, or nothing.
    /// </summary>
    public static string SelectFeedAfter(ISqlDialect dialect, int limit) => $"""
        SELECT {dialect.Top(limit)} f.Seq, f.OccurredUtc AS FeedUtc,
            COALESCE(e.Id, x.Id) AS Id, COALESCE(e.TicketId, x.TicketId) AS TicketId,
            COALESCE(e.Action, CASE WHEN x.Id IS NOT NULL THEN 'Escalate' END) AS Action, COALESCE(e.DepartmentId, x.DepartmentId) AS DepartmentId,
            COALESCE(e.Detail, CASE WHEN x.Id IS NOT NULL THEN {UrgeDetailFragment} END) AS Detail,
            COALESCE(e.OccurredUtc, x.RaisedUtc) AS OccurredUtc, e.DueUtc, e.StartedUtc, e.DoneUtc, COALESCE(e.IsRepeat, 0) AS IsRepeat,
            t.CategoryId, t.AreaId, t.CallerPhone, t.CreatedUtc
        FROM LiveFeed f
        LEFT JOIN TicketEvent e ON e.Id = f.EventId AND e.Action IN {ActionsFragment}
        LEFT JOIN Escalation x ON x.Id = f.EscalationId AND f.Kind = 'EscalationRaised' AND {UrgesFragment}
        LEFT JOIN Ticket t ON t.Id = COALESCE(e.TicketId, x.TicketId)
        WHERE f.Seq > @AfterSeq
        ORDER BY f.Seq {dialect.Limit(limit)}
        """;

    /// <summary>The whole log and the urges in key order (one generator makes both keys), a page at a time: the rebuild.</summary>
    public static string SelectEventsAfterId(ISqlDialect dialect, int limit) => $"""
        SELECT {dialect.Top(limit)} * FROM (
            SELECT {EventColumnsFragment}
            FROM TicketEvent e
            JOIN Ticket t ON t.Id = e.TicketId
            WHERE e.Id > @AfterId AND e.Action IN {ActionsFragment}
            UNION ALL
            SELECT {UrgeColumnsFragment}
            FROM Escalation x
            JOIN Ticket t ON t.Id = x.TicketId
            WHERE x.Id > @AfterId AND {UrgesFragment}) u
        ORDER BY u.Id {dialect.Limit(limit)}
        """;

    /// <summary>
    /// The department events of a time range (IX_TicketEvent_OccurredUtc), event by event: a period recomputed from raw data
    /// in a time zone with daylight saving (otherwise <see cref="SelectGroupedBetween"/> counts them in the database).
    /// </summary>
    public const string SelectEventsBetween = $"""
        SELECT {EventColumnsFragment}
        FROM TicketEvent e
        JOIN Ticket t ON t.Id = e.TicketId
        WHERE e.OccurredUtc >= @FromUtc AND e.OccurredUtc < @ToUtc
            AND e.Action IN ('Dispatch', 'ApproveReturn', 'Sign', 'RequestReturn', 'ApproveReply', 'RecordVisit', 'Reopen')
        UNION ALL
        SELECT {UrgeColumnsFragment}
        FROM Escalation x
        JOIN Ticket t ON t.Id = x.TicketId
        WHERE x.RaisedUtc >= @FromUtc AND x.RaisedUtc < @ToUtc AND {UrgesFragment}
        """;

    /// <summary>
    /// The department events of a time range counted in the database, by department and action (approved replies also by the
    /// local dates of dispatch and reply, with <c>@OffsetMinutes</c>): a period recomputed from raw data, and a day of the
    /// rebuild, in one pass over the log, with no ticket read (a receipt carries its repeat flag). The rows are read by
    /// their key between @FromId and @ToId (<see cref="SelectEventIdsBetween"/>: keys are time-ordered, so that is the period's
    /// stretch of the table, read in order), about three times cheaper than a row lookup per entry of IX_TicketEvent_OccurredUtc. The rules are MetricDefinitions' own (its *Sql constants); C# folds the few groups with Contribution(MetricGroup).
    /// </summary>
    public static string SelectGroupedBetween(ISqlDialect dialect) => $"""
        SELECT g.DepartmentId, g.Action, g.StartDay, g.ReplyDay, COUNT(*) AS Count, SUM(g.Lead) AS Lead, SUM(g.OnTime) AS OnTime,
            SUM(g.Satisfied) AS Satisfied, SUM(g.Resolved) AS Resolved, SUM(g.Repeated) AS Repeated
        FROM (
            SELECT e.DepartmentId, e.Action,
                CASE WHEN e.Action = 'ApproveReply' AND e.StartedUtc IS NOT NULL THEN {dialect.LocalDate("e.StartedUtc")} END AS StartDay,
                CASE WHEN e.Action = 'ApproveReply' AND e.StartedUtc IS NOT NULL THEN {dialect.LocalDate("COALESCE(e.DoneUtc, e.OccurredUtc)")} END AS ReplyDay,
                CASE WHEN e.Action = 'Sign' AND {MetricDefinitions.LeadSignSql} THEN 1 ELSE 0 END AS Lead,
                CASE WHEN e.Action = 'Sign' AND {MetricDefinitions.LeadSignSql} AND {MetricDefinitions.SignedOnTimeSql} THEN 1
                    WHEN e.Action = 'ApproveReply' AND {MetricDefinitions.CompletedOnTimeSql} THEN 1 ELSE 0 END AS OnTime,
                CASE WHEN e.Action = 'RecordVisit' AND {MetricDefinitions.SatisfiedSql} THEN 1 ELSE 0 END AS Satisfied,
                CASE WHEN e.Action = 'RecordVisit' AND {MetricDefinitions.ResolvedSql} THEN 1 ELSE 0 END AS Resolved,
                CASE WHEN e.Action IN ('Dispatch', 'ApproveReturn') AND e.IsRepeat = 1 THEN 1 ELSE 0 END AS Repeated
            FROM TicketEvent e {dialect.ByKeyHint}
            WHERE e.Id >= @FromId AND e.Id <= @ToId AND e.OccurredUtc >= @FromUtc AND e.OccurredUtc < @ToUtc AND e.DepartmentId IS NOT NULL
                AND e.Action IN ('Dispatch', 'ApproveReturn', 'Sign', 'RequestReturn', 'ApproveReply', 'RecordVisit', 'Reopen')) g
        GROUP BY g.DepartmentId, g.Action, g.StartDay, g.ReplyDay
        """;

    /// <summary>The first and last keys of the events of a time range (IX_TicketEvent_OccurredUtc alone).</summary>
    public const string SelectEventIdsBetween = """
        SELECT MIN(Id) AS FromId, MAX(Id) AS ToId FROM TicketEvent WHERE OccurredUtc >= @FromUtc AND OccurredUtc < @ToUtc
        """;

    /// <summary>
    /// The urges (red handle escalations) by local day (<c>@OffsetMinutes</c>) and department, as <see cref="SelectGroupedBetween"/>
    /// counts events: one pass over the escalations (the sweep writes them; no index of theirs is added for this).
    /// </summary>
    public static string SelectUrgesByDayBetween(ISqlDialect dialect) => $"""
        SELECT u.Day, u.DepartmentId, 'Escalate' AS Action, COUNT(*) AS Count
        FROM (
            SELECT {dialect.LocalDate("x.RaisedUtc")} AS Day, x.DepartmentId
            FROM Escalation x
            WHERE x.RaisedUtc >= @FromUtc AND x.RaisedUtc < @ToUtc AND x.DepartmentId IS NOT NULL AND {UrgesFragment}) u
        GROUP BY u.Day, u.DepartmentId
        """;

    /// <summary>The urges (red handle escalations) of a time range by department, as <see cref="SelectGroupedBetween"/> counts events.</summary>
    public const string SelectUrgesBetween = $"""
        SELECT x.DepartmentId, 'Escalate' AS Action, COUNT(*) AS Count
        FROM Escalation x
        WHERE x.RaisedUtc >= @FromUtc AND x.RaisedUtc < @ToUtc AND x.DepartmentId IS NOT NULL AND {UrgesFragment}
        GROUP BY x.DepartmentId
        """;

    /// <summary>Intake events of a time range (read by key as <see cref="SelectGroupedBetween"/>) by the ticket's category and area: a day of the rebuild.</summary>
    public static string SelectIntakeEventsBetween(ISqlDialect dialect) => $"""
        SELECT t.CategoryId, COALESCE(t.AreaId, 0) AS AreaId, COUNT(*) AS Received
        FROM TicketEvent e {dialect.ByKeyHint}
        JOIN Ticket t ON t.Id = e.TicketId
        WHERE e.Id >= @FromId AND e.Id <= @ToId AND e.OccurredUtc >= @FromUtc AND e.OccurredUtc < @ToUtc AND e.Action IN ('Register', 'AnswerDirectly')
        GROUP BY t.CategoryId, COALESCE(t.AreaId, 0)
        """;

    /// <summary>The first and last instants of the log and the urges: the days a rebuild goes through.</summary>
    public const string SelectLogSpan = $"""
        SELECT MIN(u.FirstUtc) AS FirstUtc, MAX(u.LastUtc) AS LastUtc FROM (
            SELECT MIN(OccurredUtc) AS FirstUtc, MAX(OccurredUtc) AS LastUtc FROM TicketEvent
            UNION ALL
            SELECT MIN(x.RaisedUtc), MAX(x.RaisedUtc) FROM Escalation x WHERE {UrgesFragment}) u
        """;

    /// <summary>Intake of a time range from the tickets themselves (IX_Ticket_CreatedUtc_CategoryId_AreaId, the index alone): hot issues recomputed from raw data.</summary>
    public const string IntakeBetween = """
        SELECT CategoryId, COALESCE(AreaId, 0) AS AreaId, COUNT(*) AS Received
        FROM Ticket
        WHERE CreatedUtc >= @FromUtc AND CreatedUtc < @ToUtc
        GROUP BY CategoryId, COALESCE(AreaId, 0)
        """;

    /// <summary>The events of one ticket: a screened ticket's contributions.</summary>
    public const string SelectTicketEvents = $"""
        SELECT {EventColumnsFragment}
        FROM TicketEvent e
        JOIN Ticket t ON t.Id = e.TicketId
        WHERE e.TicketId = @TicketId AND e.Action IN {ActionsFragment}
        UNION ALL
        SELECT {UrgeColumnsFragment}
        FROM Escalation x
        JOIN Ticket t ON t.Id = x.TicketId
        WHERE x.TicketId = @TicketId AND {UrgesFragment}
        """;

    public const string AddDaily = """
        UPDATE MetricDaily SET Received = Received + @Received, Repeated = Repeated + @Repeated, Signed = Signed + @Signed,
            SignedOnTime = SignedOnTime + @SignedOnTime, Returned = Returned + @Returned, Completed = Completed + @Completed,
            CompletedOnTime = CompletedOnTime + @CompletedOnTime, HandlingDays = HandlingDays + @HandlingDays, Visited = Visited + @Visited,
            Satisfied = Satisfied + @Satisfied, Resolved = Resolved + @Resolved, Reopened = Reopened + @Reopened, Overdue = Overdue + @Overdue
        WHERE Day = @Day AND DepartmentId = @DepartmentId
        """;

    public const string InsertDaily = """
        INSERT INTO MetricDaily (Day, DepartmentId, Received, Repeated, Signed, SignedOnTime, Returned, Completed, CompletedOnTime,
            HandlingDays, Visited, Satisfied, Resolved, Reopened, Overdue)
        VALUES (@Day, @DepartmentId, @Received, @Repeated, @Signed, @SignedOnTime, @Returned, @Completed, @CompletedOnTime,
            @HandlingDays, @Visited, @Satisfied, @Resolved, @Reopened, @Overdue)
        """;

    public const string AddIntake = "UPDATE IntakeDaily SET Received = Received + @Received WHERE Day = @Day AND CategoryId = @CategoryId AND AreaId = @AreaId";

    public const string InsertIntake = "INSERT INTO IntakeDaily (Day, CategoryId, AreaId, Received) VALUES (@Day, @CategoryId, @AreaId, @Received)";

    public const string DeleteDaily = "DELETE FROM MetricDaily";

    public const string DeleteIntake = "DELETE FROM IntakeDaily";

    public const string SumDaily = """
        SELECT DepartmentId, SUM(Received) AS Received, SUM(Repeated) AS Repeated, SUM(Signed) AS Signed, SUM(SignedOnTime) AS SignedOnTime,
            SUM(Returned) AS Returned, SUM(Completed) AS Completed, SUM(CompletedOnTime) AS CompletedOnTime, SUM(HandlingDays) AS HandlingDays,
            SUM(Visited) AS Visited, SUM(Satisfied) AS Satisfied, SUM(Resolved) AS Resolved, SUM(Reopened) AS Reopened, SUM(Overdue) AS Overdue
        FROM MetricDaily
        WHERE Day >= @FromDay AND Day <= @ToDay
        GROUP BY DepartmentId
        """;

    public const string SumSatisfactionByDay = """
        SELECT Day, SUM(Visited) AS Visited, SUM(Satisfied) AS Satisfied
        FROM MetricDaily
        WHERE Day >= @FromDay AND Day <= @ToDay
        GROUP BY Day
        """;

    public const string SumIntake = """
        SELECT CategoryId, AreaId, SUM(Received) AS Received
        FROM IntakeDaily
        WHERE Day >= @FromDay AND Day <= @ToDay
        GROUP BY CategoryId, AreaId
        """;

    public const string SelectAllDaily = """
        SELECT Day, DepartmentId, Received, Repeated, Signed, SignedOnTime, Returned, Completed, CompletedOnTime, HandlingDays,
            Visited, Satisfied, Resolved, Reopened, Overdue
        FROM MetricDaily ORDER BY Day, DepartmentId
        """;

    public const string SelectAllIntake = "SELECT Day, CategoryId, AreaId, Received FROM IntakeDaily ORDER BY Day, CategoryId, AreaId";

    // Screening (甄别).
    public const string InsertScreening = """
        INSERT INTO MetricScreening (Id, TicketId, DepartmentId, Reason, CreatedByUserId, CreatedUtc)
        VALUES (@Id, @TicketId, @DepartmentId, @Reason, @CreatedByUserId, @NowUtc)
        """;

    public const string CountActiveScreening = """
        SELECT COUNT(*) FROM MetricScreening WHERE TicketId = @TicketId AND DepartmentId = @DepartmentId AND RevokedUtc IS NULL
        """;

    public const string CountTicketDepartment = "SELECT COUNT(*) FROM TicketDepartment WHERE TicketId = @TicketId AND DepartmentId = @DepartmentId";

    public const string RevokeScreening = """
        UPDATE MetricScreening SET RevokedByUserId = @UserId, RevokedUtc = @NowUtc, RevokeReason = @Reason
        WHERE Id = @Id AND RevokedUtc IS NULL
        """;

    private const string ScreeningColumnsFragment = """
        s.Id, s.TicketId, t.Number AS TicketNumber, t.Title AS TicketTitle, s.DepartmentId, d.Name AS DepartmentName, s.Reason,
        s.CreatedByUserId, cu.DisplayName AS CreatedByName, s.CreatedUtc, s.RevokedByUserId, ru.DisplayName AS RevokedByName,
        s.RevokedUtc, s.RevokeReason
        FROM MetricScreening s
        JOIN Ticket t ON t.Id = s.TicketId
        JOIN Department d ON d.Id = s.DepartmentId
        JOIN AppUser cu ON cu.Id = s.CreatedByUserId
        LEFT JOIN AppUser ru ON ru.Id = s.RevokedByUserId
        """;

    public const string SelectScreenings = $"SELECT {ScreeningColumnsFragment} ORDER BY s.CreatedUtc DESC, s.Id DESC";

    public const string SelectScreening = $"SELECT {ScreeningColumnsFragment} WHERE s.Id = @Id";

    public const string SelectActiveScreenings = "SELECT TicketId, DepartmentId FROM MetricScreening WHERE RevokedUtc IS NULL";

    // Bulletins (每月通报).
    public const string NextBulletinVersion = "SELECT COALESCE(MAX(Version), 0) + 1 FROM Bulletin WHERE Month = @Month";

    public const string CountJobBulletins = "SELECT COUNT(*) FROM Bulletin WHERE Month = @Month AND Source = 'Job'";

    public const string InsertBulletin = """
        INSERT INTO Bulletin (Id, Month, Version, Source, GeneratedByUserId, GeneratedUtc, Content)
        VALUES (@Id, @Month, @Version, @Source, @GeneratedByUserId, @NowUtc, @Content)
        """;

    public const string SelectBulletins = """
        SELECT b.Id, b.Month, b.Version, b.Source, b.GeneratedByUserId, u.DisplayName AS GeneratedByName, b.GeneratedUtc
        FROM Bulletin b LEFT JOIN AppUser u ON u.Id = b.GeneratedByUserId
        ORDER BY b.Month DESC, b.Version DESC
        """;

    public const string SelectBulletinContent = "SELECT Content FROM Bulletin WHERE Id = @Id";

    // Dashboards: today's intake and the open tickets (index ranges on the ticket table; never a month of it).
    public const string TodayByChannel = """
        SELECT Channel AS Name, COUNT(*) AS Count FROM Ticket WHERE CreatedUtc >= @FromUtc AND CreatedUtc < @ToUtc GROUP BY Channel
        """;

    public const string OpenByStatus = """
        SELECT Status AS Name, COUNT(*) AS Count FROM Ticket
        WHERE Status IN ('PendingDispatch', 'PendingSign', 'ReturnRequested', 'InProgress', 'PendingReview', 'PendingVisit')
        GROUP BY Status
        """;

    public const string OverdueByDepartment = """
        SELECT LeadDepartmentId AS DepartmentId, COUNT(*) AS Count FROM Ticket
        WHERE Status IN ('PendingSign', 'ReturnRequested', 'InProgress') AND HandleDueUtc < @NowUtc AND LeadDepartmentId IS NOT NULL
        GROUP BY LeadDepartmentId
        """;

    public static IEnumerable<string> Samples(ISqlDialect dialect)
    {
        yield return SelectFeedAfter(dialect, 5000);
        yield return SelectEventsAfterId(dialect, 5000);
    }
}
