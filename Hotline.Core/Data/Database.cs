using System.Data.Common;
using Polly;

namespace Hotline.Core.Data;

/// <summary>
/// Runs units of work: one connection, one transaction, retried whole on transient faults. On SQLite, writers
/// queue on an in-process gate before <c>BEGIN IMMEDIATE</c>, so they wait in line instead of polling the busy
/// handler (the file has one writer at a time anyway).
/// </summary>
public sealed class Database(DbConnectionFactory factory, ResiliencePipeline retry)
{
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    public ISqlDialect Dialect => factory.Dialect;

    public DatabaseProvider Provider => factory.Provider;

    public Task<DbConnection> OpenAsync(CancellationToken ct) => factory.OpenAsync(ct);

    public async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        return await retry.ExecuteAsync(async token =>
        {
            await using var connection = await factory.OpenAsync(token);
            return await work(connection, token);
        }, ct);
    }

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        return await retry.ExecuteAsync(async token =>
        {
            var gated = factory.Provider == DatabaseProvider.Sqlite;
            if (gated)
            {
                await _sqliteWriter.WaitAsync(token);
            }

            try
            {
                await using var connection = await factory.OpenAsync(token);
                await using var transaction = await connection.BeginTransactionAsync(token);
                var result = await work(connection, transaction, token);
                await transaction.CommitAsync(token);
                return result;
            }
            finally
            {
                if (gated)
                {
                    _sqliteWriter.Release();
                }
            }
        }, ct);
    }

    public Task WriteAsync(Func<DbConnection, DbTransaction, CancellationToken, Task> work, CancellationToken ct) =>
        WriteAsync<bool>(async (c, t, token) =>
        {
            await work(c, t, token);
            return true;
        }, ct);
}
