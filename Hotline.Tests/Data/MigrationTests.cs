using Dapper;
using Hotline.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Tests.Data;

/// <summary>The migration runner and the scripts of both dialects, on real SQLite files.</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hotline-migrations", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(_folder))
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
    }

    private static string Shipped => Path.Combine(AppContext.BaseDirectory, "sql");

    private (DbConnectionFactory Factory, MigrationRunner Runner) Runner(string sqlRoot, string name = "test")
    {
        var factory = new DbConnectionFactory(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_folder, name + ".db")}" }, _folder);
        System.IO.Directory.CreateDirectory(_folder);
        return (factory, new MigrationRunner(factory, sqlRoot, TimeProvider.System, NullLogger<MigrationRunner>.Instance));
    }

    private string CopyOfScripts()
    {
        var copy = Path.Combine(_folder, "sql");
        foreach (var file in System.IO.Directory.GetFiles(Shipped, "*.sql", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Shipped, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    [Fact]
    public void Both_folders_hold_the_same_numbers()
    {
        static IEnumerable<string> Numbers(string provider) =>
            MigrationRunner.LoadScripts(Path.Combine(Shipped, provider)).Select(s => s.Name[..4]);
        Assert.NotEmpty(Numbers("sqlite"));
        Assert.Equal(Numbers("sqlite"), Numbers("sqlserver"));
    }

    [Fact]
    public async Task The_sqlite_scripts_build_the_same_tables_and_columns_as_the_sqlserver_ones()
    {
        var (factory, runner) = Runner(Shipped);
        var applied = await runner.MigrateAsync();
        Assert.Equal(MigrationRunner.LoadScripts(Path.Combine(Shipped, "sqlite")).Select(s => s.Name), applied);

        await using var c = await factory.OpenAsync();
        var tables = (await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).ToList();
        var sqlServer = TSqlSchema.Current;
        Assert.Equal(sqlServer.Tables.Select(t => t.Name).Order(StringComparer.OrdinalIgnoreCase), tables.Order(StringComparer.OrdinalIgnoreCase));
        foreach (var table in tables)
        {
            var columns = await c.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table}')");
            Assert.Equal(sqlServer.Find(table)!.Columns.Order(StringComparer.OrdinalIgnoreCase), columns.Order(StringComparer.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Rerunning_is_a_no_op()
    {
        var (factory, runner) = Runner(Shipped);
        await runner.MigrateAsync();
        Assert.Empty(await runner.MigrateAsync());
        await using var c = await factory.OpenAsync();
        Assert.Equal(MigrationRunner.LoadScripts(Path.Combine(Shipped, "sqlite")).Count, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM SchemaMigration"));
    }

    [Fact]
    public async Task An_edited_applied_script_stops_the_start()
    {
        var scripts = CopyOfScripts();
        var (_, runner) = Runner(scripts);
        await runner.MigrateAsync();
        File.AppendAllText(Path.Combine(scripts, "sqlite", "0001_schema_v1.sql"), "\n-- edited after it ran\n");
        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.MigrateAsync());
        Assert.Contains("0001_schema_v1.sql", error.Message);
        Assert.Contains("edited", error.Message);
    }

    [Fact]
    public async Task A_removed_applied_script_stops_the_start()
    {
        var scripts = CopyOfScripts();
        var (_, runner) = Runner(scripts);
        await runner.MigrateAsync();
        var last = MigrationRunner.LoadScripts(Path.Combine(scripts, "sqlite"))[^1].Name;
        File.Delete(Path.Combine(scripts, "sqlite", last));
        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.MigrateAsync());
        Assert.Contains(last, error.Message);
    }

    [Fact]
    public async Task Connections_are_durable_wal_with_foreign_keys()
    {
        var (factory, runner) = Runner(Shipped);
        await runner.MigrateAsync();
        await using var c = await factory.OpenAsync();
        Assert.Equal("wal", await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("PRAGMA synchronous")); // FULL: an acknowledged commit survives power loss
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        await Assert.ThrowsAsync<SqliteException>(() => c.ExecuteAsync("INSERT INTO Area (Id, Code, Name, Level, ParentId, IsActive, CreatedUtc, UpdatedUtc) VALUES (1, 'X', 'X', 'Street', 424242, 1, '', '')"));
    }
}
