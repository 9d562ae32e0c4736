using System.Text;
using Hotline.Core.Data;
using Hotline.Core.Metrics;

namespace Hotline.Core.Tickets;

/// <summary>The ticket feature's SQL, written once in the subset SQLite and SQL Server share.</summary>
internal static class TicketSql
{
    private const string SummaryColumnsFragment = """
        t.Id, t.Number, t.Status, t.Channel, t.AppealType, t.Urgency, t.CategoryId, c.Name AS CategoryName,
        t.AreaId, a.Name AS AreaName, t.Title, t.LeadDepartmentId, d.Name AS LeadDepartmentName,
        t.CreatedUtc, t.UpdatedUtc, t.DispatchedUtc, t.Version,
        t.SignDueUtc, t.SignWarnUtc, t.HandleDueUtc, t.HandleWarnUtc, t.VisitDueUtc, t.VisitWarnUtc, t.DeadlineEstimated
        """;

    private const string SummaryJoinsFragment = """
        FROM Ticket t
        JOIN Category c ON c.Id = t.CategoryId
        LEFT JOIN Area a ON a.Id = t.AreaId
        LEFT JOIN Department d ON d.Id = t.LeadDepartmentId
        """;

    /// <summary>
    /// A new ticket, in the state its registration leaves it: dispatched with its clocks started, routed, or attached to a
    /// master. One INSERT instead of an INSERT and an UPDATE per step, each of which touched the status indexes again.
    /// </summary>
    public const string Insert = """
        INSERT INTO Ticket (Id, Number, Status, Channel, AppealType, Urgency, CategoryId, AreaId, Address, AddressKey, Title, Content,
            CallerName, CallerPhone, IsConfidential, CallId, Answer, CreatedByUserId, CreatedUtc, UpdatedUtc, ClosedUtc, Version,
            LeadDepartmentId, DispatchedUtc, PolicyId, SignDueUtc, SignWarnUtc, HandleDueUtc, HandleWarnUtc, SuperviseUtc, DeadlineEstimated,
            RoutingVersion, RoutingRuleId, RoutingExplanation, MasterTicketId)
        VALUES (@Id, @Number, @Status, @Channel, @AppealType, @Urgency, @CategoryId, @AreaId, @Address, @AddressKey, @Title, @Content,
            @CallerName, @CallerPhone, @IsConfidential, @CallId, @Answer, @CreatedByUserId, @NowUtc, @NowUtc, @ClosedUtc, @Version,
            @LeadDepartmentId, @DispatchedUtc, @PolicyId, @SignDueUtc, @SignWarnUtc, @HandleDueUtc, @HandleWarnUtc, @SuperviseUtc, @DeadlineEstimated,
            @RoutingVersion, @RoutingRuleId, @RoutingExplanation, @MasterTicketId)
        """;

    /// <summary>A timeline entry; a receipt (Dispatch, ApproveReturn) also records whether the appeal repeats, for the figures.</summary>
    public static string InsertEvent(ISqlDialect dialect) => $"""
        INSERT INTO TicketEvent (Id, TicketId, Action, FromStatus, ToStatus, ActorUserId, ActorRole, DepartmentId, Reason, Detail, OccurredUtc, IsRepeat)
        SELECT @Id, @TicketId, @Action, @FromStatus, @ToStatus, @ActorUserId, @ActorRole, @DepartmentId, @Reason, @Detail, @NowUtc,
            CASE WHEN @Action IN ('Dispatch', 'ApproveReturn') THEN ({MetricDefinitions.RepeatAppealSql(dialect, "@TicketId")}) END
        """;

    public const string InsertAssignment = """
        INSERT INTO TicketDepartment (Id, TicketId, DepartmentId, Role, SignState, IsActive, AssignedUtc)
        VALUES (@Id, @TicketId, @DepartmentId, @Role, 'Pending', 1, @NowUtc)
        """;

    /// <summary>The concurrency guard of every transition: only the version the user saw may move on.</summary>
    public const string AdvanceVersion = """
        UPDATE Ticket SET Status = @Status, Version = Version + 1, UpdatedUtc = @NowUtc
        WHERE Id = @Id AND Version = @Version
        """;

    public const string SetDispatched = "UPDATE Ticket SET LeadDepartmentId = @LeadDepartmentId, DispatchedUtc = @NowUtc WHERE Id = @Id";

    public const string SetReply = "UPDATE Ticket SET ReplyResult = @ReplyResult, ReplyResolved = @ReplyResolved, RepliedUtc = @NowUtc WHERE Id = @Id";

    public const string SetVisit = """
        UPDATE Ticket SET Satisfaction = @Satisfaction, VisitResolved = @VisitResolved, VisitComment = @VisitComment, ClosedUtc = @ClosedUtc
        WHERE Id = @Id
        """;

    public const string SetClosedUtc = "UPDATE Ticket SET ClosedUtc = @ClosedUtc WHERE Id = @Id";

    /// <summary>Ends the current assignments (approved return, re-dispatch, withdrawal).</summary>
    public const string EndAssignments = """
        UPDATE TicketDepartment SET IsActive = 0, SignState = CASE WHEN SignState = 'Pending' THEN @SignState ELSE SignState END
        WHERE TicketId = @TicketId AND IsActive = 1
        """;

    public const string MarkReturned = "UPDATE TicketDepartment SET SignState = 'Returned' WHERE TicketId = @TicketId AND IsActive = 1 AND Role = 'Lead'";

    public const string Sign = """
        UPDATE TicketDepartment SET SignState = 'Signed', SignedUtc = @NowUtc, SignedByUserId = @UserId
        WHERE TicketId = @TicketId AND DepartmentId = @DepartmentId AND Role = @Role AND IsActive = 1 AND SignState = 'Pending'
        """;

    /// <summary>After a rejected return the same lead department signs again.</summary>
    public const string ResetLeadSign = """
        UPDATE TicketDepartment SET SignState = 'Pending', SignedUtc = NULL, SignedByUserId = NULL
        WHERE TicketId = @TicketId AND IsActive = 1 AND Role = 'Lead'
        """;

    public const string SelectState = """
        SELECT Id, Status, Version, Satisfaction, LeadDepartmentId, AppealType, Urgency, HandleDueUtc FROM Ticket WHERE Id = @Id
        """;

    public const string SelectAssignmentFacts = """
        SELECT DepartmentId, Role, SignState, IsActive FROM TicketDepartment WHERE TicketId = @TicketId
        """;

    public const string CountReturnsByDepartment = """
        SELECT COUNT(*) FROM TicketEvent WHERE TicketId = @TicketId AND Action = 'RequestReturn' AND DepartmentId = @DepartmentId
        """;

    public const string SelectIdByNumber = "SELECT Id FROM Ticket WHERE Number = @Number";

    public const string SelectDetail = $"""
        SELECT t.Id, t.Number, t.Status, t.Channel, t.AppealType, t.Urgency, t.CategoryId, c.Name AS CategoryName,
            t.AreaId, a.Name AS AreaName, t.Address, t.Title, t.Content, t.CallerName, t.CallerPhone, t.IsConfidential,
            t.CallId, t.Answer, t.LeadDepartmentId, d.Name AS LeadDepartmentName, t.ReplyResult, t.ReplyResolved,
            t.Satisfaction, t.VisitResolved, t.VisitComment, t.CreatedByUserId, t.CreatedUtc, t.UpdatedUtc,
            t.DispatchedUtc, t.RepliedUtc, t.ClosedUtc, t.Version,
            t.SignDueUtc, t.SignWarnUtc, t.HandleDueUtc, t.HandleWarnUtc, t.VisitDueUtc, t.VisitWarnUtc, t.DeadlineEstimated, t.PolicyId
        {SummaryJoinsFragment}
        WHERE t.Id = @Id
        """;

    public const string SelectAssignments = """
        SELECT td.Id, td.DepartmentId, dp.Name AS DepartmentName, td.Role, td.SignState, td.IsActive, td.AssignedUtc, td.SignedUtc
        FROM TicketDepartment td
        JOIN Department dp ON dp.Id = td.DepartmentId
        WHERE td.TicketId = @Id
        ORDER BY td.Id
        """;

    public const string SelectEvents = """
        SELECT e.Id, e.Action, e.FromStatus, e.ToStatus, e.ActorUserId, u.DisplayName AS ActorName, e.ActorRole,
            e.DepartmentId, dp.Name AS DepartmentName, e.Reason, e.Detail, e.OccurredUtc
        FROM TicketEvent e
        JOIN AppUser u ON u.Id = e.ActorUserId
        LEFT JOIN Department dp ON dp.Id = e.DepartmentId
        WHERE e.TicketId = @Id
        ORDER BY e.Id
        """;

    public const string SetSignClock = """
        UPDATE Ticket SET PolicyId = @PolicyId, SignDueUtc = @DueUtc, SignWarnUtc = @WarnUtc,
            DeadlineEstimated = CASE WHEN @Estimated = 1 THEN 1 ELSE DeadlineEstimated END
        WHERE Id = @Id
        """;

    public const string SetHandleClock = """
        UPDATE Ticket SET PolicyId = @PolicyId, HandleDueUtc = @DueUtc, HandleWarnUtc = @WarnUtc, SuperviseUtc = @SuperviseUtc,
            DeadlineEstimated = CASE WHEN @Estimated = 1 THEN 1 ELSE DeadlineEstimated END
        WHERE Id = @Id
        """;

    public const string SetVisitClock = """
        UPDATE Ticket SET PolicyId = @PolicyId, VisitDueUtc = @DueUtc, VisitWarnUtc = @WarnUtc,
            DeadlineEstimated = CASE WHEN @Estimated = 1 THEN 1 ELSE DeadlineEstimated END
        WHERE Id = @Id
        """;

    public const string InsertExtension = """
        INSERT INTO ExtensionRequest (Id, TicketId, DepartmentId, RequestedByUserId, WorkingDays, Reason, Status, RequestedUtc, OldDueUtc)
        VALUES (@Id, @TicketId, @DepartmentId, @RequestedByUserId, @WorkingDays, @Reason, 'Pending', @NowUtc, @OldDueUtc)
        """;

    public const string SelectPendingExtension = """
        SELECT Id, DepartmentId, WorkingDays, OldDueUtc FROM ExtensionRequest WHERE TicketId = @TicketId AND Status = 'Pending'
        """;

    public const string DecideExtension = """
        UPDATE ExtensionRequest SET Status = @Status, DecidedByUserId = @DecidedByUserId, DecidedUtc = @NowUtc,
            DecisionReason = @DecisionReason, NewDueUtc = @NewDueUtc
        WHERE Id = @Id AND Status = 'Pending'
        """;

    public const string CountExtensions = """
        SELECT COALESCE(SUM(CASE WHEN Status = 'Pending' THEN 1 ELSE 0 END), 0) AS Pending,
            COALESCE(SUM(CASE WHEN Status = 'Approved' THEN 1 ELSE 0 END), 0) AS Approved
        FROM ExtensionRequest WHERE TicketId = @TicketId
        """;

    public const string SelectExtensions = """
        SELECT x.Id, x.DepartmentId, d.Name AS DepartmentName, x.RequestedByUserId, r.DisplayName AS RequestedByName, x.WorkingDays,
            x.Reason, x.Status, x.RequestedUtc, x.DecidedByUserId, u.DisplayName AS DecidedByName, x.DecidedUtc, x.DecisionReason,
            x.OldDueUtc, x.NewDueUtc
        FROM ExtensionRequest x
        JOIN Department d ON d.Id = x.DepartmentId
        JOIN AppUser r ON r.Id = x.RequestedByUserId
        LEFT JOIN AppUser u ON u.Id = x.DecidedByUserId
        WHERE x.TicketId = @Id
        ORDER BY x.Id
        """;

    public const string InsertPersonalDataAccess = """
        INSERT INTO PersonalDataAccess (Id, TicketId, UserId, Purpose, Subject, AccessedUtc)
        VALUES (@Id, @TicketId, @UserId, @Purpose, @Subject, @NowUtc)
        """;

    public const string CountActiveDepartments = "SELECT COUNT(*) FROM Department WHERE Id = @Id AND IsActive = 1";

    public const string CountActiveCategories = "SELECT COUNT(*) FROM Category WHERE Id = @Id AND IsActive = 1";

    public const string CountActiveAreas = "SELECT COUNT(*) FROM Area WHERE Id = @Id AND IsActive = 1";

    public static string CallerHistory(ISqlDialect dialect) => $"""
        SELECT {dialect.Top(50)} {SummaryColumnsFragment},
            t.ReplyResolved, t.ReplyResult, t.Satisfaction, t.VisitResolved, t.MasterTicketId, t.IsDifficult, t.UnsatisfiedVisits
        {SummaryJoinsFragment}
        WHERE t.CallerPhone = @Phone
        ORDER BY t.CreatedUtc DESC, t.Id DESC
        {dialect.Limit(50)}
        """;

    private static readonly Dictionary<string, string> SortColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["createdUtc"] = "t.CreatedUtc",
        ["updatedUtc"] = "t.UpdatedUtc",
        ["number"] = "t.Number",
        ["status"] = "t.Status",
        ["urgency"] = "t.Urgency",
    };

    public static bool IsSortable(string sort) => SortColumns.ContainsKey(sort);

    /// <summary>The WHERE clause of a ticket list; parameter names match <see cref="TicketQueries"/>.</summary>
    public static string ListWhere(TicketListFilter filter, bool scopedToDepartment)
    {
        var where = new StringBuilder("WHERE 1 = 1");
        if (scopedToDepartment)
        {
            where.Append(" AND EXISTS (SELECT 1 FROM TicketDepartment s WHERE s.TicketId = t.Id AND s.DepartmentId = @ScopeDepartmentId AND s.IsActive = 1)");
        }

        if (filter.Statuses.Count > 0)
        {
            where.Append(" AND t.Status IN (").AppendJoin(", ", filter.Statuses.Select((_, i) => $"@Status{i}")).Append(')');
        }

        if (filter.DepartmentId is not null)
        {
            where.Append(" AND EXISTS (SELECT 1 FROM TicketDepartment f WHERE f.TicketId = t.Id AND f.DepartmentId = @DepartmentId AND f.IsActive = 1)");
        }

        if (filter.AppealType is not null)
        {
            where.Append(" AND t.AppealType = @AppealType");
        }

        if (filter.Urgency is not null)
        {
            where.Append(" AND t.Urgency = @Urgency");
        }

        if (filter.Channel is not null)
        {
            where.Append(" AND t.Channel = @Channel");
        }

        if (filter.FromUtc is not null)
        {
            where.Append(" AND t.CreatedUtc >= @FromUtc");
        }

        if (filter.ToUtc is not null)
        {
            where.Append(" AND t.CreatedUtc < @ToUtc");
        }

        if (!string.IsNullOrWhiteSpace(filter.Number))
        {
            where.Append(" AND t.Number LIKE @Number ESCAPE '\\'");
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            where.Append(" AND (t.Title LIKE @Text ESCAPE '\\' OR t.Content LIKE @Text ESCAPE '\\')");
        }

        if (filter.PendingExtension is { } pending)
        {
            where.Append(pending ? " AND EXISTS" : " AND NOT EXISTS")
                .Append(" (SELECT 1 FROM ExtensionRequest x WHERE x.TicketId = t.Id AND x.Status = 'Pending')");
        }

        return where.ToString();
    }

    public static string List(ISqlDialect dialect, TicketListFilter filter, bool scopedToDepartment)
    {
        var sort = SortColumns.GetValueOrDefault(filter.Sort, "t.CreatedUtc");
        var direction = filter.Desc ? "DESC" : "ASC";
        return $"""
            SELECT {SummaryColumnsFragment}
            {SummaryJoinsFragment}
            {ListWhere(filter, scopedToDepartment)}
            ORDER BY {sort} {direction}, t.Id {direction}
            {dialect.Paging}
            """;
    }

    public static string Count(ISqlDialect dialect, TicketListFilter filter, bool scopedToDepartment) =>
        $"SELECT COUNT(*) FROM Ticket t {ListWhere(filter, scopedToDepartment)}";

    /// <summary>Representative renderings of the dynamic statements, for the T-SQL checks.</summary>
    public static IEnumerable<string> Samples(ISqlDialect dialect)
    {
        var everything = new TicketListFilter
        {
            Statuses = [TicketStatus.PendingSign, TicketStatus.InProgress],
            DepartmentId = 1, AppealType = Tickets.AppealType.Complaint, Urgency = Tickets.Urgency.Normal,
            Channel = Tickets.Channel.Phone, FromUtc = DateTime.UtcNow, ToUtc = DateTime.UtcNow, Number = "2026", Text = "噪音", PendingExtension = true,
        };
        foreach (var filter in new[] { new TicketListFilter(), everything, new TicketListFilter { PendingExtension = false } })
        {
            foreach (var scoped in new[] { false, true })
            {
                yield return List(dialect, filter, scoped);
                yield return Count(dialect, filter, scoped);
            }
        }

        foreach (var sort in SortColumns.Keys)
        {
            yield return List(dialect, new TicketListFilter { Sort = sort, Desc = false }, false);
        }
    }
}
