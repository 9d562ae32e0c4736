using Hotline.Core.Data;

namespace Hotline.Tests.Data;

/// <summary>
/// There is no SQL Server engine here, so its dialect is checked by a real T-SQL parser (ScriptDom TSql150Parser): every
/// migration parses, and every statement the code can send parses and names only tables and columns the migrations create.
/// </summary>
public sealed class SqlServerDialectTests
{
    public static TheoryData<string> Statements()
    {
        var data = new TheoryData<string>();
        foreach (var statement in SqlStatementCatalog.SqlServer())
        {
            data.Add(statement.Source);
        }

        return data;
    }

    [Fact]
    public void Every_sqlserver_migration_parses_and_builds_the_schema()
    {
        var schema = TSqlSchema.Current;
        Assert.Equal(MigrationRunner.LoadScripts(TSqlSchema.SqlServerFolder).Select(s => s.Name), schema.Scripts);
        foreach (var table in new[] { "Ticket", "TicketEvent", "TicketDepartment", "Department", "Area", "Category", "AppUser", "Escalation", "CalendarDay", "SchemaMigration" })
        {
            Assert.NotNull(schema.Find(table));
        }

        Assert.True(schema.Find("Ticket")!.Has("HandleDueUtc")); // added by ALTER TABLE in a later migration
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void Every_statement_the_code_sends_parses_as_tsql_and_names_only_what_exists(string source)
    {
        var statement = SqlStatementCatalog.SqlServer().Single(s => s.Source == source);
        TSqlReferenceChecker.Check(statement.Sql, TSqlSchema.Current, source);
    }

    [Fact]
    public void The_catalogue_finds_the_features_statements()
    {
        var sources = SqlStatementCatalog.SqlServer().Select(s => s.Source).ToList();
        Assert.Contains("TicketSql.Insert", sources);
        Assert.Contains("TicketSql.CallerHistory", sources);
        Assert.Contains(sources, s => s.StartsWith("TicketSql.Samples[", StringComparison.Ordinal));
        Assert.Contains("EscalationSql.Raise", sources);
        Assert.Contains("MigrationRunner.JournalSqlServer", sources);
        Assert.DoesNotContain("MigrationRunner.JournalSqlite", sources);
        Assert.True(sources.Count > 80, $"only {sources.Count} statements found");
    }

    [Theory]
    [InlineData("SELECT NoSuchColumn FROM Ticket", "NoSuchColumn")]
    [InlineData("SELECT t.Id FROM NoSuchTable t", "NoSuchTable")]
    [InlineData("SELECT x.Id FROM Ticket t", "x")]
    [InlineData("UPDATE Ticket SET Nope = 1 WHERE Id = @Id", "Nope")]
    [InlineData("INSERT INTO Area (Id, Missing) VALUES (@Id, @Missing)", "Missing")]
    [InlineData("SELECT Id FROM Ticket LIMIT 5", "")]
    [InlineData("INSERT INTO Area (Id) VALUES (1) RETURNING Id", "")]
    public void The_checker_is_not_vacuous(string sql, string named)
    {
        var error = Assert.ThrowsAny<Exception>(() => TSqlReferenceChecker.Check(sql, TSqlSchema.Current, "negative"));
        Assert.Contains(named, error.Message);
    }
}
