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
}
