using System.Reflection;
using System.Text.RegularExpressions;
using Hotline.Core.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Hotline.Tests.Data;

/// <summary>A T-SQL text that does not parse, or names something the schema does not have.</summary>
internal sealed class TSqlCheckException(string message) : Exception(message);

/// <summary>One table of the model: its columns in declaration order, names compared as SQL Server does (case-insensitive).</summary>
internal sealed class TSqlTable(string name)
{
    private readonly List<string> _columns = [];
    private readonly HashSet<string> _lookup = new(StringComparer.OrdinalIgnoreCase);

    public string Name { get; } = name;

    public IReadOnlyList<string> Columns => _columns;

    public bool Has(string column) => _lookup.Contains(column);

    public void Add(string column, string where)
    {
        if (!_lookup.Add(column))
        {
            throw new TSqlCheckException($"{where}: column {Name}.{column} is defined twice.");
        }

        _columns.Add(column);
    }
}

/// <summary>
/// The SQL Server schema as the migrations build it: <c>sql/sqlserver/NNNN_*.sql</c> parsed with ScriptDom, in order,
/// plus the runner's own journal table. Only what the model understands may change the schema: anything else that
/// would (DROP, rename, ALTER TABLE forms other than ADD / ALTER COLUMN, views, procedures...) fails loudly, so the
/// model never silently drifts from the real database.
/// </summary>
internal sealed partial class TSqlSchema
{
    private readonly Dictionary<string, TSqlTable> _tables = new(StringComparer.OrdinalIgnoreCase);

    private TSqlSchema()
    {
    }

    public IReadOnlyCollection<TSqlTable> Tables => _tables.Values;

    /// <summary>The migration scripts, in the order they were applied to the model.</summary>
    public IReadOnlyList<string> Scripts { get; private set; } = [];

    /// <summary>The triggers the migrations create, in order.</summary>
    public IReadOnlyList<string> Triggers => _triggers;

    private readonly List<string> _triggers = [];

    /// <summary>Inside a trigger body: the table whose rows <c>inserted</c> and <c>deleted</c> hold.</summary>
    private TSqlTable? _triggerTable;

    public TSqlTable? Find(string table) =>
        _tables.GetValueOrDefault(table)
        ?? (_triggerTable is not null && (string.Equals(table, "inserted", StringComparison.OrdinalIgnoreCase) || string.Equals(table, "deleted", StringComparison.OrdinalIgnoreCase))
            ? _triggerTable
            : null);

    public static string SqlServerFolder => Path.Combine(AppContext.BaseDirectory, "sql", MigrationRunner.ProviderFolder(DatabaseProvider.SqlServer));

    private static readonly Lazy<TSqlSchema> _current = new(() => Load(SqlServerFolder));

    /// <summary>The schema of the migrations shipped beside the test binaries (built once per run).</summary>
    public static TSqlSchema Current => _current.Value;

    public static TSqlSchema Load(string folder)
    {
        var schema = new TSqlSchema();
        // The journal is created by the runner before any script runs; model it from the runner's own DDL.
        schema.Apply("MigrationRunner.JournalSqlServer", JournalSqlServer());
        var scripts = MigrationRunner.LoadScripts(folder);
        foreach (var script in scripts)
        {
            schema.Apply(script.Name, script.Sql);
        }

        schema.Scripts = scripts.Select(s => s.Name).ToList();
        return schema;
    }

    internal static string JournalSqlServer() =>
        typeof(MigrationRunner).GetField("JournalSqlServer", BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue() as string
        ?? throw new InvalidOperationException("MigrationRunner.JournalSqlServer is gone: update the schema model.");

    [GeneratedRegex(@"^\s*GO\s*;?\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex BatchSeparator();

    /// <summary>Splits a script on GO lines exactly as the runner does, keeping each batch's first line number.</summary>
    public static IEnumerable<(string Sql, int FirstLine)> Batches(string script)
    {
        var line = 1;
        var start = 0;
        foreach (Match go in BatchSeparator().Matches(script))
        {
            var batch = script[start..go.Index];
            yield return (batch, line);
            line += batch.Count(c => c == '\n') + go.Value.Count(c => c == '\n');
            start = go.Index + go.Length;
        }

        yield return (script[start..], line);
    }

    /// <summary>Parses one batch; parse errors fail with the source name and the line in the original text.</summary>
    public static TSqlScript Parse(string sql, string source, int firstLine = 1)
    {
        var parser = new TSql150Parser(initialQuotedIdentifiers: true);
        var fragment = parser.Parse(new StringReader(sql), out var errors);
        if (errors.Count > 0)
        {
            var lines = errors.Select(e => $"  line {e.Line + firstLine - 1}, column {e.Column}: {e.Message}");
            throw new TSqlCheckException($"{source} does not parse as T-SQL:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
        }

        return (TSqlScript)fragment;
    }

    private void Apply(string scriptName, string sql)
    {
        foreach (var (batch, firstLine) in Batches(sql))
        {
            if (string.IsNullOrWhiteSpace(batch))
            {
                continue;
            }

            var script = Parse(batch, scriptName, firstLine);
            if (script.Batches.Count > 1)
            {
                // The runner splits on GO lines itself; a batch the parser still splits would reach the server with GO in it.
                throw new TSqlCheckException($"{scriptName} line {firstLine}: a GO the runner does not split on (GO must be alone on its line).");
            }

            foreach (var statement in script.Batches.SelectMany(b => b.Statements))
            {
                ApplyStatement(statement, scriptName, firstLine);
            }
        }
    }

    private void ApplyStatement(TSqlStatement statement, string scriptName, int firstLine)
    {
        var where = $"{scriptName} line {statement.StartLine + firstLine - 1}";
        switch (statement)
        {
            case CreateTableStatement create:
                var name = create.SchemaObjectName.BaseIdentifier.Value;
                if (_tables.ContainsKey(name))
                {
                    throw new TSqlCheckException($"{where}: table {name} is created twice.");
                }

                var table = new TSqlTable(name);
                _tables.Add(name, table); // before its definition: a self-reference (ParentId) must resolve
                AddDefinition(table, create.Definition, where);
                break;
            case AlterTableAddTableElementStatement add:
                AddDefinition(Require(add.SchemaObjectName, where), add.Definition, where);
                break;
            case AlterTableDropTableElementStatement drop when drop.AlterTableDropTableElements.All(e => e.TableElementType == TableElementType.Constraint):
                // The model holds tables and columns, not constraints: the table must exist, nothing else changes.
                Require(drop.SchemaObjectName, where);
                break;
            case AlterTableAlterColumnStatement alter:
                // Changes a column's type or nullability, never its name: the model only needs the column to exist.
                RequireColumn(Require(alter.SchemaObjectName, where), alter.ColumnIdentifier.Value, where);
                break;
            case CreateIndexStatement index:
                var indexed = Require(index.OnName, where);
                foreach (var column in index.Columns.Select(c => c.Column).Concat(index.IncludeColumns))
                {
                    RequireColumn(indexed, column.MultiPartIdentifier.Identifiers[^1].Value, where);
                }

                break;
            case CreateTriggerStatement trigger:
                // Its body runs later, on each write: check it against the schema as it stands, inserted/deleted being the table.
                _triggerTable = Require(trigger.TriggerObject.Name, where);
                try
                {
                    foreach (var inner in trigger.StatementList.Statements)
                    {
                        ApplyStatement(inner, scriptName, firstLine);
                    }
                }
                finally
                {
                    _triggerTable = null;
                }

                _triggers.Add(trigger.Name.BaseIdentifier.Value);
                break;
            case DropIndexStatement drop:
                // The model holds tables and columns, not indexes: the table must exist, nothing else changes.
                foreach (var clause in drop.DropIndexClauses.OfType<DropIndexClause>())
                {
                    Require(clause.Object, where);
                }

                break;
            case IfStatement branch:
                // e.g. IF OBJECT_ID(...) IS NULL CREATE TABLE ...: model the effect of the guarded statements.
                ApplyStatement(branch.ThenStatement, scriptName, firstLine);
                if (branch.ElseStatement is { } otherwise)
                {
                    ApplyStatement(otherwise, scriptName, firstLine);
                }

                break;
            case BeginEndBlockStatement block:
                foreach (var inner in block.StatementList.Statements)
                {
                    ApplyStatement(inner, scriptName, firstLine);
                }

                break;
            case InsertStatement or UpdateStatement or DeleteStatement or MergeStatement or SelectStatement:
                // Seed data and backfills: check their names against the schema as it stands at this point.
                TSqlReferenceChecker.CheckStatement(statement, this, where);
                break;
            case PredicateSetStatement or SetVariableStatement or DeclareVariableStatement or PrintStatement or ThrowStatement:
                break; // no effect on tables or columns
            default:
                throw new TSqlCheckException(
                    $"{where}: {statement.GetType().Name} is not modelled by {nameof(TSqlSchema)}; teach the model what it does to the schema (DROP, rename and views are not expected).");
        }
    }

    private void AddDefinition(TSqlTable table, TableDefinition definition, string where)
    {
        foreach (var column in definition.ColumnDefinitions)
        {
            table.Add(column.ColumnIdentifier.Value, where);
        }

        var constraints = definition.TableConstraints
            .Concat(definition.ColumnDefinitions.SelectMany(c => c.Constraints));
        foreach (var constraint in constraints)
        {
            switch (constraint)
            {
                case ForeignKeyConstraintDefinition fk:
                    foreach (var column in fk.Columns)
                    {
                        RequireColumn(table, column.Value, where);
                    }

                    var target = Require(fk.ReferenceTableName, where);
                    foreach (var column in fk.ReferencedTableColumns)
                    {
                        RequireColumn(target, column.Value, where);
                    }

                    break;
                case UniqueConstraintDefinition key:
                    foreach (var column in key.Columns)
                    {
                        RequireColumn(table, column.Column.MultiPartIdentifier.Identifiers[^1].Value, where);
                    }

                    break;
            }
        }

        foreach (var column in definition.Indexes.SelectMany(i => i.Columns))
        {
            RequireColumn(table, column.Column.MultiPartIdentifier.Identifiers[^1].Value, where);
        }
    }

    private TSqlTable Require(SchemaObjectName name, string where) =>
        Find(name.BaseIdentifier.Value) ?? throw new TSqlCheckException($"{where}: table {name.BaseIdentifier.Value} does not exist at this point.");

    private static void RequireColumn(TSqlTable table, string column, string where)
    {
        if (!table.Has(column))
        {
            throw new TSqlCheckException($"{where}: column {table.Name}.{column} does not exist at this point.");
        }
    }
}
