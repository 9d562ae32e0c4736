namespace Hotline.Tests.Data;

/// <summary>The schema model follows what it understands and refuses what it does not, so it cannot drift silently.</summary>
public sealed class TSqlSchemaTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private TSqlSchema Load(params string[] scripts)
    {
        for (var i = 0; i < scripts.Length; i++)
        {
            File.WriteAllText(Path.Combine(_temp.Path, $"{i + 1:0000}_step.sql"), scripts[i]);
        }

        return TSqlSchema.Load(_temp.Path);
    }

    [Fact]
    public void Create_alter_add_and_index_build_the_model_in_order()
    {
        var schema = Load(
            "CREATE TABLE Widget (Id BIGINT NOT NULL CONSTRAINT PK_Widget PRIMARY KEY, Name NVARCHAR(50) NOT NULL);\nGO\nCREATE INDEX IX_Widget_Name ON Widget (Name);",
            "ALTER TABLE Widget ADD Colour NVARCHAR(16) NULL, CONSTRAINT UQ_Widget_Colour UNIQUE (Colour);\nALTER TABLE Widget ALTER COLUMN Name NVARCHAR(100) NOT NULL;\n" +
            "INSERT INTO Widget (Id, Name, Colour) VALUES (1, N'螺丝', N'red');");

        Assert.Equal(["Id", "Name", "Colour"], schema.Find("Widget")!.Columns);
        Assert.Equal(["ScriptName", "Checksum", "AppliedUtc"], schema.Find("SchemaMigration")!.Columns); // the runner's journal
        Assert.Equal(["0001_step.sql", "0002_step.sql"], schema.Scripts);
    }

    [Theory]
    [InlineData("DROP TABLE Widget", "DropTableStatement is not modelled")]
    [InlineData("ALTER TABLE Widget DROP COLUMN Name", "is not modelled")]
    [InlineData("EXEC sp_rename 'Widget.Name', 'Title', 'COLUMN'", "ExecuteStatement is not modelled")]
    [InlineData("CREATE VIEW WidgetView AS SELECT Id FROM Widget", "is not modelled")]
    [InlineData("ALTER TABLE Widget ALTER COLUMN Nope INT NULL", "column Widget.Nope does not exist")]
    [InlineData("ALTER TABLE Gadget ADD Size INT NULL", "table Gadget does not exist")]
    [InlineData("CREATE INDEX IX_Widget_Nope ON Widget (Nope)", "column Widget.Nope does not exist")]
    [InlineData("CREATE TABLE Part (Id BIGINT NOT NULL, WidgetId BIGINT NOT NULL CONSTRAINT FK_Part_Widget REFERENCES Gadget (Id))", "table Gadget does not exist")]
    [InlineData("CREATE TABLE Widget (Id BIGINT NOT NULL)", "created twice")]
    [InlineData("INSERT INTO Widget (Id, Nope) VALUES (1, 2)", "unknown column Nope")]
    [InlineData("CREATE TABLE Part (Id BIGINT NOT NULL)\nGO\nCREATE TABLE Bad (Id BIGINT NOT NULL,, X INT)", "0002_step.sql does not parse as T-SQL:\n  line 3")]
    public void Unmodelled_or_wrong_changes_fail_loudly(string change, string expected)
    {
        var error = Assert.Throws<TSqlCheckException>(() => Load("CREATE TABLE Widget (Id BIGINT NOT NULL, Name NVARCHAR(50) NOT NULL);", change));
        Assert.Contains(expected.Replace("\n", Environment.NewLine), error.Message);
        Assert.Contains("0002_step.sql", error.Message); // names the script
    }
}
