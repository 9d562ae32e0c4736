using System.Data.Common;
using Dapper;
using Hotline.Core.Directory;

namespace Hotline.Core.Routing;

/// <summary>The directory as rule editing sees it: look-ups by id, code and name, and the trees.</summary>
internal sealed class RoutingDirectory
{
    private RoutingDirectory(List<Category> categories, List<Area> areas, List<Department> departments)
    {
        Categories = categories.ToDictionary(c => c.Id);
        Areas = areas.ToDictionary(a => a.Id);
        Departments = departments.ToDictionary(d => d.Id);
    }

    public Dictionary<long, Category> Categories { get; }
    public Dictionary<long, Area> Areas { get; }
    public Dictionary<long, Department> Departments { get; }

    public static async Task<RoutingDirectory> LoadAsync(DbConnection c, DbTransaction? tx, CancellationToken ct) => new(
        (await c.QueryAsync<Category>(new CommandDefinition(DirectorySql.SelectCategories, transaction: tx, cancellationToken: ct))).ToList(),
        (await c.QueryAsync<Area>(new CommandDefinition(DirectorySql.SelectAreas, transaction: tx, cancellationToken: ct))).ToList(),
        (await c.QueryAsync<Department>(new CommandDefinition(DirectorySql.SelectDepartments, transaction: tx, cancellationToken: ct))).ToList());

    /// <summary>Whether one node lies on the other's line of descent (either way): the rule may apply there.</summary>
    public static bool Related<T>(Dictionary<long, T> tree, Func<T, long?> parent, long? ruleNode, long filterNode)
    {
        if (ruleNode is not { } node)
        {
            return false;
        }

        return IsAtOrBelow(tree, parent, node, filterNode) || IsAtOrBelow(tree, parent, filterNode, node);
    }

    public static bool IsAtOrBelow<T>(Dictionary<long, T> tree, Func<T, long?> parent, long node, long ancestor)
    {
        var steps = 0;
        for (long? n = node; n is { } id && steps++ < 64; n = tree.TryGetValue(id, out var entry) ? parent(entry) : null)
        {
            if (id == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    public RoutingRule Named(RoutingRule rule) => rule with
    {
        CategoryName = rule.CategoryId is { } c ? Categories.GetValueOrDefault(c)?.Name : null,
        AreaName = rule.AreaId is { } a ? Areas.GetValueOrDefault(a)?.Name : null,
        LeadDepartmentName = rule.LeadTerritorial ? RoutingText.Territorial : rule.LeadDepartmentId is { } d ? Departments.GetValueOrDefault(d)?.Name : null,
        AssistDepartmentNames = rule.AssistDepartmentIds.Select(id => Departments.GetValueOrDefault(id)?.Name ?? id.ToString())
            .Concat(rule.AssistTerritorial ? [RoutingText.Territorial] : []).ToList(),
    };
}
