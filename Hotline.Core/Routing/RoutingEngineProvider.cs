using System.Data.Common;
using Dapper;
using Hotline.Core.Data;
using Hotline.Core.Directory;

namespace Hotline.Core.Routing;

/// <summary>
/// Holds the engine of the latest published version. Rebuilt at once on publish in this process; another instance's
/// publish, or a directory change, is picked up by a cheap stamp check at most every few seconds, so decisions never
/// wait on the database in between.
/// </summary>
public sealed class RoutingEngineProvider(Database db, RoutingOptions options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile RoutingEngine? _current;
    private string? _stamp;
    private long _checkedAtMs;

    public async ValueTask<RoutingEngine> CurrentAsync(CancellationToken ct)
    {
        var current = _current;
        if (current is not null && Environment.TickCount64 - Volatile.Read(ref _checkedAtMs) < options.RefreshSeconds * 1000L)
        {
            return current;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_current is { } fresh && Environment.TickCount64 - _checkedAtMs < options.RefreshSeconds * 1000L)
            {
                return fresh;
            }

            var stamp = await db.ReadAsync(async (c, token) =>
                StampText((IDictionary<string, object?>)await c.QuerySingleAsync(new CommandDefinition(RoutingSql.Stamp, cancellationToken: token))), ct);
            var engine = _current;
            if (engine is null || stamp != _stamp)
            {
                _current = engine = await BuildAsync(draft: false, ct);
                _stamp = stamp;
            }

            Volatile.Write(ref _checkedAtMs, Environment.TickCount64);
            return engine;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forces the next <see cref="CurrentAsync"/> to check the database (after a publish here).</summary>
    public void Invalidate() => Volatile.Write(ref _checkedAtMs, long.MinValue / 2);

    /// <summary>An engine over the draft, for the administrators' test box; built on each call, never cached.</summary>
    public Task<RoutingEngine> DraftAsync(CancellationToken ct) => BuildAsync(draft: true, ct);

    private Task<RoutingEngine> BuildAsync(bool draft, CancellationToken ct) =>
        db.ReadAsync(async (c, token) => RoutingEngine.Build(await LoadSnapshotAsync(c, null, draft, token)), ct);

    internal static async Task<RoutingSnapshot> LoadSnapshotAsync(DbConnection c, DbTransaction? tx, bool draft, CancellationToken ct)
    {
        var latest = await c.ExecuteScalarAsync<int>(new CommandDefinition(RoutingSql.LatestVersion, transaction: tx, cancellationToken: ct));
        var version = draft ? 0 : latest;
        List<RoutingRule> rules = version == 0 && !draft ? [] : await RoutingRuleRow.ReadAsync(c, tx, version, ct);
        var categories = (await c.QueryAsync<Category>(new CommandDefinition(DirectorySql.SelectCategories, transaction: tx, cancellationToken: ct))).ToList();
        var areas = (await c.QueryAsync<Area>(new CommandDefinition(DirectorySql.SelectAreas, transaction: tx, cancellationToken: ct))).ToList();
        var departments = (await c.QueryAsync<Department>(new CommandDefinition(DirectorySql.SelectDepartments, transaction: tx, cancellationToken: ct))).ToList();
        return new RoutingSnapshot(draft || latest == 0 ? null : latest, draft, rules, categories, areas, departments);
    }

    private static string StampText(IDictionary<string, object?> row) => string.Join('|', row.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>A RoutingRule row as stored: lists as delimited text.</summary>
internal sealed record RoutingRuleRow
{
    public long Id { get; init; }
    public int Version { get; init; }
    public int RuleNo { get; init; }
    public string Name { get; init; } = "";
    public long? CategoryId { get; init; }
    public long? AreaId { get; init; }
    public string? AppealType { get; init; }
    public string? Channel { get; init; }
    public string? Keywords { get; init; }
    public string? ExcludedKeywords { get; init; }
    public long? LeadDepartmentId { get; init; }
    public bool LeadTerritorial { get; init; }
    public string? AssistDepartmentIds { get; init; }
    public bool AssistTerritorial { get; init; }
    public int Priority { get; init; }
    public DateTime? EffectiveFromUtc { get; init; }
    public DateTime? EffectiveToUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }

    public const char KeywordSeparator = '|';

    public static async Task<List<RoutingRule>> ReadAsync(DbConnection c, DbTransaction? tx, int version, CancellationToken ct) =>
        (await c.QueryAsync<RoutingRuleRow>(new CommandDefinition(RoutingSql.SelectRules, new { Version = version }, tx, cancellationToken: ct)))
            .Select(r => r.ToRule()).ToList();

    public RoutingRule ToRule() => new()
    {
        Id = Id,
        Version = Version,
        RuleNo = RuleNo,
        Name = Name,
        CategoryId = CategoryId,
        AreaId = AreaId,
        AppealType = AppealType is null ? null : Enum.Parse<Tickets.AppealType>(AppealType),
        Channel = Channel is null ? null : Enum.Parse<Tickets.Channel>(Channel),
        Keywords = Split(Keywords),
        ExcludedKeywords = Split(ExcludedKeywords),
        LeadDepartmentId = LeadDepartmentId,
        LeadTerritorial = LeadTerritorial,
        AssistDepartmentIds = string.IsNullOrEmpty(AssistDepartmentIds) ? [] : AssistDepartmentIds.Split(',').Select(long.Parse).ToList(),
        AssistTerritorial = AssistTerritorial,
        Priority = Priority,
        EffectiveFromUtc = EffectiveFromUtc,
        EffectiveToUtc = EffectiveToUtc,
        UpdatedUtc = UpdatedUtc,
    };

    /// <summary>The parameters of <see cref="RoutingSql.InsertRule"/> and <see cref="RoutingSql.UpdateDraftRule"/>.</summary>
    public static object Args(RoutingRule r, long id, int version, DateTime now) => new
    {
        Id = id,
        Version = version,
        r.RuleNo,
        r.Name,
        r.CategoryId,
        r.AreaId,
        AppealType = r.AppealType?.ToString(),
        Channel = r.Channel?.ToString(),
        Keywords = Join(r.Keywords),
        ExcludedKeywords = Join(r.ExcludedKeywords),
        r.LeadDepartmentId,
        r.LeadTerritorial,
        AssistDepartmentIds = r.AssistDepartmentIds.Count == 0 ? null : string.Join(',', r.AssistDepartmentIds),
        r.AssistTerritorial,
        r.Priority,
        r.EffectiveFromUtc,
        r.EffectiveToUtc,
        NowUtc = now,
    };

    private static string? Join(IReadOnlyList<string> words) => words.Count == 0 ? null : string.Join(KeywordSeparator, words);

    private static List<string> Split(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(KeywordSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
}
