using System.Diagnostics;
using Dapper;
using Hotline.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Tests.Data;

/// <summary>Units of work on a real, migrated SQLite file: all or nothing, retried whole on transient faults.</summary>
public sealed class UnitOfWorkTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hotline-uow", Guid.NewGuid().ToString("N"));
    private DbConnectionFactory _factory = null!;

    public async Task InitializeAsync()
    {
        DapperSetup.Configure();
        _factory = new DbConnectionFactory(new DatabaseOptions { DataFolder = _folder }, _folder);
        await new MigrationRunner(_factory, Path.Combine(AppContext.BaseDirectory, "sql"), TimeProvider.System, NullLogger<MigrationRunner>.Instance).MigrateAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private const string InsertArea = "INSERT INTO Area (Id, Code, Name, Level, IsActive, CreatedUtc, UpdatedUtc) VALUES (@Id, @Code, '测试', 'District', 1, @Now, @Now)";

    private async Task<long> CountAsync()
    {
        await using var c = await _factory.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Area");
    }

    [Fact]
    public async Task A_transient_fault_retries_the_whole_unit_and_its_first_attempt_leaves_nothing()
    {
        var db = new Database(_factory, TransientFaults.CreatePipeline());
        var attempts = 0;
        await db.WriteAsync(async (c, tx, ct) =>
        {
            attempts++;
            await c.ExecuteAsync(new CommandDefinition(InsertArea, new { Id = attempts, Code = $"A{attempts}", Now = DateTime.UtcNow }, tx, cancellationToken: ct));
            if (attempts == 1)
            {
                throw new SqliteException("database is locked", 5); // SQLITE_BUSY
            }
        }, CancellationToken.None);

        Assert.Equal(2, attempts);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Any_other_fault_is_not_retried_and_rolls_everything_back()
    {
        var db = new Database(_factory, TransientFaults.CreatePipeline());
        var attempts = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.WriteAsync(async (c, tx, ct) =>
        {
            attempts++;
            await c.ExecuteAsync(new CommandDefinition(InsertArea, new { Id = 1, Code = "A1", Now = DateTime.UtcNow }, tx, cancellationToken: ct));
            throw new InvalidOperationException("half done");
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public void Transient_faults_are_recognised_for_both_engines()
    {
        Assert.True(TransientFaults.IsTransient(new SqliteException("busy", 5)));
        Assert.True(TransientFaults.IsTransient(new SqliteException("locked", 6)));
        Assert.False(TransientFaults.IsTransient(new SqliteException("constraint", 19)));
        Assert.True(TransientFaults.IsTransient(new TimeoutException()));
        Assert.False(TransientFaults.IsTransient(new InvalidOperationException()));
    }

    [Fact]
    public async Task Migrate_mode_applies_the_scripts_and_exits_without_serving_or_seeding()
    {
        var api = Path.Combine(AppContext.BaseDirectory, "Hotline.Api.dll");
        var folder = Path.Combine(_folder, "migrate-only");
        var start = new ProcessStartInfo("dotnet", [api, "--migrate", $"--Database:DataFolder={folder}", "--Logging:LogLevel:Default=Warning"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "--migrate did not exit");
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Migrated: 0001_schema_v1.sql", output);

        var migrated = new DbConnectionFactory(new DatabaseOptions { DataFolder = folder }, folder);
        await using var c = await migrated.OpenAsync();
        var scripts = System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "sql", "sqlite"), "*.sql").Length;
        Assert.Equal(scripts, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM SchemaMigration")); // every script, whatever their number
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Department")); // migrating never seeds
    }
}
