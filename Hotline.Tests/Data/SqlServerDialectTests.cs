using Hotline.Core.Data;

namespace Hotline.Tests.Data;

/// <summary>
/// No SQL Server engine runs here, so the SQL Server dialect is checked statically: every migration and every
/// statement the code can send parses as T-SQL and names only tables and columns the migrations create.
/// </summary>
public sealed class SqlServerDialectTests
{
    public static TheoryData<string> Migrations =>
        new(MigrationRunner.LoadScripts(TSqlSchema.SqlServerFolder).Select(s => s.Name));

    public static TheoryData<string> Statements => new(SqlStatementCatalog.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Migrations))]
    public void Migration_parses_as_tsql(string script)
    {
        var sql = MigrationRunner.LoadScripts(TSqlSchema.SqlServerFolder).Single(s => s.Name == script).Sql;
        var statements = TSqlSchema.Batches(sql)
            .Where(b => !string.IsNullOrWhiteSpace(b.Sql))
            .Sum(b => TSqlSchema.Parse(b.Sql, script, b.FirstLine).Batches.Sum(x => x.Statements.Count));
        Assert.True(statements > 0, $"{script} holds no statement");
    }

    [Fact]
    public void Migrations_build_the_schema_model_with_the_journal()
    {
        var schema = TSqlSchema.Current;
        Assert.Equal(MigrationRunner.LoadScripts(TSqlSchema.SqlServerFolder).Select(s => s.Name), schema.Scripts);
        Assert.Equal(["ScriptName", "Checksum", "AppliedUtc"], schema.Find("SchemaMigration")!.Columns);
        Assert.Contains("Version", schema.Find("Ticket")!.Columns);
        Assert.True(schema.Tables.Count > 1);
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statement_parses_and_names_only_existing_tables_and_columns(string statement)
    {
        var sql = SqlStatementCatalog.All.Single(s => s.Name == statement).Sql;
        Assert.True(TSqlReferenceChecker.Check(sql, TSqlSchema.Current, statement) > 0);
    }

    [Fact]
    public void Catalog_holds_the_statements_of_Hotline_Core()
    {
        var names = SqlStatementCatalog.All.Select(s => s.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains(SqlStatementCatalog.All, s => s.Origin.Assembly == typeof(ISqlDialect).Assembly);
        Assert.Contains("MigrationRunner.SelectApplied", names);
        Assert.Contains("MigrationRunner.InsertApplied", names);
        Assert.Contains("MigrationRunner.JournalSqlServer", names);
        Assert.Contains("SqlServerDialect.NextTicketSequence", names);
        Assert.DoesNotContain("MigrationRunner.JournalSqlite", names); // never sent to SQL Server
    }

    [Fact]
    public void Discovery_finds_consts_dialect_methods_and_samples_in_nested_classes()
    {
        var found = SqlStatementCatalog.SqlClassesIn(typeof(SqlServerDialectTests).Assembly).ToList();
        Assert.Contains(typeof(CatalogFixtureSql), found);
        Assert.Contains(typeof(CatalogFixtureSql.NestedSql), found);
        Assert.DoesNotContain(typeof(NotAStaticSql), found);

        var statements = SqlStatementCatalog.Discover([typeof(CatalogFixtureSql), typeof(CatalogFixtureSql.NestedSql)]).ToList();
        const string fixture = "SqlServerDialectTests.CatalogFixtureSql";
        Assert.Equal(
            [
                $"{fixture}.CountEventsSqlServer", $"{fixture}.SelectByStatus", // not CountEventsSqlite, not ColumnsFragment
                $"{fixture}.Latest", // not Search (it takes arguments), not NotSql (not a string)
                $"{fixture}.Samples[0]", $"{fixture}.Samples[1]",
                $"{fixture}.NestedSql.SelectUser",
            ],
            statements.Select(s => s.Name));
        Assert.Contains("TOP (10)", statements.Single(s => s.Name == $"{fixture}.Latest").Sql); // rendered for SQL Server
        Assert.Contains("AND LeadDepartmentId = @DepartmentId", statements.Single(s => s.Name == $"{fixture}.Samples[1]").Sql);
        Assert.All(statements, s => Assert.Equal(1, TSqlReferenceChecker.Check(s.Sql, TSqlSchema.Current, s.Name)));
    }

    [Fact]
    public void A_class_building_sql_from_arguments_must_expose_samples()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SqlStatementCatalog.StatementsOf(typeof(NoSamplesSql)).ToList());
        Assert.Contains("NoSamplesSql", error.Message);
        Assert.Contains("Samples(ISqlDialect dialect)", error.Message);
    }

    [Theory]
    [InlineData("SELECT t.Id, t.Nmber FROM Ticket t", "unknown column t.Nmber")]
    [InlineData("SELECT Nmber FROM Ticket WHERE Id = @Id", "unknown column Nmber")]
    [InlineData("SELECT Id FROM Tickets", "unknown table Tickets")]
    [InlineData("SELECT x.Id FROM Ticket t", "unknown table or alias x")]
    [InlineData("SELECT d.Name FROM Ticket t JOIN Department d ON d.Id = t.LeadDepartmentId WHERE d.Status = @Status", "unknown column d.Status")]
    [InlineData("INSERT INTO TicketEvent (Id, Bogus) VALUES (@Id, @Bogus)", "unknown column Bogus in the target TicketEvent")]
    [InlineData("UPDATE Ticket SET Bogus = 1 WHERE Id = @Id", "unknown column Bogus in the target Ticket")]
    [InlineData("UPDATE t SET t.Version = t.Version + 1 FROM Ticket t WHERE t.Nope = 1", "unknown column t.Nope")]
    [InlineData("DELETE FROM TicketEvents WHERE Id = @Id", "unknown table TicketEvents")]
    [InlineData("SELECT s.Nope FROM (SELECT Id FROM Ticket) s", "unknown column s.Nope")]
    [InlineData("SELECT s.Id FROM (SELECT Id FROM Ticket WHERE Bogus = 1) s", "unknown column Bogus")]
    [InlineData("WITH c AS (SELECT Id FROM Ticket) SELECT c.Bad FROM c", "unknown column c.Bad")]
    [InlineData("WITH c AS (SELECT Id FROM Ticket t WHERE t.Bad = 1) SELECT Id FROM c", "unknown column t.Bad")]
    [InlineData("SELECT Id FROM Ticket WHERE Id IN (SELECT TicketId FROM TicketEvent WHERE Actor = @Actor)", "unknown column Actor")]
    [InlineData("INSERT INTO Ticket (Id) OUTPUT inserted.Nope VALUES (@Id)", "unknown column inserted.Nope")]
    [InlineData("MERGE TicketNumberSequence AS target USING (SELECT @Day AS Day) AS source ON target.Day = source.Dya WHEN NOT MATCHED THEN INSERT (Day, LastValue) VALUES (source.Day, 1);", "unknown column source.Dya")]
    [InlineData("MERGE TicketNumberSequence AS target USING (SELECT @Day AS Day) AS source ON target.Day = source.Day WHEN MATCHED THEN UPDATE SET LastVal = 1;", "unknown column LastVal in the target TicketNumberSequence")]
    [InlineData("MERGE TicketNumberSequence AS target USING (SELECT @Day AS Day) AS source ON target.Day = source.Day WHEN MATCHED THEN UPDATE SET LastValue = 1 OUTPUT inserted.Value;", "unknown column inserted.Value")]
    [InlineData("SELECT Id FROM Ticket ORDER BY Id LIMIT 5", "does not parse")]
    [InlineData("SELECT Id FROM Ticket LIMIT 5", "does not parse")]
    [InlineData("UPDATE Ticket SET Version = Version + 1 WHERE Id = @Id RETURNING Version", "does not parse")]
    [InlineData("INSERT OR IGNORE INTO Area (Id) VALUES (@Id)", "does not parse")]
    [InlineData("SELECT Id FROM Ticket WHERE Title = 'a' || 'b'", "does not parse")]
    [InlineData("SELECT Id FROM Ticket\nGO\nSELECT Id FROM Area", "expected one batch")]
    [InlineData("", "expected one batch")]
    public void Checker_rejects(string sql, string expected)
    {
        var error = Assert.Throws<TSqlCheckException>(() => TSqlReferenceChecker.Check(sql, TSqlSchema.Current, "Fixture.Bad"));
        Assert.Contains(expected, error.Message);
        Assert.Contains("Fixture.Bad", error.Message); // the failure names the statement
    }

    [Fact]
    public void Checker_rejects_the_sqlite_dialect()
    {
        var sqlite = new SqliteDialect();
        Assert.Throws<TSqlCheckException>(() => TSqlReferenceChecker.Check(sqlite.NextTicketSequence, TSqlSchema.Current, "SqliteDialect.NextTicketSequence"));
        Assert.Throws<TSqlCheckException>(() => TSqlReferenceChecker.Check($"SELECT Id FROM Ticket ORDER BY Id {sqlite.Paging}", TSqlSchema.Current, "SqliteDialect.Paging"));
    }

    [Theory]
    [InlineData("SELECT t.*, d.Name AS DepartmentName FROM dbo.Ticket t LEFT JOIN Department d ON d.Id = t.LeadDepartmentId ORDER BY DepartmentName")]
    [InlineData("UPDATE t SET Version = t.Version + 1, UpdatedUtc = @NowUtc FROM Ticket t JOIN TicketDepartment td ON td.TicketId = t.Id WHERE td.DepartmentId = @DepartmentId")]
    [InlineData("SELECT COUNT(*) AS Overdue FROM Ticket WHERE CreatedUtc < DATEADD(day, -3, @NowUtc) AND DATEDIFF(hour, CreatedUtc, @NowUtc) > 2")]
    [InlineData("WITH Recent (TicketId, Events) AS (SELECT TicketId, COUNT(*) FROM TicketEvent GROUP BY TicketId) SELECT r.TicketId, Events FROM Recent r WHERE r.Events > 2")]
    [InlineData("UPDATE TicketDepartment SET SignState = @SignState OUTPUT inserted.Id, deleted.SignState WHERE Id = @Id AND SignState = N'Pending'")]
    [InlineData("SELECT t.Id FROM Ticket t JOIN OPENJSON(@Ids) WITH (Id BIGINT '$') AS j ON j.Id = t.Id")]
    [InlineData("SELECT v.Code FROM (VALUES (N'a'), (N'b')) AS v (Code) WHERE NOT EXISTS (SELECT 1 FROM Area a WHERE a.Code = v.Code)")]
    [InlineData("DELETE FROM PersonalDataAccess WHERE AccessedUtc < @BeforeUtc; SELECT @@ROWCOUNT AS Deleted")]
    public void Checker_accepts(string sql) => Assert.True(TSqlReferenceChecker.Check(sql, TSqlSchema.Current, "Fixture.Good") > 0);

    /// <summary>Stands for a feature's SQL class: proves what the catalog's convention picks up, and what it leaves.</summary>
    internal static class CatalogFixtureSql
    {
        public const string SelectByStatus = "SELECT t.Id, t.Number FROM Ticket t WHERE t.Status = @Status";

        internal const string CountEventsSqlite = "SELECT COUNT(*) FROM TicketEvent WHERE TicketId = @TicketId LIMIT 1";

        internal const string ColumnsFragment = "Id, Number, Status";

        private const string CountEventsSqlServer = "SELECT COUNT_BIG(*) FROM TicketEvent WITH (NOLOCK) WHERE TicketId = @TicketId";

        public static string Latest(ISqlDialect dialect) =>
            $"SELECT {dialect.Top(10)} {ColumnsFragment} FROM Ticket ORDER BY CreatedUtc DESC {dialect.Limit(10)}";

        public static string Search(ISqlDialect dialect, bool byStatus, bool byDepartment) =>
            $"""
            SELECT {ColumnsFragment} FROM Ticket WHERE 1 = 1
            {(byStatus ? "AND Status = @Status" : "")}
            {(byDepartment ? "AND LeadDepartmentId = @DepartmentId" : "")}
            ORDER BY CreatedUtc DESC {dialect.Paging}
            """;

        public static IEnumerable<string> Samples(ISqlDialect dialect) => [Search(dialect, false, false), Search(dialect, true, true)];

        public static int NotSql(ISqlDialect dialect) => dialect.Paging.Length;

        // Keeps the private const referenced, as real code would use it.
        internal static int Used => CountEventsSqlServer.Length + CountEventsSqlite.Length;

        internal static class NestedSql
        {
            public const string SelectUser = "SELECT Id, UserName FROM AppUser WHERE UserName = @UserName";
        }
    }

    internal static class NoSamplesSql
    {
        public static string Page(ISqlDialect dialect, int take) => $"SELECT {dialect.Top(take)} Id FROM Ticket {dialect.Limit(take)}";
    }

    internal sealed class NotAStaticSql
    {
        public const string Ignored = "SELECT Bogus FROM Nowhere";
    }
}
