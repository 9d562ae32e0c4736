using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Hotline.Tests.Data;

/// <summary>
/// Checks that a T-SQL statement parses and that every table, alias and column it names exists in the schema the
/// migrations build. Scope is pragmatic: an unqualified column must belong to some table named anywhere in the
/// statement (or be a select-list alias, or a column of a CTE / derived table); a qualified one must belong to the
/// table its qualifier names.
/// </summary>
internal static class TSqlReferenceChecker
{
    /// <summary>
    /// Parses <paramref name="sql"/> as one batch (what a command sends) and checks every statement in it; returns how
    /// many statements were checked.
    /// </summary>
    public static int Check(string sql, TSqlSchema schema, string source)
    {
        var script = TSqlSchema.Parse(sql, source);
        if (script.Batches.Count != 1)
        {
            // SqlClient sends one batch per command: GO (or an empty text) cannot work.
            throw new TSqlCheckException($"{source}: expected one batch, found {script.Batches.Count}.{Environment.NewLine}{sql}");
        }

        var problems = script.Batches[0].Statements.SelectMany(s => Problems(s, schema)).ToList();
        if (problems.Count > 0)
        {
            throw new TSqlCheckException($"{source}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}{Environment.NewLine}in:{Environment.NewLine}{sql}");
        }

        return script.Batches[0].Statements.Count;
    }

    /// <summary>Checks one parsed statement (used for the DML inside migrations, against the schema so far).</summary>
    public static void CheckStatement(TSqlStatement statement, TSqlSchema schema, string where)
    {
        var problems = Problems(statement, schema);
        if (problems.Count > 0)
        {
            throw new TSqlCheckException($"{where}: {string.Join("; ", problems)}");
        }
    }

    /// <summary>A row source: a real table (checked), a CTE / derived table with known columns (checked), or unknown (unchecked).</summary>
    private sealed record Source(string Name, TSqlTable? Table, IReadOnlySet<string>? Columns)
    {
        public bool IsUnchecked => Table is null && Columns is null;

        public bool Accepts(string column) => IsUnchecked || (Table?.Has(column) ?? false) || (Columns?.Contains(column) ?? false);
    }

    private static List<string> Problems(TSqlStatement statement, TSqlSchema schema)
    {
        var found = new Collector();
        statement.Accept(found);
        var problems = new List<string>();
        var sources = new Dictionary<string, List<Source>>(StringComparer.OrdinalIgnoreCase);
        void Register(string key, Source source)
        {
            if (!sources.TryGetValue(key, out var list))
            {
                sources[key] = list = [];
            }

            list.Add(source);
        }

        var ctes = found.Ctes.ToDictionary(c => c.ExpressionName.Value, StringComparer.OrdinalIgnoreCase);
        var derivedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        // Aliased sources first, so an unaliased name (UPDATE t ... FROM Ticket t) can resolve to an alias.
        foreach (var reference in found.Named.Where(n => n.Alias is not null))
        {
            Register(reference.Alias.Value, Resolve(reference, schema, ctes, derivedNames, problems));
        }

        foreach (var other in found.Aliased.Where(a => a.Alias is not null))
        {
            var columns = other switch
            {
                TableReferenceWithAliasAndColumns { Columns.Count: > 0 } withColumns => withColumns.Columns.Select(c => c.Value).ToList(),
                QueryDerivedTable derived => SelectListNames(derived.QueryExpression),
                _ => null, // table-valued functions (OPENJSON, STRING_SPLIT...): their columns are not modelled
            };
            derivedNames.UnionWith(columns ?? []);
            Register(other.Alias.Value, new Source(other.Alias.Value, null, columns?.ToHashSet(StringComparer.OrdinalIgnoreCase)));
        }

        foreach (var reference in found.Named.Where(n => n.Alias is null))
        {
            var name = reference.SchemaObject.BaseIdentifier.Value;
            if (reference.SchemaObject.SchemaIdentifier is null && !ctes.ContainsKey(name) && schema.Find(name) is null && sources.ContainsKey(name))
            {
                continue; // an alias used as a DML target
            }

            Register(name, Resolve(reference, schema, ctes, derivedNames, problems));
        }

        // DML targets: MERGE's alias, inserted/deleted in OUTPUT, and the column lists of INSERT and SET.
        foreach (var target in found.Targets)
        {
            var resolved = target.Target is NamedTableReference named
                ? sources.GetValueOrDefault(named.Alias?.Value ?? named.SchemaObject.BaseIdentifier.Value)?.FirstOrDefault()
                : null;
            resolved ??= new Source("(target)", null, null);
            if (target.Alias is not null)
            {
                Register(target.Alias.Value, resolved);
            }

            Register("inserted", resolved);
            Register("deleted", resolved);
            foreach (var column in target.Columns)
            {
                var name = column.MultiPartIdentifier.Identifiers[^1].Value;
                if (column.MultiPartIdentifier.Count == 1 && !resolved.Accepts(name))
                {
                    problems.Add($"unknown column {name} in the target {resolved.Name}");
                }
            }
        }

        var tables = sources.Values.SelectMany(s => s).ToList();
        var anyUnchecked = tables.Any(s => s.IsUnchecked);
        foreach (var column in found.Columns)
        {
            var parts = column.MultiPartIdentifier?.Identifiers;
            if (parts is null || parts.Count == 0 || found.Skip.Contains(column))
            {
                continue;
            }

            var name = parts[^1].Value;
            if (column.ColumnType == ColumnType.Wildcard)
            {
                // t.* : only the qualifier can be wrong.
                if (!sources.ContainsKey(name))
                {
                    problems.Add($"unknown table or alias {name} in {name}.*");
                }

                continue;
            }

            if (parts.Count == 1)
            {
                if (column.ColumnType == ColumnType.Regular && !anyUnchecked && !found.SelectAliases.Contains(name)
                    && !derivedNames.Contains(name) && !tables.Any(s => s.Accepts(name)))
                {
                    problems.Add($"unknown column {name} (in none of {string.Join(", ", tables.Select(t => t.Name).Distinct())})");
                }

                continue;
            }

            // alias.Column or Table.Column (or dbo.Table.Column): the part before the column names the source.
            var qualifier = parts[^2].Value;
            if (!sources.TryGetValue(qualifier, out var candidates))
            {
                problems.Add($"unknown table or alias {qualifier} in {string.Join(".", parts.Select(p => p.Value))}");
            }
            else if (column.ColumnType == ColumnType.Regular && !candidates.Any(s => s.Accepts(name)))
            {
                problems.Add($"unknown column {qualifier}.{name} ({candidates[0].Name} has no column {name})");
            }
        }

        foreach (var create in found.Creates)
        {
            var name = create.SchemaObjectName.BaseIdentifier.Value;
            if (schema.Find(name) is not { } table)
            {
                problems.Add($"CREATE TABLE {name} is not in the schema model");
                continue;
            }

            problems.AddRange(create.Definition.ColumnDefinitions
                .Where(c => !table.Has(c.ColumnIdentifier.Value))
                .Select(c => $"CREATE TABLE {name}: column {c.ColumnIdentifier.Value} is not in the schema model"));
        }

        return problems;
    }

    private static Source Resolve(NamedTableReference reference, TSqlSchema schema, Dictionary<string, CommonTableExpression> ctes,
        HashSet<string> derivedNames, List<string> problems)
    {
        var name = reference.SchemaObject.BaseIdentifier.Value;
        if (reference.SchemaObject.SchemaIdentifier is null && ctes.TryGetValue(name, out var cte))
        {
            var columns = cte.Columns.Count > 0 ? cte.Columns.Select(c => c.Value).ToList() : SelectListNames(cte.QueryExpression);
            derivedNames.UnionWith(columns ?? []);
            return new Source(name, null, columns?.ToHashSet(StringComparer.OrdinalIgnoreCase));
        }

        if (schema.Find(name) is { } table)
        {
            return new Source(table.Name, table, null);
        }

        problems.Add($"unknown table {name}");
        return new Source(name, null, null);
    }

    /// <summary>The output column names of a query, or null when one is not a plain name (SELECT *, an unnamed expression).</summary>
    private static List<string>? SelectListNames(QueryExpression query)
    {
        switch (query)
        {
            case QueryParenthesisExpression parenthesis:
                return SelectListNames(parenthesis.QueryExpression);
            case BinaryQueryExpression union:
                return SelectListNames(union.FirstQueryExpression);
            case QuerySpecification select:
                var names = new List<string>();
                foreach (var element in select.SelectElements)
                {
                    switch (element)
                    {
                        case SelectScalarExpression { ColumnName: { } alias }:
                            names.Add(alias.Value);
                            break;
                        case SelectScalarExpression { Expression: ColumnReferenceExpression { ColumnType: ColumnType.Regular } column }:
                            names.Add(column.MultiPartIdentifier.Identifiers[^1].Value);
                            break;
                        default:
                            return null;
                    }
                }

                return names;
            default:
                return null;
        }
    }

    private sealed record DmlTarget(TableReference Target, Identifier? Alias, IReadOnlyList<ColumnReferenceExpression> Columns);

    /// <summary>Collects every name in the statement; the checks run afterwards, once all aliases are known.</summary>
    private sealed class Collector : TSqlFragmentVisitor
    {
        // Functions whose first argument is a date part keyword that ScriptDom reads as a column name.
        private static readonly HashSet<string> DatePartFunctions = new(StringComparer.OrdinalIgnoreCase)
        {
            "DATEADD", "DATEDIFF", "DATEDIFF_BIG", "DATEPART", "DATENAME", "DATETRUNC", "DATE_BUCKET",
        };

        public List<NamedTableReference> Named { get; } = [];

        public List<TableReferenceWithAlias> Aliased { get; } = [];

        public List<CommonTableExpression> Ctes { get; } = [];

        public List<ColumnReferenceExpression> Columns { get; } = [];

        public HashSet<ColumnReferenceExpression> Skip { get; } = [];

        public HashSet<string> SelectAliases { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<DmlTarget> Targets { get; } = [];

        public List<CreateTableStatement> Creates { get; } = [];

        public override void Visit(NamedTableReference node) => Named.Add(node);

        public override void Visit(TableReferenceWithAlias node)
        {
            if (node is not NamedTableReference)
            {
                Aliased.Add(node);
            }
        }

        public override void Visit(CommonTableExpression node) => Ctes.Add(node);

        public override void Visit(ColumnReferenceExpression node) => Columns.Add(node);

        public override void Visit(SelectScalarExpression node)
        {
            if (node.ColumnName?.Value is { } alias)
            {
                SelectAliases.Add(alias);
            }
        }

        public override void Visit(FunctionCall node)
        {
            if (DatePartFunctions.Contains(node.FunctionName.Value) && node.Parameters.Count > 0
                && node.Parameters[0] is ColumnReferenceExpression { MultiPartIdentifier.Count: 1 } datePart)
            {
                Skip.Add(datePart);
            }
        }

        public override void Visit(InsertSpecification node) => AddTarget(node.Target, null, node.Columns, []);

        public override void Visit(UpdateSpecification node) => AddTarget(node.Target, null, [], node.SetClauses);

        public override void Visit(DeleteSpecification node) => AddTarget(node.Target, null, [], []);

        public override void Visit(MergeSpecification node)
        {
            var inserts = node.ActionClauses.Select(a => a.Action).OfType<InsertMergeAction>().SelectMany(i => i.Columns);
            var sets = node.ActionClauses.Select(a => a.Action).OfType<UpdateMergeAction>().SelectMany(u => u.SetClauses);
            AddTarget(node.Target, node.TableAlias, inserts.ToList(), sets.ToList());
        }

        public override void Visit(CreateTableStatement node) => Creates.Add(node);

        private void AddTarget(TableReference target, Identifier? alias, IList<ColumnReferenceExpression> inserts, IList<SetClause> sets)
        {
            // Unqualified INSERT / SET columns belong to the target; they are checked there, not against every table.
            var columns = inserts.Concat(sets.OfType<AssignmentSetClause>().Select(s => s.Column).OfType<ColumnReferenceExpression>()).ToList();
            Skip.UnionWith(columns.Where(c => c.MultiPartIdentifier?.Count == 1));
            Targets.Add(new DmlTarget(target, alias, columns));
        }
    }
}
