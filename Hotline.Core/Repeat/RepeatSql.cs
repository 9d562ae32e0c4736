using Hotline.Core.Data;

namespace Hotline.Core.Repeat;

/// <summary>The repeat-complaint feature's SQL: index-range lookups at intake, clusters, links and figures.</summary>
internal static class RepeatSql
{
    /// <summary>
    /// What scoring and clustering read of an earlier ticket: the keys it is compared on, all in each lookup's index
    /// (migration 0014), so a lookup reads index entries and never a ticket row. The text's bigrams come from
    /// <see cref="RepeatDetector"/>'s cache (<see cref="TextOf"/> for the tickets it has not seen); names and text for the
    /// few candidates shown (<see cref="CandidateDetails"/>).
    /// </summary>
    private const string CandidateColumnsFragment = """
        t.Id, t.CallerPhone, t.CategoryId, t.AreaId, t.AddressKey, t.CreatedUtc
        FROM Ticket t
        """;

    /// <summary>The caller's latest tickets: a range of IX_Ticket_CallerPhone_CreatedUtc.</summary>
    public static string ByCaller(ISqlDialect dialect, int limit) => $"""
        SELECT {dialect.Top(limit)} {CandidateColumnsFragment}
        WHERE t.CallerPhone = @Phone AND t.CreatedUtc >= @SinceUtc AND t.Id <> @ExcludeId
        ORDER BY t.CreatedUtc DESC
        {dialect.Limit(limit)}
        """;

    /// <summary>The same area and category: a range of IX_Ticket_AreaId_CategoryId_CreatedUtc.</summary>
    public static string ByArea(ISqlDialect dialect, int limit) => $"""
        SELECT {dialect.Top(limit)} {CandidateColumnsFragment}
        WHERE t.AreaId = @AreaId AND t.CategoryId = @CategoryId AND t.CreatedUtc >= @SinceUtc AND t.Id <> @ExcludeId
        ORDER BY t.CreatedUtc DESC
        {dialect.Limit(limit)}
        """;

    /// <summary>The same address (up to the house number) and category: a range of IX_Ticket_AddressKey_CategoryId_CreatedUtc.</summary>
    public static string ByAddress(ISqlDialect dialect, int limit) => $"""
        SELECT {dialect.Top(limit)} {CandidateColumnsFragment}
        WHERE t.AddressKey = @AddressKey AND t.CategoryId = @CategoryId AND t.CreatedUtc >= @SinceUtc AND t.Id <> @ExcludeId
        ORDER BY t.CreatedUtc DESC
        {dialect.Limit(limit)}
        """;

    /// <summary>What the agent sees of the candidates shown (<c>@Ids</c>: a JSON array of {"Id": n}).</summary>
    public static string CandidateDetails(ISqlDialect dialect) => $"""
        SELECT t.Id, t.Number, t.Status, t.Title, t.Content, t.Address, t.MasterTicketId, c.Name AS CategoryName, a.Name AS AreaName,
            t.LeadDepartmentId, d.Name AS LeadDepartmentName, t.Satisfaction
        FROM {dialect.JsonRows("@Ids", "j", ("Id", "BIGINT"))}
        JOIN Ticket t ON t.Id = j.Id
        JOIN Category c ON c.Id = t.CategoryId
        LEFT JOIN Area a ON a.Id = t.AreaId
        LEFT JOIN Department d ON d.Id = t.LeadDepartmentId
        """;

    /// <summary>The text of tickets (<c>@Ids</c> as above) whose bigrams are not cached yet.</summary>
    public static string TextOf(ISqlDialect dialect) => $"""
        SELECT t.Id, t.Title, t.Content, t.Address
        FROM {dialect.JsonRows("@Ids", "j", ("Id", "BIGINT"))}
        JOIN Ticket t ON t.Id = j.Id
        """;

    public static string FindActiveCluster(ISqlDialect dialect) => $"""
        SELECT {dialect.Top(1)} Id, Kind, Size, FirstUtc, LastUtc, WarnedUtc, AnchorTicketId FROM RepeatCluster {dialect.ClaimHint}
        WHERE ClusterKey = @ClusterKey AND LastUtc >= @SinceUtc
        ORDER BY LastUtc DESC
        {dialect.Limit(1)}
        """;

    public const string InsertCluster = """
        INSERT INTO RepeatCluster (Id, Kind, ClusterKey, CategoryId, AreaId, AddressKey, CallerPhone, Size, FirstUtc, LastUtc, AnchorTicketId, WarnedUtc, CreatedUtc, UpdatedUtc)
        VALUES (@Id, @Kind, @ClusterKey, @CategoryId, @AreaId, @AddressKey, @CallerPhone, 0, @FirstUtc, @LastUtc, @AnchorTicketId, NULL, @NowUtc, @NowUtc)
        """;

    /// <summary>Adds the tickets of <c>@Rows</c> (Id, TicketId, Evidence) the cluster does not hold yet, in one statement.</summary>
    public static string InsertMembers(ISqlDialect dialect) => $"""
        INSERT INTO RepeatClusterMember (Id, ClusterId, TicketId, JoinedUtc, Evidence)
        SELECT j.Id, @ClusterId, j.TicketId, @NowUtc, j.Evidence
        FROM {dialect.JsonRows("@Rows", "j", ("Id", "BIGINT"), ("TicketId", "BIGINT"), ("Evidence", "NVARCHAR(MAX)"))}
        WHERE NOT EXISTS (SELECT 1 FROM RepeatClusterMember m {dialect.ClaimHint} WHERE m.ClusterId = @ClusterId AND m.TicketId = j.TicketId)
        """;

    /// <summary>
    /// Grows the cluster by the members just added and the appeal times they span. Incremental, not recounted from the
    /// members: a busy place's cluster has thousands, and the single writer joins one with every registration there.
    /// </summary>
    public const string GrowCluster = """
        UPDATE RepeatCluster SET
            Size = Size + @Added,
            FirstUtc = CASE WHEN @FirstUtc < FirstUtc THEN @FirstUtc ELSE FirstUtc END,
            LastUtc = CASE WHEN @LastUtc > LastUtc THEN @LastUtc ELSE LastUtc END,
            UpdatedUtc = @NowUtc
        WHERE Id = @Id
        """;

    public const string CountMembersSince = """
        SELECT COUNT(*) FROM RepeatClusterMember m JOIN Ticket t ON t.Id = m.TicketId
        WHERE m.ClusterId = @Id AND t.CreatedUtc >= @SinceUtc
        """;

    public const string MarkWarned = "UPDATE RepeatCluster SET WarnedUtc = @NowUtc WHERE Id = @Id AND WarnedUtc IS NULL";

    public const string SelectAnchor = "SELECT Id, Status, LeadDepartmentId FROM Ticket WHERE Id = @Id";

    /// <summary>Clusters not yet warned that were active lately: the job re-checks their thresholds.</summary>
    public const string UnwarnedActiveClusters = """
        SELECT Id, Kind, Size, FirstUtc, LastUtc, WarnedUtc, AnchorTicketId FROM RepeatCluster
        WHERE LastUtc >= @SinceUtc AND WarnedUtc IS NULL AND Size >= @MinSize
        """;

    /// <summary>Tickets registered since the job's last run: the intake path clustered them already, the job makes sure.</summary>
    public const string RegisteredSince = """
        SELECT Id, CallerPhone, CategoryId, AreaId, Address, Title, Content, CreatedUtc FROM Ticket
        WHERE CreatedUtc > @SinceUtc AND CreatedUtc <= @NowUtc
        ORDER BY CreatedUtc
        """;

    // ------------------------------------------------------------------------------------------------ board and detail

    private const string ClusterColumnsFragment = """
        r.Id, r.Kind, r.CategoryId, c.Name AS CategoryName, r.AreaId, a.Name AS AreaName, r.AddressKey, r.CallerPhone, r.Size,
        r.FirstUtc, r.LastUtc, r.WarnedUtc, r.AnchorTicketId, t.Number AS AnchorNumber, t.Title AS AnchorTitle,
        (SELECT COUNT(*) FROM RepeatClusterMember m JOIN Ticket x ON x.Id = m.TicketId WHERE m.ClusterId = r.Id AND x.MasterTicketId IS NULL) AS Matters,
        (SELECT COUNT(*) FROM RepeatClusterMember m JOIN Ticket x ON x.Id = m.TicketId
            WHERE m.ClusterId = r.Id AND x.Status IN ('PendingDispatch', 'PendingSign', 'ReturnRequested', 'InProgress', 'PendingReview', 'PendingVisit', 'Merged')) AS OpenCount,
        (SELECT COALESCE(SUM(x.UnsatisfiedVisits), 0) FROM RepeatClusterMember m JOIN Ticket x ON x.Id = m.TicketId WHERE m.ClusterId = r.Id) AS Unsatisfied
        FROM RepeatCluster r
        JOIN Category c ON c.Id = r.CategoryId
        LEFT JOIN Area a ON a.Id = r.AreaId
        JOIN Ticket t ON t.Id = r.AnchorTicketId
        """;

    public static string ListWhere(ClusterFilter f)
    {
        var where = "WHERE r.Size >= @MinSize AND r.LastUtc >= @FromUtc AND r.FirstUtc < @ToUtc";
        return f.Kind is null ? where : where + " AND r.Kind = @Kind";
    }

    public static string List(ISqlDialect dialect, ClusterFilter f) =>
        $"SELECT {ClusterColumnsFragment} {ListWhere(f)} ORDER BY r.Size DESC, r.LastUtc DESC, r.Id DESC {dialect.Paging}";

    public static string Count(ISqlDialect dialect, ClusterFilter f) => $"SELECT COUNT(*) FROM RepeatCluster r {ListWhere(f)}";

    public const string SelectCluster = $"SELECT {ClusterColumnsFragment} WHERE r.Id = @Id";

    private static readonly (string Name, string Type)[] IdColumns = [("Id", "BIGINT")];

    /// <summary>The lead departments of the members of the clusters in <c>@Rows</c> (JSON array of {Id}).</summary>
    public static string DepartmentsOf(ISqlDialect dialect) => $"""
        SELECT DISTINCT m.ClusterId, d.Name FROM {dialect.JsonRows("@Rows", "j", IdColumns)}
        JOIN RepeatClusterMember m ON m.ClusterId = j.Id
        JOIN Ticket x ON x.Id = m.TicketId
        JOIN Department d ON d.Id = x.LeadDepartmentId
        """;

    public const string SelectMembers = """
        SELECT m.TicketId, t.Number, t.Status, t.Title, t.CallerPhone, t.Address, a.Name AS AreaName, t.LeadDepartmentId,
            d.Name AS LeadDepartmentName, t.ReplyResolved, t.ReplyResult, t.Satisfaction, t.UnsatisfiedVisits, t.IsDifficult,
            t.MasterTicketId, t.CreatedUtc, m.JoinedUtc, m.Evidence
        FROM RepeatClusterMember m
        JOIN Ticket t ON t.Id = m.TicketId
        LEFT JOIN Area a ON a.Id = t.AreaId
        LEFT JOIN Department d ON d.Id = t.LeadDepartmentId
        WHERE m.ClusterId = @Id
        ORDER BY t.CreatedUtc, t.Id
        """;

    public const string Figures = """
        SELECT COUNT(*) AS Appeals,
            COALESCE(SUM(CASE WHEN MasterTicketId IS NULL THEN 1 ELSE 0 END), 0) AS Matters,
            COALESCE(SUM(CASE WHEN MasterTicketId IS NULL THEN 0 ELSE 1 END), 0) AS Children
        FROM Ticket WHERE CreatedUtc >= @FromUtc AND CreatedUtc < @ToUtc
        """;

    public const string CountActiveClusters = """
        SELECT COUNT(*) FROM RepeatCluster WHERE Size >= 2 AND LastUtc >= @FromUtc AND FirstUtc < @ToUtc
        """;

    public const string CountRepeatAppeals = """
        SELECT COUNT(DISTINCT m.TicketId) FROM RepeatClusterMember m JOIN Ticket t ON t.Id = m.TicketId
        WHERE t.CreatedUtc >= @FromUtc AND t.CreatedUtc < @ToUtc
        """;

    // ------------------------------------------------------------------------------------------------ links and children

    public const string SelectRepeatState = """
        SELECT t.Id AS TicketId, t.MasterTicketId, m.Number AS MasterNumber, t.IsDifficult, t.UnsatisfiedVisits, t.LeadDepartmentId
        FROM Ticket t LEFT JOIN Ticket m ON m.Id = t.MasterTicketId
        WHERE t.Id = @Id
        """;

    public const string SelectAssignedDepartments = "SELECT DepartmentId FROM TicketDepartment WHERE TicketId = @Id AND IsActive = 1";

    public const string SelectChildren = """
        SELECT t.Id AS TicketId, t.Number, t.Status, t.Title, t.Content, t.CallerName, t.CallerPhone, t.AppealType, t.Satisfaction, t.CreatedUtc
        FROM Ticket t WHERE t.MasterTicketId = @Id
        ORDER BY t.CreatedUtc, t.Id
        """;

    public const string SelectLinks = """
        SELECT l.Id, l.TicketId, a.Number AS TicketNumber, l.LinkedTicketId, b.Number AS LinkedNumber, l.Kind, l.Score, l.Reason,
            u.DisplayName AS CreatedByName, l.CreatedUtc
        FROM TicketLink l
        JOIN Ticket a ON a.Id = l.TicketId
        JOIN Ticket b ON b.Id = l.LinkedTicketId
        LEFT JOIN AppUser u ON u.Id = l.CreatedByUserId
        WHERE l.TicketId = @Id OR l.LinkedTicketId = @Id
        ORDER BY l.CreatedUtc, l.Id
        """;

    public const string SelectClusterIdsOfTicket = "SELECT ClusterId FROM RepeatClusterMember WHERE TicketId = @Id ORDER BY ClusterId";

    public static IEnumerable<string> Samples(ISqlDialect dialect)
    {
        yield return ByCaller(dialect, 50);
        yield return ByArea(dialect, 150);
        yield return ByAddress(dialect, 150);
        yield return CandidateDetails(dialect);
        yield return TextOf(dialect);
        foreach (var f in new[] { new ClusterFilter(), new ClusterFilter { Kind = ClusterKind.Caller } })
        {
            yield return List(dialect, f);
            yield return Count(dialect, f);
        }
    }
}
