using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Hotline.Core.Data;

/// <summary>
/// The SQLite writer's connection, keeping each statement it runs compiled for the next time. Microsoft.Data.Sqlite
/// compiles a statement (and the triggers and foreign keys it fires) anew for every command, and Dapper makes a command
/// per call; a registration runs some twenty statements on the single writer, where compiling them cost more than running
/// them. A command keeps its compiled statement while its text stays the same, so this connection keeps one command per
/// text and lends it out again (a text already lent, e.g. inside an open reader, gets a command of its own).
/// </summary>
internal sealed class StatementCachingConnection(SqliteConnection inner, int capacity) : DbConnection
{
    private readonly Dictionary<string, SqliteCommand> _cached = new(StringComparer.Ordinal);
    private readonly HashSet<SqliteCommand> _lent = [];

    private SqliteConnection Inner => inner;

    /// <summary>No transaction is open on it (SQLite's autocommit mode): it can be lent to the next reader.</summary>
    internal bool OutsideTransaction => inner.State == ConnectionState.Open && SQLitePCL.raw.sqlite3_get_autocommit(inner.Handle) != 0;

    /// <summary>How many texts are kept compiled.</summary>
    internal int Cached => _cached.Count;

    /// <summary>A command for <paramref name="text"/>: the cached one unless it is lent, or past capacity a fresh one.</summary>
    internal SqliteCommand Borrow(string text, out bool cached)
    {
        if (_cached.TryGetValue(text, out var command) && _lent.Add(command))
        {
            command.Parameters.Clear();
            cached = true;
            return command;
        }

        var fresh = inner.CreateCommand();
        fresh.CommandText = text;
        cached = command is null && _cached.Count < capacity;
        if (cached)
        {
            _cached.Add(text, fresh);
            _lent.Add(fresh);
        }

        return fresh;
    }

    internal void Return(SqliteCommand command, bool cached)
    {
        if (cached)
        {
            command.Parameters.Clear(); // no value outlives its call
            command.Transaction = null;
            _lent.Remove(command);
        }
        else
        {
            command.Dispose();
        }
    }

    [AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => inner.ConnectionString = value;
    }

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

    public override void Open() => inner.Open();

    public override void Close() => inner.Close();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new LentCommand(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var command in _cached.Values)
            {
                command.Dispose();
            }

            _cached.Clear();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>What Dapper holds: the text picks the command it runs on, handed back when this is disposed.</summary>
    private sealed class LentCommand(StatementCachingConnection owner) : DbCommand
    {
        private SqliteCommand? _command;
        private bool _cached;
        private DbTransaction? _transaction;
        private int _timeout = 30;

        private SqliteCommand Command => _command ??= owner.Inner.CreateCommand(); // parameters before any text: not cached

        [AllowNull]
        public override string CommandText
        {
            get => _command?.CommandText ?? "";
            set
            {
                Release();
                _command = owner.Borrow(value ?? "", out _cached);
            }
        }

        public override int CommandTimeout
        {
            get => _timeout;
            set => _timeout = value;
        }

        public override CommandType CommandType
        {
            get => CommandType.Text;
            set
            {
                if (value != CommandType.Text)
                {
                    throw new NotSupportedException("SQLite runs text commands only.");
                }
            }
        }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection
        {
            get => owner;
            set => throw new NotSupportedException("A lent command stays on its connection.");
        }

        protected override DbParameterCollection DbParameterCollection => Command.Parameters;

        protected override DbTransaction? DbTransaction
        {
            get => _transaction;
            set => _transaction = value;
        }

        public override void Cancel() => _command?.Cancel();

        public override void Prepare() => Ready().Prepare();

        protected override DbParameter CreateDbParameter() => Command.CreateParameter();

        public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

        public override object? ExecuteScalar() => Ready().ExecuteScalar();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Ready().ExecuteReader(behavior);

        private SqliteCommand Ready()
        {
            var command = Command;
            command.Transaction = (SqliteTransaction?)_transaction;
            command.CommandTimeout = _timeout;
            return command;
        }

        private void Release()
        {
            if (_command is not null)
            {
                owner.Return(_command, _cached);
                _command = null;
                _cached = false;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Release();
            }

            base.Dispose(disposing);
        }
    }
}
