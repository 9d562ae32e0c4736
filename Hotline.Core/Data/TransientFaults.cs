using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Polly;
using Polly.Retry;

namespace Hotline.Core.Data;

/// <summary>The Polly pipeline that retries a whole unit of work when the database reports a transient fault.</summary>
public static class TransientFaults
{
    // Deadlock victim, lock request timeout, command timeout, and the Azure SQL throttling/failover numbers.
    private static readonly HashSet<int> SqlServerTransientNumbers = [1205, 1222, -2, 4060, 40197, 40501, 40613, 49918, 49919, 49920, 10928, 10929];

    public static bool IsTransient(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => SqlServerTransientNumbers.Contains(e.Number)),
        TimeoutException => true,
        _ => false,
    };

    public static ResiliencePipeline CreatePipeline(int maxRetries = 4, TimeProvider? time = null)
    {
        var builder = new ResiliencePipelineBuilder();
        if (time is not null)
        {
            builder.TimeProvider = time;
        }

        return builder
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(20),
            })
            .Build();
    }
}
