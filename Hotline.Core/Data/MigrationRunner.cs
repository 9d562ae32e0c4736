using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Hotline.Core.Data;

public sealed class MigrationException(string message) : Exception(message);

public sealed record MigrationScript(string Name, string Sql, string Checksum);

/// <summary>
/// Applies <c>sql/&lt;provider&gt;/NNNN_*.sql</c> in order, one transaction each, journalled with a checksum in
/// <c>SchemaMigration</c>. Re-running is a no-op; an applied script that was edited or removed stops the start,
/// because the database would no longer match what the code expects.
/// </summary>
public sealed partial class MigrationRunner(DbConnectionFactory factory, string migrationsRoot, TimeProvider time, ILogger<MigrationRunner> logger)
{
    private const string JournalSqlite = """
        CREATE TABLE IF NOT EXISTS SchemaMigration (
            ScriptName  TEXT NOT NULL PRIMARY KEY,
            Checksum    TEXT NOT NULL,
            AppliedUtc  TEXT NOT NULL
        )
        """;

    private const string JournalSqlServer = """
        IF OBJECT_ID(N'SchemaMigration', N'U') IS NULL
        CREATE TABLE SchemaMigration (
            ScriptName  NVARCHAR(200) NOT NULL CONSTRAINT PK_SchemaMigration PRIMARY KEY,
            Checksum    CHAR(64)      NOT NULL,
            AppliedUtc  DATETIME2(3)  NOT NULL
        )
        """;

    internal const string SelectApplied = "SELECT ScriptName, Checksum FROM SchemaMigration";

    internal const string InsertApplied = "INSERT INTO SchemaMigration (ScriptName, Checksum, AppliedUtc) VALUES (@ScriptName, @Checksum, @AppliedUtc)";

    [GeneratedRegex(@"^\d{4}_[A-Za-z0-9_]+\.sql$")]
    private static partial Regex ScriptName();

    [GeneratedRegex(@"^\s*GO\s*;?\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex BatchSeparator();

    public static string ProviderFolder(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer ? "sqlserver" : "sqlite";

    public static IReadOnlyList<MigrationScript> LoadScripts(string folder)
    {
        if (!System.IO.Directory.Exists(folder))
        {
            throw new MigrationException($"Migration folder not found: {folder}");
        }

        return System.IO.Directory.GetFiles(folder, "*.sql")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => ScriptName().IsMatch(name))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var sql = File.ReadAllText(Path.Combine(folder, name)).Replace("\r\n", "\n");
                var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
                return new MigrationScript(name, sql, checksum);
            })
            .ToList();
    }

    /// <summary>Brings the database up to date; returns the names of the scripts applied now.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        var scripts = LoadScripts(Path.Combine(migrationsRoot, ProviderFolder(factory.Provider)));
        await using var connection = await factory.OpenAsync(ct);
        var sqlServer = factory.Provider == DatabaseProvider.SqlServer;
        await connection.ExecuteAsync(new CommandDefinition(sqlServer ? JournalSqlServer : JournalSqlite, cancellationToken: ct));

        var applied = (await connection.QueryAsync<(string ScriptName, string Checksum)>(new CommandDefinition(SelectApplied, cancellationToken: ct)))
            .ToDictionary(r => r.ScriptName, r => r.Checksum.Trim());
        var byName = scripts.ToDictionary(s => s.Name);
        foreach (var (name, checksum) in applied)
        {
            if (!byName.TryGetValue(name, out var script))
            {
                throw new MigrationException($"Applied migration {name} is missing from the migrations folder; restore it (migrations are forward-only).");
            }

            if (script.Checksum != checksum)
            {
                throw new MigrationException($"Applied migration {name} was edited after it ran (checksum {checksum[..12]} now {script.Checksum[..12]}); add a new script instead.");
            }
        }

        var done = new List<string>();
        foreach (var script in scripts.Where(s => !applied.ContainsKey(s.Name)))
        {
            await ApplyAsync(connection, script, sqlServer, ct);
            done.Add(script.Name);
            logger.LogInformation("Applied migration {Script}", script.Name);
        }

        return done;
    }

    private async Task ApplyAsync(DbConnection connection, MigrationScript script, bool sqlServer, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var batches = sqlServer ? BatchSeparator().Split(script.Sql) : [script.Sql];
        foreach (var batch in batches.Where(b => !string.IsNullOrWhiteSpace(b)))
        {
            await connection.ExecuteAsync(new CommandDefinition(batch, transaction: transaction, cancellationToken: ct));
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertApplied,
            new { ScriptName = script.Name, script.Checksum, AppliedUtc = time.GetUtcNow().UtcDateTime }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }
}
