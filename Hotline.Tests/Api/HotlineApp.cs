using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline.Core.Data;
using Hotline.Core.Directory;
using Hotline.Core.Tickets;
using Hotline.Tests.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotline.Tests.Api;

/// <summary>
/// The real Api on a fresh SQLite file (migrated and seeded by the real start-up), with intent methods for tests.
/// </summary>
public sealed class HotlineApp : WebApplicationFactory<Program>
{
    public const string Password = DemoSeed.DemoPassword;

    public const string PhoneApiKey = "test-phone-system-key";

    /// <summary>Set it to another app's folder to run a second Api instance on the same database.</summary>
    public string DataFolder { get; init; } = Path.Combine(Path.GetTempPath(), "hotline-tests", Guid.NewGuid().ToString("N"));

    public FakeTime Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Runs the Worker's Quartz jobs inside the Api (the embedded default), every second.</summary>
    public bool RunJobs { get; init; }

    /// <summary>
    /// Routing:AutoDispatch. Off by default here: the lifecycle tests register tickets for the center to dispatch by
    /// hand, whatever the demo responsibility list says.
    /// </summary>
    public bool AutoDispatch { get; init; }

    /// <summary>Further configuration for one test (key: value, as in appsettings).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:DataFolder", DataFolder);
        // Tests sweep deadlines explicitly (DeadlineSweeper) unless they turn the in-process scheduler on.
        builder.UseSetting("Jobs:RunInApi", RunJobs ? "true" : "false");
        builder.UseSetting("Jobs:SweepDeadlinesJob:Cron", "0/1 * * * * ?");

        builder.UseSetting("Routing:AutoDispatch", AutoDispatch ? "true" : "false");
        builder.UseSetting("Integrations:PhoneApiKey", PhoneApiKey);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Time));
    }

    public async Task<ApiClient> LoginAsync(string userName)
    {
        var client = new ApiClient(CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, BaseAddress = ClientOptions.BaseAddress }));
        var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        client.UseAntiforgeryFrom(response);
        client.Me = (await response.Content.ReadFromJsonAsync<Me>(Json))!;
        return client;
    }

    /// <summary>The sign-in cookie of a user (for clients that are not HttpClient, such as the hub's WebSocket).</summary>
    public async Task<string> LoginCookieAsync(string userName)
    {
        using var http = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = ClientOptions.BaseAddress });
        var response = await http.PostAsJsonAsync("/api/auth/login", new { userName, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hotline.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    public ApiClient Anonymous() => new(CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, BaseAddress = ClientOptions.BaseAddress }));

    public async Task<Directory> DirectoryAsync()
    {
        var client = await LoginAsync("admin");
        return new Directory(
            (await client.GetAsync<List<Department>>("/api/directory/departments"))!,
            (await client.GetAsync<List<Category>>("/api/directory/categories"))!,
            (await client.GetAsync<List<Area>>("/api/directory/areas"))!);
    }

    /// <summary>Direct read of the database file, for checks that nothing was written.</summary>
    public async Task<long> CountAsync(string table)
    {
        var factory = Services.GetRequiredService<DbConnectionFactory>();
        await using var c = await factory.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Its database's connection string, taken when the host is built: the pool to release on dispose.</summary>
    private string? _connectionString;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _connectionString = host.Services.GetRequiredService<DbConnectionFactory>().ConnectionString;
        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_connectionString is not null)
        {
            SqlitePools.Release(_connectionString);
        }

        try
        {
            System.IO.Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS: the temp folder is cleaned up by the system.
        }
    }

    public sealed record Directory(List<Department> Departments, List<Category> Categories, List<Area> Areas)
    {
        public long Department(string code) => Departments.Single(d => d.Code == code).Id;

        public long Category(string name) => Categories.Single(c => c.Name == name).Id;

        public long Area(string name) => Areas.Single(a => a.Name == name).Id;
    }
}

/// <summary>A signed-in user's HTTP client: sends the antiforgery header and speaks the API's JSON.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public Me Me { get; set; } = null!;

    public void UseAntiforgeryFrom(HttpResponseMessage login)
    {
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal));
        var token = cookie["XSRF-TOKEN=".Length..].Split(';')[0];
        Http.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        Http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token);
    }

    public async Task<T?> GetAsync<T>(string url)
    {
        var response = await Http.GetAsync(url);
        await EnsureAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<T>(HotlineApp.Json);
    }

    public Task<HttpResponseMessage> PostAsync(string url, object body) => Http.PostAsJsonAsync(url, body, HotlineApp.Json);

    public async Task<TicketDetail> RegisterAsync(object body)
    {
        var response = await PostAsync("/api/tickets", body);
        await EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<TicketDetail>(HotlineApp.Json))!;
    }

    public Task<TicketDetail> GetTicketAsync(long id) => GetAsync<TicketDetail>($"/api/tickets/{id}")!;

    /// <summary>Takes a lifecycle action; fails the test unless it succeeds.</summary>
    public async Task<TicketDetail> ActAsync(long id, string action, object body)
    {
        var response = await TryActAsync(id, action, body);
        await EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<TicketDetail>(HotlineApp.Json))!;
    }

    public Task<HttpResponseMessage> TryActAsync(long id, string action, object body) => PostAsync($"/api/tickets/{id}/{action}", body);

    public static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}

public static class ProblemAssert
{
    /// <summary>Asserts a ProblemDetails with the status and returns its JSON.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await ApiClient.EnsureAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> NamesFieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for '{field}', got {errors}");
        return problem;
    }

    public static async Task ConflictAsync(HttpResponseMessage response, string code, TicketStatus? currentStatus = null)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        if (currentStatus is not null)
        {
            Assert.Equal(currentStatus.ToString(), problem.GetProperty("currentStatus").GetString());
        }
    }
}
