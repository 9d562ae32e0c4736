namespace Hotline.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Bound from configuration: <c>Database:Provider</c> and <c>ConnectionStrings:Hotline</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, empty means a file named hotline.db in the data folder.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Folder of the SQLite file, relative to the content root unless rooted.</summary>
    public string DataFolder { get; set; } = "App_Data";

    /// <summary>Where the numbered migration scripts live (holds sqlite/ and sqlserver/).</summary>
    public string MigrationsFolder { get; set; } = "";

    /// <summary>SQLite: how long a connection waits for a lock before it reports busy.</summary>
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>
    /// SQLite: the page cache of the one connection that writes. It stays open, so what a commit touched is still cached at
    /// the next; a sweep catching up hours of escalations keeps its dirty pages here until it commits.
    /// </summary>
    public int WriterCacheMb { get; set; } = 128;

    /// <summary>
    /// SQLite: how many statements each connection keeps compiled (<see cref="StatementCachingConnection"/>): the writer's, and
    /// the read connections <see cref="Database"/> keeps open between reads. 0 compiles each anew and opens a connection per read.
    /// </summary>
    public int CachedStatements { get; set; } = 256;

    /// <summary>SQLite: how often, at most, the WAL is checkpointed into the database file, off the commit path.</summary>
    public int CheckpointIntervalMs { get; set; } = 1000;

    /// <summary>
    /// SQLite: from this size the WAL is made to start over (its file is then reused, so it stays about this size). Each
    /// start-over holds the writer for 20-130 ms (it syncs the database file), so it should come rarely: at 300
    /// registrations a second the log grows about 40 MB a second, and 64 MB put a start-over every 2 s and 3 % of
    /// registrations behind one (bench/RESULTS.md). A reader searches only the frames the checkpoints have not yet copied
    /// into the database file, so while they keep up a longer log does not slow reads.
    /// </summary>
    public int WalLimitMb { get; set; } = 512;
}
