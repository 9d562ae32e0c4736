using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Hotline.Api.Auth;
using Hotline.Api.Deadlines;
using Hotline.Api.Directory;
using Hotline.Api.Infrastructure;
using Hotline.Api.Live;
using Hotline.Api.Metrics;
using Hotline.Api.Repeat;
using Hotline.Api.Routing;
using Hotline.Api.Tickets;
using Hotline.Api.Window;
using Hotline.Core;
using Hotline.Core.Data;
using Hotline.Worker;
using Hotline.Core.Directory;
using Hotline.Core.Routing;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

// Before anything rents a buffer: room in the shared buffer pool for a burst pushed to every live screen (PushBuffers).
PushBuffers.Configure();

// "--migrate" is a switch, not a setting: keep it away from the command-line configuration, which would take the
// next argument as its value.
var migrateOnly = args.Contains("--migrate");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--migrate").ToArray());

// Data and features, shared with the Worker; in the embedded default the Worker's jobs run in here too.
var database = builder.Services.AddHotlineCore(builder.Configuration, builder.Environment.ContentRootPath);
if (builder.Configuration.GetValue("Jobs:RunInApi", true))
{
    builder.Services.AddHotlineJobs(builder.Configuration);
}

// HTTP: ProblemDetails everywhere, enums as names, bounded request bodies.
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemMapping>();
// Chinese text goes out as UTF-8 (3 bytes a character) rather than \uXXXX escapes (6); HTML-sensitive characters stay escaped.
var utf8Json = JavaScriptEncoder.Create(UnicodeRanges.All);
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
    o.SerializerOptions.Encoder = utf8Json;
});
// Unreadable bodies reach ProblemMapping, which names the offending field from the JSON path.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestSizeLimit.MaxBodyBytes);
// A live push writes to 5,000 sockets at once: each WebSocket write goes straight on to its socket send instead of
// queueing for one of Kestrel's two I/O threads. Socket completions still run on the thread pool (the runtime's inline
// completions are not turned on), so no request code ever runs on the socket engine's own threads.
builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
builder.Services.AddOpenApi();

// Live updates: the hub, and the tailer that pushes the database's live feed to this instance's connections.
builder.Services.AddSignalR().AddJsonProtocol(o =>
{
    o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
    o.PayloadSerializerOptions.Encoder = utf8Json; // a burst to 5,000 screens is one record per screen: its size is the cost
    o.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull; // live messages leave nulls out (docs/API.md)
    o.PayloadSerializerOptions.Converters.Add(new MillisecondDateTimeConverter()); // instants to the millisecond, as a browser holds them
});
builder.Services.AddSingleton<LiveFeedTailer>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveFeedTailer>());

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

app.UseServerTimeHeader();
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
app.MapDeadlineEndpoints();
app.MapRoutingEndpoints();
app.MapLiveEndpoints();
app.MapWindowEndpoints();
app.MapMetricsEndpoints();
app.MapRepeatEndpoints();
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
