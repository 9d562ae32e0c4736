using System.Reflection;
using System.Runtime.CompilerServices;
using Hotline.Core.Data;

namespace Hotline.Tests.Data;

/// <summary>One T-SQL text the code can send, named by where it comes from (<c>Class.Member</c>).</summary>
internal sealed record CatalogedStatement(string Name, string Sql, Type Origin);

/// <summary>
/// Every SQL Server statement the code can send, found by convention so new feature SQL is checked without
/// registering it anywhere:
/// <list type="bullet">
/// <item>static classes named <c>*Sql</c> (any visibility, nested too) in Hotline.Core and Hotline.Api, and
/// <see cref="MigrationRunner"/>;</item>
/// <item>each <c>const string</c> is a statement, except names ending in <c>Sqlite</c> (never sent to SQL Server) and
/// <c>Fragment</c> (a piece composed into statements, checked through them);</item>
/// <item>each static <c>string M(ISqlDialect)</c> is a statement rendered for <see cref="SqlServerDialect"/>;</item>
/// <item>a static string method taking <see cref="ISqlDialect"/> and more requires the class to expose
/// <c>static IEnumerable&lt;string&gt; Samples(ISqlDialect)</c>, whose renderings are statements;</item>
/// <item>the dialect's own statements, and its fragments placed in a minimal statement.</item>
/// </list>
/// </summary>
internal static class SqlStatementCatalog
{
    private const BindingFlags StaticMembers = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly SqlServerDialect Dialect = new();

    /// <summary>
    /// Every string member of <see cref="SqlServerDialect"/>, classified: a statement is checked as it is, a fragment inside
    /// a minimal statement. A member missing here fails the catalog, so a new dialect member gets a decision.
    /// </summary>
    private static readonly Dictionary<string, Func<SqlServerDialect, string>> DialectMembers = new()
    {
        [nameof(ISqlDialect.NextTicketSequence)] = d => d.NextTicketSequence,
        [nameof(ISqlDialect.Paging)] = d => $"SELECT Id, Number FROM Ticket ORDER BY CreatedUtc DESC, Id {d.Paging}",
        [nameof(ISqlDialect.Top)] = d => $"SELECT {d.Top(5)} Id FROM Ticket ORDER BY Id {d.Limit(5)}",
        [nameof(ISqlDialect.Limit)] = d => $"SELECT {d.Top(1)} Id FROM Ticket WHERE Number = @Number {d.Limit(1)}",
        [nameof(ISqlDialect.ClaimHint)] = d => $"SELECT 1 FROM Escalation {d.ClaimHint} WHERE TicketId = @TicketId",
        [nameof(ISqlDialect.JsonRows)] = d => $"SELECT j.Id, j.Detail FROM {d.JsonRows("@Rows", "j", ("Id", "BIGINT"), ("Detail", "NVARCHAR(MAX)"))} JOIN Ticket t ON t.Id = j.Id",
        [nameof(ISqlDialect.LocalDate)] = d => $"SELECT {d.LocalDate("e.OccurredUtc")} AS Day FROM TicketEvent e",
        [nameof(ISqlDialect.ByKeyHint)] = d => $"SELECT e.Id FROM TicketEvent e {d.ByKeyHint} WHERE e.Id >= @FromId AND e.Id <= @ToId AND e.OccurredUtc >= @FromUtc",
        [nameof(ISqlDialect.AddDays)] = d => $"SELECT Id FROM Ticket t WHERE t.CreatedUtc >= {d.AddDays("@NowUtc", -30)}",
    };

    private static readonly Lazy<IReadOnlyList<CatalogedStatement>> _all = new(() =>
        Discover(ApplicationSqlClasses().Append(typeof(MigrationRunner))).Concat(DialectStatements()).ToList());

    /// <summary>Everything the application can send to SQL Server.</summary>
    public static IReadOnlyList<CatalogedStatement> All => _all.Value;

    public static IEnumerable<Assembly> ApplicationAssemblies => [typeof(ISqlDialect).Assembly, typeof(Program).Assembly];

    public static IEnumerable<Type> ApplicationSqlClasses() => ApplicationAssemblies.SelectMany(SqlClassesIn);

    /// <summary>Static classes whose name ends with <c>Sql</c>, public or not, nested or not.</summary>
    public static IEnumerable<Type> SqlClassesIn(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: true, IsSealed: true, IsGenericTypeDefinition: false }
                        && t.Name.EndsWith("Sql", StringComparison.Ordinal)
                        && !t.IsDefined(typeof(CompilerGeneratedAttribute)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    public static IEnumerable<CatalogedStatement> Discover(IEnumerable<Type> types) => types.SelectMany(StatementsOf);

    public static IEnumerable<CatalogedStatement> StatementsOf(Type type)
    {
        var prefix = DisplayName(type);
        foreach (var field in type.GetFields(StaticMembers).Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string)).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (field.Name.EndsWith("Sqlite", StringComparison.Ordinal) || field.Name.EndsWith("Fragment", StringComparison.Ordinal))
            {
                continue;
            }

            yield return new CatalogedStatement($"{prefix}.{field.Name}", (string)field.GetRawConstantValue()!, type);
        }

        var methods = type.GetMethods(StaticMembers)
            .Where(m => m.ReturnType == typeof(string) && !m.IsSpecialName && !m.IsDefined(typeof(CompilerGeneratedAttribute))
                        && m.GetParameters().Any(p => p.ParameterType == typeof(ISqlDialect)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        var needsSamples = false;
        foreach (var method in methods)
        {
            if (method.GetParameters().Length == 1)
            {
                yield return new CatalogedStatement($"{prefix}.{method.Name}", (string)method.Invoke(null, [Dialect])!, type);
            }
            else
            {
                needsSamples = true; // its renderings depend on arguments: the class says which ones are representative
            }
        }

        var samples = type.GetMethod("Samples", StaticMembers, [typeof(ISqlDialect)]);
        if (samples is null || samples.ReturnType != typeof(IEnumerable<string>))
        {
            if (needsSamples)
            {
                throw new InvalidOperationException(
                    $"{prefix} builds SQL from arguments ({string.Join(", ", methods.Where(m => m.GetParameters().Length > 1).Select(m => m.Name))}): " +
                    "add static IEnumerable<string> Samples(ISqlDialect dialect) returning representative renderings, so they are checked.");
            }

            yield break;
        }

        var index = 0;
        foreach (var sql in (IEnumerable<string>)samples.Invoke(null, [Dialect])!)
        {
            yield return new CatalogedStatement($"{prefix}.Samples[{index++}]", sql, type);
        }
    }

    /// <summary>The dialect's statements and fragments; fails when <see cref="ISqlDialect"/> gained an unclassified member.</summary>
    public static IEnumerable<CatalogedStatement> DialectStatements()
    {
        // SqlServerDialect's own public members, not just the interface's: an extra helper there is SQL it can send too.
        const BindingFlags declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var members = typeof(SqlServerDialect).GetProperties(declared).Where(p => p.PropertyType == typeof(string)).Select(p => p.Name)
            .Concat(typeof(SqlServerDialect).GetMethods(declared).Where(m => m.ReturnType == typeof(string) && !m.IsSpecialName).Select(m => m.Name))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var unclassified = members.Except(DialectMembers.Keys).Concat(DialectMembers.Keys.Except(members)).ToList();
        if (unclassified.Count > 0)
        {
            throw new InvalidOperationException(
                $"SqlServerDialect.{string.Join(", ", unclassified)} not classified (or gone) in {nameof(SqlStatementCatalog)}.{nameof(DialectMembers)}: list each as a statement or a fragment in a minimal statement.");
        }

        return members.Select(m => new CatalogedStatement($"{nameof(SqlServerDialect)}.{m}", DialectMembers[m](Dialect), typeof(SqlServerDialect)));
    }

    private static string DisplayName(Type type) => type.DeclaringType is { } outer ? $"{DisplayName(outer)}.{type.Name}" : type.Name;
}
