using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Hotline.Core.Data;

/// <summary>The one place that opens database connections, for the configured provider.</summary>
public sealed class DbConnectionFactory
{
    private readonly string _connectionString;

    /// <summary>What every connection is opened with (for SQLite also the key of its connection pool).</summary>
    internal string ConnectionString => _connectionString;

    public DbConnectionFactory(DatabaseOptions options, string contentRoot)
    {
        Provider = options.Provider;
        Dialect = options.Provider == DatabaseProvider.SqlServer ? new SqlServerDialect() : new SqliteDialect();
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException("ConnectionStrings:Hotline is required when Database:Provider is SqlServer.");
            }

            _connectionString = options.ConnectionString;
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (string.IsNullOrEmpty(builder.DataSource))
            {
                var folder = Path.GetFullPath(Path.Combine(contentRoot, options.DataFolder));
                System.IO.Directory.CreateDirectory(folder);
                builder.DataSource = Path.Combine(folder, "hotline.db");
            }

            builder.Pooling = true;
            builder.DefaultTimeout = Math.Max(1, options.BusyTimeoutMs / 1000);
            _connectionString = builder.ToString();
            SqliteFile = builder.DataSource;
            _busyTimeoutMs = options.BusyTimeoutMs;
            _writerCacheKb = options.WriterCacheMb * 1024;
            CachedStatements = options.CachedStatements;
            CheckpointInterval = TimeSpan.FromMilliseconds(options.CheckpointIntervalMs);
            WalLimitFrames = options.WalLimitMb * 1024L * 1024 / 4096; // frames of the default 4 KB page
        }
    }

    private readonly int _busyTimeoutMs;

    public int BusyTimeoutMs => _busyTimeoutMs;
    private readonly int _writerCacheKb;
    /// <summary>SQLite: statements kept compiled per connection of <see cref="Database"/> (0: none, and read connections are not kept open).</summary>
    public int CachedStatements { get; }
    private bool _walSet;

    public DatabaseProvider Provider { get; }

    public ISqlDialect Dialect { get; }

    /// <summary>The SQLite database file, or null on SQL Server.</summary>
    public string? SqliteFile { get; }

    /// <summary>SQLite: how often, at most, <see cref="Database"/> checkpoints the WAL.</summary>
    public TimeSpan CheckpointInterval { get; }

    /// <summary>SQLite: from this many frames in the WAL, <see cref="Database"/> makes the log start over.</summary>
    public long WalLimitFrames { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (Provider == DatabaseProvider.SqlServer)
        {
            var sql = new SqlConnection(_connectionString);
            await sql.OpenAsync(ct);
            return sql;
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        // WAL is a property of the file, set once; the others belong to each connection.
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = (Volatile.Read(ref _walSet) ? "" : "PRAGMA journal_mode=WAL; ")
            + $"PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={_busyTimeoutMs};";
        await pragma.ExecuteNonQueryAsync(ct);
        Volatile.Write(ref _walSet, true);
        return connection;
    }

    /// <summary>SQLite: a connection that keeps its statements compiled (<see cref="Database"/> keeps its read connections open).</summary>
    internal async Task<StatementCachingConnection> OpenCachingAsync(CancellationToken ct) =>
        new((SqliteConnection)await OpenAsync(ct), CachedStatements);

    /// <summary>
    /// SQLite: the connection <see cref="Database"/> writes through, kept open. Its page cache is larger, and it leaves
    /// checkpoints to <see cref="Database"/> (which runs them on another connection): a commit that crosses the WAL's
    /// threshold would otherwise copy the WAL into the database file before it returns. It keeps the statements it runs
    /// compiled (<see cref="StatementCachingConnection"/>).
    /// </summary>
    public async Task<DbConnection> OpenWriterAsync(CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA cache_size=-{_writerCacheKb}; PRAGMA wal_autocheckpoint=0;";
        await pragma.ExecuteNonQueryAsync(ct);
        return CachedStatements > 0 ? new StatementCachingConnection((SqliteConnection)connection, CachedStatements) : connection;
    }
}
