using Hotline.Core.Data;
using Microsoft.Data.Sqlite;

namespace Hotline.Tests.Data;

/// <summary>
/// Releases the pooled SQLite handles of one database before its folder is deleted. Only that database's pool, never
/// <see cref="SqliteConnection.ClearAllPools"/>: that reaches the pools of the tests running at the same time, and a
/// read in another test's app failed on a disposed connection handle the moment a finishing test called it.
/// </summary>
internal static class SqlitePools
{
    public static void Release(string connectionString) => SqliteConnection.ClearPool(new SqliteConnection(connectionString));

    public static void Release(DbConnectionFactory factory) => Release(factory.ConnectionString);
}
