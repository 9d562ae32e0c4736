using Hotline.Core.Calendar;
using Hotline.Core.Data;
using Hotline.Core.Deadlines;
using Hotline.Core.Directory;
using Hotline.Core.Escalations;
using Hotline.Core.Live;
using Hotline.Core.Metrics;
using Hotline.Core.Routing;
using Hotline.Core.Tickets;
using Hotline.Core.Window;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Hotline.Core;

public static class HotlineServices
{
    /// <summary>The data layer and every feature service, shared by the Api and the Worker.</summary>
    public static DatabaseOptions AddHotlineCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        database.ConnectionString = configuration.GetConnectionString("Hotline") ?? database.ConnectionString;
        DapperSetup.Configure();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(database);
        services.AddSingleton(_ => new DbConnectionFactory(database, contentRoot));
        services.AddSingleton(sp => new Database(sp.GetRequiredService<DbConnectionFactory>(), TransientFaults.CreatePipeline(time: sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton(sp => new IdGenerator(sp.GetRequiredService<TimeProvider>(), configuration.GetValue("Ids:Node", 0)));
        services.AddSingleton(sp => new MigrationRunner(sp.GetRequiredService<DbConnectionFactory>(),
            string.IsNullOrEmpty(database.MigrationsFolder) ? Path.Combine(AppContext.BaseDirectory, "sql") : database.MigrationsFolder,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MigrationRunner>>()));

        services.AddSingleton(configuration.GetSection("Tickets").Get<TicketOptions>() ?? new TicketOptions());
        services.AddSingleton(configuration.GetSection("Deadlines").Get<DeadlineOptions>() ?? new DeadlineOptions());
        services.AddSingleton<IPasswordHasher<UserView>, PasswordHasher<UserView>>();
        services.AddSingleton<TicketQueries>();
        services.AddSingleton<TicketService>();
        services.AddSingleton<DirectoryService>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<DemoSeed>();
        services.AddSingleton<CalendarService>();
        services.AddSingleton<DeadlinePolicies>();
        services.AddSingleton<DeadlineService>();
        services.AddSingleton<DeadlineSweeper>();
        services.AddSingleton<EscalationService>();
        services.AddSingleton(configuration.GetSection("Routing").Get<RoutingOptions>() ?? new RoutingOptions());
        services.AddSingleton<RoutingEngineProvider>();
        services.AddSingleton<IntakeRouting>();
        services.AddSingleton<RoutingService>();
        services.AddSingleton<RoutingSeed>();
        services.AddSingleton(configuration.GetSection("Live").Get<LiveOptions>() ?? new LiveOptions());
        services.AddSingleton<LiveFeed>();
        // The "办不成事" window (issue 8).
        services.AddSingleton(configuration.GetSection("Window").Get<WindowOptions>() ?? new WindowOptions());
        services.AddSingleton<WindowService>();
        services.AddSingleton<WindowCaseSweeper>();

        // Performance figures and the monthly bulletin (issue 9).
        services.AddSingleton(configuration.GetSection("Metrics").Get<MetricsOptions>() ?? new MetricsOptions());
        services.AddSingleton<MetricsRollup>();
        services.AddSingleton<MetricsService>();
        services.AddSingleton<BulletinService>();
        // Repeat complaints: candidates at intake, clusters, merges (并单).
        services.AddSingleton(configuration.GetSection("Repeat").Get<Repeat.RepeatOptions>() ?? new Repeat.RepeatOptions());
        services.AddSingleton<Repeat.RepeatDetector>();
        services.AddSingleton<Repeat.RepeatClusters>();
        services.AddSingleton<Repeat.RepeatQueries>();
        return database;
    }
}
