using System.Reflection;
using Hotline.Core.Data;

namespace Hotline.Tests.Data;

/// <summary>
/// Every SQL Server statement the code can send, found by convention: in Hotline.Core and Hotline.Api, each static
/// class whose name ends in <c>Sql</c> (and the MigrationRunner) contributes its string constants, its static
/// <c>string X(ISqlDialect)</c> methods rendered for SQL Server, and the renderings of its <c>Samples(ISqlDialect)</c>.
/// Constants named <c>...Sqlite</c> are never sent to SQL Server.
/// </summary>
internal static class SqlStatementCatalog
{
    public sealed record Statement(string Source, string Sql);

    private static readonly Assembly[] Assemblies = [typeof(ISqlDialect).Assembly, typeof(Program).Assembly];

    public static IReadOnlyList<Statement> SqlServer() => Discover(Assemblies.SelectMany(a => a.GetTypes()), new SqlServerDialect());

    public static IReadOnlyList<Statement> Discover(IEnumerable<Type> types, ISqlDialect dialect)
    {
        var found = new List<Statement>
        {
            new($"{nameof(SqlServerDialect)}.{nameof(ISqlDialect.NextTicketSequence)}", dialect.NextTicketSequence),
        };
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
        foreach (var type in types.Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Sql", StringComparison.Ordinal) || t == typeof(MigrationRunner)))
        {
            foreach (var field in type.GetFields(all).Where(f => f.IsLiteral && f.FieldType == typeof(string) && !f.Name.EndsWith("Sqlite", StringComparison.Ordinal)))
            {
                found.Add(new($"{type.Name}.{field.Name}", (string)field.GetRawConstantValue()!));
            }

            foreach (var method in type.GetMethods(all).Where(m => m.ReturnType == typeof(string)))
            {
                var parameters = method.GetParameters();
                if (parameters.Length == 1 && parameters[0].ParameterType == typeof(ISqlDialect))
                {
                    found.Add(new($"{type.Name}.{method.Name}", (string)method.Invoke(null, [dialect])!));
                }
            }

            if (type.GetMethod("Samples", all, [typeof(ISqlDialect)]) is { } samples)
            {
                var i = 0;
                foreach (var sql in (IEnumerable<string>)samples.Invoke(null, [dialect])!)
                {
                    found.Add(new($"{type.Name}.Samples[{i++}]", sql));
                }
            }
        }

        // A non-constant fragment such as a SELECT list shared by other constants is not a statement on its own.
        return found.Where(s => IsStatement(s.Sql)).ToList();
    }

    private static bool IsStatement(string sql)
    {
        var head = sql.TrimStart().Split(' ', '\n', '\r', '(')[0].ToUpperInvariant();
        return head is "SELECT" or "INSERT" or "UPDATE" or "DELETE" or "MERGE" or "IF" or "CREATE" or "WITH";
    }
}
