using System.Collections.Concurrent;
using System.Data.Common;
using System.Threading.Channels;
using Polly;

namespace Hotline.Core.Data;

/// <summary>
/// Runs units of work: one transaction each, retried whole on transient faults, and nothing of a failed unit remains.
/// On SQLite, which has one writer at a time, a single in-process writer takes the queued units in batches and runs
/// each batch in one transaction, every unit inside its own savepoint: a unit that fails is rolled back alone, and the
/// others share one durable commit (WAL, synchronous=FULL). Speed comes from sharing commits, not weakening them.
/// The writer keeps its connection (and page cache) between batches, and the WAL is checkpointed on another connection
/// after commits, at most once per <see cref="DbConnectionFactory.CheckpointInterval"/>, so no commit waits for it.
/// The writer and the read connections kept open between reads keep their statements compiled (<see cref="StatementCachingConnection"/>).
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private const int MaxBatch = 64;
    private static readonly int MaxIdleReaders = Math.Clamp(Environment.ProcessorCount * 2, 4, 16);
    private readonly ConcurrentQueue<StatementCachingConnection> _idleReaders = new(); // SQLite: read connections kept open, statements compiled
    private readonly DbConnectionFactory _factory;
    private readonly ResiliencePipeline _retry;
    private readonly Channel<IPendingWrite>? _queue;
    private readonly AutoResetEvent _writesWaiting = new(false);
    private readonly AutoResetEvent _checkpointDue = new(false);
    private readonly ManualResetEvent _stopping = new(false);
    private readonly Task _writerLoop = Task.CompletedTask;
    private readonly Task _checkpointLoop = Task.CompletedTask;
    private DbConnection? _writer;
    private long _logFrames; // the WAL's length at the last checkpoint pass
    private const int UrgentRewindWaitMs = 20;

    public Database(DbConnectionFactory factory, ResiliencePipeline retry)
    {
        _factory = factory;
        _retry = retry;
        if (factory.Provider == DatabaseProvider.Sqlite)
        {
            _queue = Channel.CreateUnbounded<IPendingWrite>(); // not SingleReader: that channel cannot count what waits (RewindIfDue)
            // Their own threads, not the pool's: a pool busy with requests (or starved by blocking SQLite calls) must not hold
            // back a commit or let the WAL grow unchecked. SQLite calls complete synchronously, so nothing here awaits.
            _writerLoop = Task.Factory.StartNew(WriterLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            _checkpointLoop = Task.Factory.StartNew(CheckpointLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    public ISqlDialect Dialect => _factory.Dialect;

    /// <summary>Raised after each commit of this process: the live feed looks at once instead of at its next tick.</summary>
    public event Action? Committed;

    public DatabaseProvider Provider => _factory.Provider;

    public Task<DbConnection> OpenAsync(CancellationToken ct) => _factory.OpenAsync(ct);

    public async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (_factory.Provider != DatabaseProvider.Sqlite || _factory.CachedStatements == 0)
        {
            return await _retry.ExecuteAsync(async token =>
            {
                await using var connection = await _factory.OpenAsync(token);
                return await work(connection, token);
            }, ct);
        }

        return await _retry.ExecuteAsync(async token =>
        {
            var connection = _idleReaders.TryDequeue(out var idle) ? idle : await _factory.OpenCachingAsync(token);
            var reusable = false;
            try
            {
                var result = await work(connection, token);
                reusable = connection.OutsideTransaction;
                return result;
            }
            finally
            {
                KeepOrClose(connection, reusable);
            }
        }, ct);
    }

    /// <summary>
    /// SQLite: a read connection goes back to the idle ones with its compiled statements, unless enough are idle already or
    /// the work failed or left a transaction open (then it is closed, as every read connection was before).
    /// </summary>
    private void KeepOrClose(StatementCachingConnection connection, bool reusable)
    {
        if (reusable && _idleReaders.Count < MaxIdleReaders)
        {
            _idleReaders.Enqueue(connection);
        }
        else
        {
            connection.Dispose();
        }
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (_queue is null)
        {
            return _retry.ExecuteAsync(async token =>
            {
                await using var connection = await _factory.OpenAsync(token);
                await using var transaction = await connection.BeginTransactionAsync(token);
                var result = await work(connection, transaction, token);
                await transaction.CommitAsync(token);
                Committed?.Invoke();
                return result;
            }, ct).AsTask();
        }

        var pending = new PendingWrite<T>(work, ct);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The database writer has stopped.");
        }

        _writesWaiting.Set();
        return pending.Task;
    }

    public Task WriteAsync(Func<DbConnection, DbTransaction, CancellationToken, Task> work, CancellationToken ct) =>
        WriteAsync<bool>(async (c, t, token) =>
        {
            await work(c, t, token);
            return true;
        }, ct);

    private void WriterLoop()
    {
        var batch = new List<IPendingWrite>(MaxBatch);
        while (true)
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue!.Reader.TryRead(out var next))
            {
                if (!next.Cancelled)
                {
                    batch.Add(next);
                }
            }

            if (batch.Count == 0)
            {
                if (_queue!.Reader.Completion.IsCompleted)
                {
                    return;
                }

                _writesWaiting.WaitOne();
                continue;
            }

            try
            {
                _retry.ExecuteAsync(async token => await RunBatchAsync(batch, token), CancellationToken.None).AsTask().GetAwaiter().GetResult();
                Committed?.Invoke();
                _checkpointDue.Set();
                foreach (var item in batch)
                {
                    item.Complete();
                }
            }
            catch (Exception e)
            {
                // The commit itself failed (or a transient fault outlived the retries): nothing of the batch was written.
                foreach (var item in batch)
                {
                    item.Fail(e);
                }
            }

            RewindIfDue();
        }
    }

    /// <summary>
    /// Copies committed WAL frames into the database file (PASSIVE: it never blocks the writer or readers). A checkpoint
    /// alone never lets the log start over: the writer rewinds it only when it begins with every frame copied and no
    /// reader on the log, and under steady writes and reads that moment never comes. The log then grew by every commit
    /// (2.4 GB in two minutes at 300 registrations a second) and every read searched it, until intake fell over. So when a
    /// pass finds the log past <see cref="DbConnectionFactory.WalLimitFrames"/>, the writer makes it start over between
    /// two batches (<see cref="RewindIfDue"/>).
    /// </summary>
    private void CheckpointLoop()
    {
        while (WaitHandle.WaitAny([_checkpointDue, _stopping]) == 0)
        {
            try
            {
                using var connection = _factory.OpenAsync().GetAwaiter().GetResult();
                var (_, logFrames) = CheckpointAsync(connection, "PASSIVE").GetAwaiter().GetResult();
                if (logFrames >= 0) // -1: another checkpoint (the writer's rewind) was running
                {
                    Volatile.Write(ref _logFrames, logFrames);
                }
            }
            catch (Exception e) when (e is DbException or IOException)
            {
                // The next commit asks again; until then the WAL just grows.
            }

            if (_stopping.WaitOne(_factory.CheckpointInterval))
            {
                return;
            }
        }
    }

    /// <summary>A checkpoint: whether readers kept it from finishing, and the frames in the log (wal_checkpoint's first two columns).</summary>
    private static async Task<(bool Busy, long LogFrames)> CheckpointAsync(DbConnection connection, string mode, CancellationToken ct = default)
    {
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = $"PRAGMA wal_checkpoint({mode})";
        await using var result = await checkpoint.ExecuteReaderAsync(ct);
        return await result.ReadAsync(ct) ? (result.GetInt64(0) != 0, result.GetInt64(1)) : (false, 0);
    }

    /// <summary>
    /// Once the log is past <see cref="DbConnectionFactory.WalLimitFrames"/>, makes it start over after a batch has been
    /// answered and while no write waits, if no reader is on the log at that moment. Past twice the limit (writes never
    /// pause, or readers always overlap) it also waits for the readers, the longer the further past: <see cref="UrgentRewindWaitMs"/>
    /// at twice the limit, twice that at three times, up to ten times that; slow readers on a busy machine can outlast one
    /// short wait after another. The rewind syncs the database file, 10-80 ms on a busy disk: done before a batch, as it
    /// was, it held the batch behind it.
    /// </summary>
    private void RewindIfDue()
    {
        var frames = Volatile.Read(ref _logFrames);
        var timesTheLimit = frames / _factory.WalLimitFrames;
        var urgent = timesTheLimit >= 2;
        if (_writer is null || frames < _factory.WalLimitFrames || (_queue!.Reader.Count > 0 && !urgent))
        {
            return;
        }

        try
        {
            if (TryRewindAsync(_writer, urgent ? UrgentRewindWaitMs * (int)Math.Min(timesTheLimit - 1, 10) : 0, CancellationToken.None).GetAwaiter().GetResult())
            {
                Volatile.Write(ref _logFrames, 0);
            }
        }
        catch (Exception e) when (e is DbException or IOException)
        {
            // The next pause tries again.
        }
    }

    /// <summary>
    /// Makes the log start over: RESTART copies the frames committed since the last pass and finishes only when every
    /// reader reads the database file, waiting for them at most <paramref name="waitMs"/> (SQLite's busy handler sleeps
    /// 1, 2, 5, 10 ms). Without a wait a busy attempt costs a lock check.
    /// </summary>
    private async Task<bool> TryRewindAsync(DbConnection writer, int waitMs, CancellationToken ct)
    {
        await using var wait = writer.CreateCommand();
        wait.CommandText = $"PRAGMA busy_timeout={waitMs}";
        await wait.ExecuteNonQueryAsync(ct);
        try
        {
            return !(await CheckpointAsync(writer, "RESTART", ct)).Busy;
        }
        finally
        {
            wait.CommandText = $"PRAGMA busy_timeout={_factory.BusyTimeoutMs}";
            await wait.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task RunBatchAsync(List<IPendingWrite> batch, CancellationToken ct)
    {
        try
        {
            _writer ??= await _factory.OpenWriterAsync(ct);
            await RunBatchAsync(_writer, batch, ct);
        }
        catch
        {
            // Whatever broke, the next attempt starts on a fresh connection.
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
                _writer = null;
            }

            throw;
        }
    }

    private static async Task RunBatchAsync(DbConnection connection, List<IPendingWrite> batch, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct); // BEGIN IMMEDIATE: the write lock, up front
        foreach (var item in batch)
        {
            item.Reset();
            await transaction.SaveAsync("unit", ct);
            try
            {
                await item.RunAsync(connection, transaction);
                await transaction.ReleaseAsync("unit", ct);
            }
            catch (Exception e) when (!TransientFaults.IsTransient(e))
            {
                await transaction.RollbackAsync("unit", ct);
                await transaction.ReleaseAsync("unit", ct);
                item.Refuse(e);
            }
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Lets the queued writes finish, then closes the writer's connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_queue is null)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _writesWaiting.Set();
        await _writerLoop;
        _stopping.Set();
        await _checkpointLoop;
        while (_idleReaders.TryDequeue(out var idle))
        {
            await idle.DisposeAsync();
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync();
            _writer = null;
        }

        _writesWaiting.Dispose();
        _checkpointDue.Dispose();
        _stopping.Dispose();
    }

    private interface IPendingWrite
    {
        bool Cancelled { get; }

        void Reset();

        Task RunAsync(DbConnection connection, DbTransaction transaction);

        void Refuse(Exception e);

        void Complete();

        void Fail(Exception e);
    }

    /// <summary>A queued unit of work: its result (or its own failure) is handed over only once the batch committed.</summary>
    private sealed class PendingWrite<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct) : IPendingWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _refused;

        public Task<T> Task => _done.Task;

        public bool Cancelled => ct.IsCancellationRequested && _done.TrySetCanceled(ct);

        public void Reset()
        {
            _result = default;
            _refused = null;
        }

        public async Task RunAsync(DbConnection connection, DbTransaction transaction) => _result = await work(connection, transaction, ct);

        public void Refuse(Exception e) => _refused = e;

        public void Complete()
        {
            if (_refused is not null)
            {
                _done.TrySetException(_refused);
            }
            else
            {
                _done.TrySetResult(_result!);
            }
        }

        public void Fail(Exception e) => _done.TrySetException(e);
    }
}
