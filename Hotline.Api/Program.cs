using System.Text.Json.Serialization;
using Hotline.Api.Auth;
using Hotline.Api.Directory;
using Hotline.Api.Infrastructure;
using Hotline.Api.Routing;
using Hotline.Api.Tickets;
using Hotline.Core.Data;
using Hotline.Core.Directory;
using Hotline.Core.Routing;
using Hotline.Core.Tickets;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

// "--migrate" is a switch, not a setting: keep it away from the command-line configuration, which would take the
// next argument as its value.
var migrateOnly = args.Contains("--migrate");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--migrate").ToArray());

// Data: one factory for the configured engine, one retry pipeline around whole units of work.
var database = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
database.ConnectionString = builder.Configuration.GetConnectionString("Hotline") ?? database.ConnectionString;
DapperSetup.Configure();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(database);
builder.Services.AddSingleton(sp => new DbConnectionFactory(database, builder.Environment.ContentRootPath));
builder.Services.AddSingleton(sp => new Database(sp.GetRequiredService<DbConnectionFactory>(), TransientFaults.CreatePipeline(time: sp.GetRequiredService<TimeProvider>())));
builder.Services.AddSingleton(sp => new IdGenerator(sp.GetRequiredService<TimeProvider>(), builder.Configuration.GetValue("Ids:Node", 0)));
builder.Services.AddSingleton(sp => new MigrationRunner(sp.GetRequiredService<DbConnectionFactory>(),
    string.IsNullOrEmpty(database.MigrationsFolder) ? Path.Combine(AppContext.BaseDirectory, "sql") : database.MigrationsFolder,
    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MigrationRunner>>()));

// Features.
builder.Services.AddSingleton(builder.Configuration.GetSection("Tickets").Get<TicketOptions>() ?? new TicketOptions());
builder.Services.AddSingleton<IPasswordHasher<UserView>, PasswordHasher<UserView>>();
builder.Services.AddSingleton<TicketQueries>();
builder.Services.AddSingleton<TicketService>();
builder.Services.AddSingleton<DirectoryService>();
builder.Services.AddSingleton<AccountService>();
builder.Services.AddSingleton<DemoSeed>();
builder.Services.AddSingleton(builder.Configuration.GetSection("Routing").Get<RoutingOptions>() ?? new RoutingOptions());
builder.Services.AddSingleton<RoutingEngineProvider>();
builder.Services.AddSingleton<IntakeRouting>();
builder.Services.AddSingleton<RoutingService>();
builder.Services.AddSingleton<RoutingSeed>();

// HTTP: ProblemDetails everywhere, enums as names, bounded request bodies.
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemMapping>();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
// Unreadable bodies reach ProblemMapping, which names the offending field from the JSON path.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestSizeLimit.MaxBodyBytes);
builder.Services.AddOpenApi();

// Sign-in: an HttpOnly, SameSite=Strict, sliding cookie; APIs answer 401/403 instead of redirecting.
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
{
    o.Cookie.Name = "hotline.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.SlidingExpiration = true;
    o.ExpireTimeSpan = TimeSpan.FromHours(builder.Configuration.GetValue("Auth:SessionHours", 8));
    o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
    o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
});
builder.Services.AddAuthorization();
// Keys that sign the cookies live with the data, so a restart does not sign everybody out.
builder.Services.AddDataProtection().SetApplicationName("Hotline12345").PersistKeysToFileSystem(new DirectoryInfo(
    Path.Combine(Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, database.DataFolder)), "keys")));
builder.Services.AddAntiforgery(o =>
{
    o.HeaderName = AntiforgeryCheck.HeaderName;
    o.Cookie.Name = "hotline.af";
    o.Cookie.SameSite = SameSiteMode.Strict;
});

var app = builder.Build();

var migrations = await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
if (migrateOnly)
{
    Console.WriteLine($"Migrated: {(migrations.Count == 0 ? "already up to date" : string.Join(", ", migrations))}");
    return;
}

if (database.Provider == DatabaseProvider.Sqlite && await app.Services.GetRequiredService<DemoSeed>().SeedIfEmptyAsync(CancellationToken.None))
{
    app.Logger.LogInformation("Seeded the demo directory");
}

if (database.Provider == DatabaseProvider.Sqlite && await app.Services.GetRequiredService<RoutingSeed>().SeedIfEmptyAsync(CancellationToken.None))
{
    app.Logger.LogInformation("Seeded the demo responsibility list ({Count} rules)", RoutingSeed.RuleCount);
}

app.UseExceptionHandler();
app.UseRequestSizeLimit();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseApiAntiforgery();

app.MapOpenApi();
app.MapAuthEndpoints();
app.MapDirectoryEndpoints();
app.MapTicketEndpoints();
app.MapRoutingEndpoints();
app.MapFallback("/api/{**rest}", () => TypedResults.Problem(title: "No such API endpoint.", statusCode: StatusCodes.Status404NotFound));
app.MapFallbackToFile("index.html");

app.Lifetime.ApplicationStarted.Register(() =>
{
    if (app.Environment.IsEnvironment("Testing"))
    {
        return;
    }

    var urls = string.Join(", ", app.Urls);
    Console.WriteLine($"""

        Hotline 12345 is running at {urls}
        Database: {database.Provider} {app.Services.GetRequiredService<DbConnectionFactory>().SqliteFile}
        Demo logins (password {DemoSeed.DemoPassword}):
        {string.Join("\n", DemoSeed.Logins.Select(l => $"  {l.UserName,-12} {l.Description}"))}

        """);
});

await app.RunAsync();

public partial class Program;
