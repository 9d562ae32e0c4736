namespace Hotline.Core.Routing;

/// <summary>The responsibility list's SQL, written once in the subset SQLite and SQL Server share.</summary>
internal static class RoutingSql
{
    private const string RuleColumnsFragment = """
        Id, Version, RuleNo, Name, CategoryId, AreaId, AppealType, Channel, Keywords, ExcludedKeywords, LeadDepartmentId,
        LeadTerritorial, AssistDepartmentIds, AssistTerritorial, Priority, EffectiveFromUtc, EffectiveToUtc, UpdatedUtc
        """;

    public const string SelectRules = $"SELECT {RuleColumnsFragment} FROM RoutingRule WHERE Version = @Version ORDER BY RuleNo";

    public const string SelectRule = $"SELECT {RuleColumnsFragment} FROM RoutingRule WHERE Version = @Version AND RuleNo = @RuleNo";

    public const string InsertRule = """
        INSERT INTO RoutingRule (Id, Version, RuleNo, Name, CategoryId, AreaId, AppealType, Channel, Keywords, ExcludedKeywords,
            LeadDepartmentId, LeadTerritorial, AssistDepartmentIds, AssistTerritorial, Priority, EffectiveFromUtc, EffectiveToUtc,
            CreatedUtc, UpdatedUtc)
        VALUES (@Id, @Version, @RuleNo, @Name, @CategoryId, @AreaId, @AppealType, @Channel, @Keywords, @ExcludedKeywords,
            @LeadDepartmentId, @LeadTerritorial, @AssistDepartmentIds, @AssistTerritorial, @Priority, @EffectiveFromUtc, @EffectiveToUtc,
            @NowUtc, @NowUtc)
        """;

    public const string UpdateDraftRule = """
        UPDATE RoutingRule SET Name = @Name, CategoryId = @CategoryId, AreaId = @AreaId, AppealType = @AppealType, Channel = @Channel,
            Keywords = @Keywords, ExcludedKeywords = @ExcludedKeywords, LeadDepartmentId = @LeadDepartmentId,
            LeadTerritorial = @LeadTerritorial, AssistDepartmentIds = @AssistDepartmentIds, AssistTerritorial = @AssistTerritorial,
            Priority = @Priority, EffectiveFromUtc = @EffectiveFromUtc, EffectiveToUtc = @EffectiveToUtc, UpdatedUtc = @NowUtc
        WHERE Version = 0 AND RuleNo = @RuleNo
        """;

    public const string DeleteDraftRule = "DELETE FROM RoutingRule WHERE Version = 0 AND RuleNo = @RuleNo";

    public const string DeleteDraft = "DELETE FROM RoutingRule WHERE Version = 0";

    /// <summary>Numbers are never reused, not even those of deleted rules, so a number always means one rule.</summary>
    public const string MaxRuleNo = "SELECT COALESCE(MAX(RuleNo), 0) FROM RoutingRule";

    public const string LatestVersion = "SELECT COALESCE(MAX(Id), 0) FROM RoutingListVersion";

    public const string CountRules = "SELECT COUNT(*) FROM RoutingRule";

    public const string InsertVersion = """
        INSERT INTO RoutingListVersion (Id, RuleCount, Note, PublishedByUserId, PublishedUtc)
        VALUES (@Id, @RuleCount, @Note, @PublishedByUserId, @NowUtc)
        """;

    public const string SelectVersions = """
        SELECT v.Id AS Version, v.RuleCount, v.Note, v.PublishedByUserId, u.DisplayName AS PublishedByName, v.PublishedUtc
        FROM RoutingListVersion v
        LEFT JOIN AppUser u ON u.Id = v.PublishedByUserId
        ORDER BY v.Id DESC
        """;

    /// <summary>What an engine snapshot depends on: a change here means rebuild.</summary>
    public const string Stamp = """
        SELECT (SELECT COALESCE(MAX(Id), 0) FROM RoutingListVersion) AS Version,
            (SELECT COUNT(*) FROM Department) AS Departments, (SELECT MAX(UpdatedUtc) FROM Department) AS DepartmentsUpdatedUtc,
            (SELECT COUNT(*) FROM Area) AS Areas, (SELECT MAX(UpdatedUtc) FROM Area) AS AreasUpdatedUtc,
            (SELECT COUNT(*) FROM Category) AS Categories, (SELECT MAX(UpdatedUtc) FROM Category) AS CategoriesUpdatedUtc
        """;

    public const string SelectTicketRouting = """
        SELECT t.Id AS TicketId, t.RoutingVersion, t.RoutingRuleId, r.RuleNo, t.RoutingExplanation
        FROM Ticket t
        LEFT JOIN RoutingRule r ON r.Id = t.RoutingRuleId
        WHERE t.Id = @Id
        """;


    public const string CountActiveDepartment = "SELECT COUNT(*) FROM Department WHERE Id = @Id AND IsActive = 1";


    /// <summary>Tickets each rule routed in the period (by rule number, across versions).</summary>
    public const string RoutedByRule = """
        SELECT r.RuleNo, COUNT(*) AS Tickets
        FROM Ticket t
        JOIN RoutingRule r ON r.Id = t.RoutingRuleId
        WHERE t.CreatedUtc >= @FromUtc AND t.CreatedUtc < @ToUtc
        GROUP BY r.RuleNo
        """;

    /// <summary>Every return asked for in the period on a ticket a rule routed, newest first.</summary>
    public const string ReturnsOfRoutedTickets = """
        SELECT r.RuleNo, r.Name AS RuleName, e.TicketId, e.DepartmentId, d.Name AS DepartmentName, e.Reason, e.OccurredUtc
        FROM TicketEvent e
        JOIN Ticket t ON t.Id = e.TicketId
        JOIN RoutingRule r ON r.Id = t.RoutingRuleId
        LEFT JOIN Department d ON d.Id = e.DepartmentId
        WHERE e.Action = 'RequestReturn' AND e.OccurredUtc >= @FromUtc AND e.OccurredUtc < @ToUtc
        ORDER BY e.OccurredUtc DESC, e.Id DESC
        """;

    public const string SelectTicketForRule = "SELECT Id, Number, CategoryId, AreaId, AppealType FROM Ticket WHERE Id = @Id";

}
