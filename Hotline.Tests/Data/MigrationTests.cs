using Dapper;
using Hotline.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Tests.Data;

/// <summary>A fresh temporary folder, deleted afterwards (release the pools of its databases first: <see cref="SqlitePools"/>).</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hotline-tests-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => System.IO.Directory.Delete(Path, recursive: true);
}

public sealed class MigrationTests : IDisposable
{
    private static readonly string ShippedRoot = Path.Combine(AppContext.BaseDirectory, "sql");

    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        SqlitePools.Release(Factory());
        _temp.Dispose();
    }

    private DbConnectionFactory Factory() =>
        new(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_temp.Path, "hotline.db")}" }, _temp.Path);

    private static MigrationRunner Runner(DbConnectionFactory factory, string root) =>
        new(factory, root, TimeProvider.System, NullLogger<MigrationRunner>.Instance);

    /// <summary>A copy of the shipped migrations the test may edit.</summary>
    private string CopyOfMigrations()
    {
        var root = Path.Combine(_temp.Path, "sql");
        foreach (var file in System.IO.Directory.GetFiles(ShippedRoot, "*.sql", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(root, Path.GetRelativePath(ShippedRoot, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return root;
    }

    private static string Folder(DatabaseProvider provider) => Path.Combine(ShippedRoot, MigrationRunner.ProviderFolder(provider));

    [Fact]
    public void Both_dialects_hold_the_same_migration_numbers()
    {
        static List<string> Numbers(DatabaseProvider provider) => MigrationRunner.LoadScripts(Folder(provider)).Select(s => s.Name[..4]).ToList();

        var sqlite = Numbers(DatabaseProvider.Sqlite);
        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite.Count, sqlite.Distinct().Count()); // one script per number, or the order is a coin toss
        Assert.Equal(sqlite, Numbers(DatabaseProvider.SqlServer));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void No_script_is_silently_ignored(DatabaseProvider provider)
    {
        // The runner only picks up NNNN_name.sql; a misnamed file would never run and nobody would notice.
        var files = System.IO.Directory.GetFiles(Folder(provider), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(files, MigrationRunner.LoadScripts(Folder(provider)).Select(s => s.Name));
    }

    [Fact]
    public async Task Sqlite_migrations_create_the_same_tables_and_columns_as_the_sql_server_schema()
    {
        var factory = Factory();
        var applied = await Runner(factory, ShippedRoot).MigrateAsync();
        Assert.Equal(MigrationRunner.LoadScripts(Folder(DatabaseProvider.Sqlite)).Select(s => s.Name), applied);

        await using var connection = await factory.OpenAsync();
        var tables = (await connection.QueryAsync<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")).ToList();
        // Full-text search is a dialect fragment: SQLite's FTS5 virtual tables (and their shadow tables) have no SQL Server twin.
        var virtualTables = tables.Where(t => t.Sql.StartsWith("CREATE VIRTUAL TABLE", StringComparison.OrdinalIgnoreCase)).Select(t => t.Name).ToList();
        var sqlite = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, _) in tables.Where(t => !virtualTables.Any(v => t.Name == v || t.Name.StartsWith(v + "_", StringComparison.Ordinal))))
        {
            sqlite[name] = (await connection.QueryAsync<string>("SELECT name FROM pragma_table_info(@name)", new { name })).ToList();
        }

        var sqlServer = TSqlSchema.Current.Tables.ToDictionary(t => t.Name, t => t.Columns, StringComparer.Ordinal);
        Assert.Contains("SchemaMigration", sqlite.Keys);
        Assert.Contains("Ticket", sqlite.Keys);
        // Names only (types differ by design); spelled out so a failure says exactly which table or column differs.
        var differences = sqlServer.Keys.Union(sqlite.Keys).Order(StringComparer.Ordinal).SelectMany(table =>
            (sqlServer.GetValueOrDefault(table), sqlite.GetValueOrDefault(table)) switch
            {
                (null, _) => [$"{table}: only in sql/sqlite"],
                (_, null) => [$"{table}: only in sql/sqlserver"],
                var (server, lite) => server.Except(lite, StringComparer.Ordinal).Select(c => $"{table}.{c}: only in sql/sqlserver")
                    .Concat(lite.Except(server, StringComparer.Ordinal).Select(c => $"{table}.{c}: only in sql/sqlite")),
            }).ToList();
        Assert.True(differences.Count == 0, $"The dialects define different schemas:{Environment.NewLine}{string.Join(Environment.NewLine, differences)}");
        Assert.Equal(sqlServer.Count, sqlite.Count);
    }

    [Fact]
    public async Task Migrating_again_is_a_no_op()
    {
        var factory = Factory();
        Assert.NotEmpty(await Runner(factory, ShippedRoot).MigrateAsync());
        var journal = await JournalAsync(factory);

        Assert.Empty(await Runner(factory, ShippedRoot).MigrateAsync());
        Assert.Equal(journal, await JournalAsync(factory));
        Assert.Equal(MigrationRunner.LoadScripts(Folder(DatabaseProvider.Sqlite)).Select(s => s.Name), journal.Select(j => j.ScriptName));
    }

    [Fact]
    public async Task Migration_0015_flags_the_repeat_appeals_among_receipts_already_logged()
    {
        // A database from before 0015: tickets and their receipts, with no flag yet.
        var root = CopyOfMigrations();
        var script = Path.Combine(root, "sqlite", "0015_receipt_repeat_flag.sql");
        var text = await File.ReadAllTextAsync(script);
        File.Delete(script);
        var factory = Factory();
        await Runner(factory, root).MigrateAsync();
        await using (var c = await factory.OpenAsync())
        {
            await c.ExecuteAsync("PRAGMA foreign_keys = OFF"); // the directory rows are beside the point here
            foreach (var (id, phone, category, created) in new[]
            {
                (1L, "13800000001", 10L, "2026-10-01 09:00:00"),
                (2L, "13800000001", 10L, "2026-10-20 09:00:00"), // the same caller and category 19 days later: a repeat
                (3L, "13800000001", 11L, "2026-10-21 09:00:00"), // another category
                (4L, "13800000001", 10L, "2026-12-01 09:00:00"), // 42 days after the last of its category
                (5L, "13800000002", 10L, "2026-10-21 09:00:00"), // another caller
            })
            {
                await c.ExecuteAsync("""
                    INSERT INTO Ticket (Id, Number, Status, Channel, AppealType, Urgency, CategoryId, Title, Content, CallerPhone, CreatedByUserId, CreatedUtc, UpdatedUtc, Version)
                    VALUES (@Id, @Number, 'PendingSign', 'Phone', 'Complaint', 'Normal', @Category, 't', 'c', @Phone, 1, @Created, @Created, 1)
                    """, new { Id = id, Number = $"N{id}", Category = category, Phone = phone, Created = created });
                await c.ExecuteAsync("""
                    INSERT INTO TicketEvent (Id, TicketId, Action, FromStatus, ToStatus, ActorUserId, ActorRole, DepartmentId, OccurredUtc)
                    VALUES (@Id * 10, @Id, 'Register', NULL, 'PendingDispatch', 1, 'Agent', NULL, @Created),
                           (@Id * 10 + 1, @Id, 'Dispatch', 'PendingDispatch', 'PendingSign', 1, 'Dispatcher', 7, @Created)
                    """, new { Id = id, Created = created });
            }
        }

        await File.WriteAllTextAsync(script, text);
        Assert.Equal(["0015_receipt_repeat_flag.sql"], await Runner(factory, root).MigrateAsync());

        await using var after = await factory.OpenAsync();
        var flags = (await after.QueryAsync<(long TicketId, string Action, long? IsRepeat)>("SELECT TicketId, Action, IsRepeat FROM TicketEvent ORDER BY Id")).ToList();
        Assert.All(flags.Where(f => f.Action == "Register"), f => Assert.Null(f.IsRepeat));
        Assert.Equal([0L, 1L, 0L, 0L, 0L], flags.Where(f => f.Action == "Dispatch").Select(f => f.IsRepeat!.Value));
    }

    [Fact]
    public async Task An_applied_script_that_was_edited_stops_the_start()
    {
        var root = CopyOfMigrations();
        var factory = Factory();
        await Runner(factory, root).MigrateAsync();
        var script = MigrationRunner.LoadScripts(Path.Combine(root, "sqlite"))[0].Name;
        await File.AppendAllTextAsync(Path.Combine(root, "sqlite", script), "\n-- an afterthought\n");

        var error = await Assert.ThrowsAsync<MigrationException>(() => Runner(factory, root).MigrateAsync());
        Assert.Contains(script, error.Message);
        Assert.Contains("edited", error.Message);
    }

    [Fact]
    public async Task An_applied_script_that_was_removed_stops_the_start()
    {
        var root = CopyOfMigrations();
        var extra = Path.Combine(root, "sqlite", "9999_extra_table.sql");
        await File.WriteAllTextAsync(extra, "CREATE TABLE ExtraTable (Id INTEGER NOT NULL PRIMARY KEY);\n");
        var factory = Factory();
        Assert.Contains("9999_extra_table.sql", await Runner(factory, root).MigrateAsync());
        File.Delete(extra);

        var error = await Assert.ThrowsAsync<MigrationException>(() => Runner(factory, root).MigrateAsync());
        Assert.Contains("9999_extra_table.sql", error.Message);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public async Task A_failing_script_leaves_nothing_half_applied()
    {
        var root = CopyOfMigrations();
        await File.WriteAllTextAsync(Path.Combine(root, "sqlite", "9999_broken.sql"),
            "CREATE TABLE HalfDone (Id INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO NoSuchTable (Id) VALUES (1);\n");
        var factory = Factory();
        await Assert.ThrowsAsync<SqliteException>(() => Runner(factory, root).MigrateAsync());

        await using var connection = await factory.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'HalfDone'"));
        Assert.DoesNotContain("9999_broken.sql", (await JournalAsync(factory)).Select(j => j.ScriptName));
    }

    [Fact]
    public async Task Connections_use_wal_full_sync_and_foreign_keys()
    {
        var factory = Factory();
        await Runner(factory, ShippedRoot).MigrateAsync();
        await using var connection = await factory.OpenAsync();

        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous")); // FULL: acknowledged means durable
        // And the foreign keys really bite: an area under a parent that does not exist is refused.
        var error = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(
            "INSERT INTO Area (Id, Code, Name, Level, ParentId, CreatedUtc, UpdatedUtc) VALUES (1, 'A', 'A', 'District', 999, '2026-01-01', '2026-01-01')"));
        Assert.Contains("FOREIGN KEY", error.Message);
    }

    private static async Task<List<(string ScriptName, string Checksum, string AppliedUtc)>> JournalAsync(DbConnectionFactory factory)
    {
        await using var connection = await factory.OpenAsync();
        return (await connection.QueryAsync<(string, string, string)>(
            "SELECT ScriptName, Checksum, AppliedUtc FROM SchemaMigration ORDER BY ScriptName")).ToList();
    }
}
