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
        SqlitePools.Release(_factory);
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
        var scripts = MigrationRunner.LoadScripts(Path.Combine(AppContext.BaseDirectory, "sql", "sqlite"));
        Assert.Equal(scripts.Count, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM SchemaMigration"));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Department")); // migrating never seeds
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(1024, false)]
    public async Task Under_steady_writes_and_reads_the_wal_starts_over_once_past_its_limit(int walLimitMb, bool bounded)
    {
        var options = new DatabaseOptions { DataFolder = _folder, WalLimitMb = walLimitMb, CheckpointIntervalMs = 20 };
        var factory = new DbConnectionFactory(options, _folder);
        await using (var setup = await factory.OpenAsync())
        {
            await setup.ExecuteAsync("CREATE TABLE Filler (Id INTEGER PRIMARY KEY, Body TEXT NOT NULL)");
        }

        await using var db = new Database(factory, TransientFaults.CreatePipeline());
        using var stop = new CancellationTokenSource();
        // Readers that always overlap, as agents' screens do: without the rewind no moment comes when none is on the log.
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await db.ReadAsync((c, ct) => c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM Filler", cancellationToken: ct)), CancellationToken.None);
            }
        })).ToList();

        var body = new string('x', 4000);
        long largest = 0;
        for (var i = 0; i < 2000; i++)
        {
            await db.WriteAsync((c, tx, ct) => c.ExecuteAsync(new CommandDefinition("INSERT INTO Filler (Body) VALUES (@Body)", new { Body = body }, tx, cancellationToken: ct)), CancellationToken.None);
            largest = Math.Max(largest, new FileInfo(factory.SqliteFile + "-wal").Length);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(2000, await db.ReadAsync((c, ct) => c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM Filler", cancellationToken: ct)), CancellationToken.None));
        // 2,000 rows of 4 KB write at least 8 MB of log; bounded, the log file stays within a few times its 1 MB limit.
        Assert.Equal(bounded, largest < 4 * 1024 * 1024);
    }
}
