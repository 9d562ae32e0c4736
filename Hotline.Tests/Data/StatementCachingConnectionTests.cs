using Dapper;
using Hotline.Core.Data;
using Microsoft.Data.Sqlite;

namespace Hotline.Tests.Data;

/// <summary>The writer's statement cache: statements are compiled once and lent again, and nothing of one call reaches the next.</summary>
public sealed class StatementCachingConnectionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        SqlitePools.Release(Database);
        _temp.Dispose();
    }

    private string Database => $"Data Source={Path.Combine(_temp.Path, "cache.db")}";

    private async Task<StatementCachingConnection> OpenAsync(int capacity = 16)
    {
        var inner = new SqliteConnection(Database);
        await inner.OpenAsync();
        var connection = new StatementCachingConnection(inner, capacity);
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS Item (Id INTEGER NOT NULL PRIMARY KEY, Name TEXT NOT NULL)");
        return connection;
    }

    [Fact]
    public async Task A_text_run_again_reuses_its_compiled_statement_with_the_new_values()
    {
        await using var c = await OpenAsync();
        var cachedBefore = c.Cached;
        for (var i = 1; i <= 3; i++)
        {
            await c.ExecuteAsync("INSERT INTO Item (Id, Name) VALUES (@Id, @Name)", new { Id = i, Name = $"item {i}" });
        }

        Assert.Equal(cachedBefore + 1, c.Cached);
        Assert.Equal(["item 1", "item 2", "item 3"], await c.QueryAsync<string>("SELECT Name FROM Item ORDER BY Id"));
        Assert.Equal("item 2", await c.ExecuteScalarAsync<string>("SELECT Name FROM Item WHERE Id = @Id", new { Id = 2 }));
        Assert.Equal("item 3", await c.ExecuteScalarAsync<string>("SELECT Name FROM Item WHERE Id = @Id", new { Id = 3 }));
    }

    [Fact]
    public async Task A_value_bound_in_one_call_is_not_there_in_the_next()
    {
        await using var c = await OpenAsync();
        Assert.Equal(7L, await c.ExecuteScalarAsync<long>("SELECT @A", new { A = 7 }));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => c.ExecuteScalarAsync<long>("SELECT @A"));
        Assert.Contains("@A", error.Message);
    }

    [Fact]
    public async Task The_same_text_inside_its_own_open_reader_runs_on_a_command_of_its_own()
    {
        await using var c = await OpenAsync();
        await c.ExecuteAsync("INSERT INTO Item (Id, Name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        const string byId = "SELECT Id, Name FROM Item WHERE Id >= @From ORDER BY Id";

        var outer = new List<string>();
        await foreach (var row in c.QueryUnbufferedAsync<(long Id, string Name)>(byId, new { From = 1 }))
        {
            var inner = await c.QueryAsync<(long Id, string Name)>(byId, new { From = row.Id + 1 });
            outer.Add($"{row.Name}:{string.Concat(inner.Select(i => i.Name))}");
        }

        Assert.Equal(["a:bc", "b:c", "c:"], outer);
    }

    [Fact]
    public async Task Past_its_capacity_a_text_is_compiled_each_time_and_still_runs()
    {
        await using var c = await OpenAsync(capacity: 2);
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT 1"));
            Assert.Equal(2L, await c.ExecuteScalarAsync<long>("SELECT 2"));
            Assert.Equal(3L, await c.ExecuteScalarAsync<long>("SELECT 3"));
        }

        Assert.Equal(2, c.Cached);
    }

    [Fact]
    public async Task A_kept_statement_follows_a_schema_change_made_on_another_connection()
    {
        await using var c = await OpenAsync();
        await c.ExecuteAsync("INSERT INTO Item (Id, Name) VALUES (1, 'a')");
        const string all = "SELECT * FROM Item";
        Assert.Equal(2, ((IDictionary<string, object>)(await c.QuerySingleAsync(all))).Count);

        await using (var other = new SqliteConnection(Database))
        {
            await other.OpenAsync();
            await other.ExecuteAsync("ALTER TABLE Item ADD COLUMN Note TEXT NULL");
        }

        var row = (IDictionary<string, object>)await c.QuerySingleAsync(all);
        Assert.Equal(["Id", "Name", "Note"], row.Keys);
    }

    [Fact]
    public async Task Kept_statements_take_part_in_the_transaction_and_its_savepoints()
    {
        await using var c = await OpenAsync();
        const string insert = "INSERT INTO Item (Id, Name) VALUES (@Id, @Name)";
        await using (var tx = (SqliteTransaction)await c.BeginTransactionAsync())
        {
            await c.ExecuteAsync(insert, new { Id = 1, Name = "kept" }, tx);
            await tx.SaveAsync("unit");
            await c.ExecuteAsync(insert, new { Id = 2, Name = "rolled back" }, tx);
            await tx.RollbackAsync("unit");
            await tx.ReleaseAsync("unit");
            await tx.CommitAsync();
        }

        Assert.Equal(["kept"], await c.QueryAsync<string>("SELECT Name FROM Item ORDER BY Id"));
    }
}
