using Hotline.Core;
using Hotline.Core.Data;

namespace Hotline.Worker;

/// <summary>Production: the jobs alone, against the configured database (migrated beforehand with the Api's --migrate).</summary>
internal static class WorkerProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var database = builder.Services.AddHotlineCore(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddHotlineJobs(builder.Configuration);
        using var host = builder.Build();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // Alone on SQLite (a development set-up): bring the file up to date, as the Api does.
            await host.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
        }

        await host.RunAsync();
    }
}
