using System.Net;
using System.Net.Http.Json;
using Hotline.Tests.Api;

namespace Hotline.Tests.Auth;

public sealed class SignInTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    [Fact]
    public async Task Sign_in_sets_an_http_only_strict_cookie_and_me_answers_who_i_am()
    {
        var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.GetAsync("/api/auth/me")).StatusCode);

        var login = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = "cgj", password = HotlineApp.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var auth = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hotline.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", auth);
        Assert.Contains("samesite=strict", auth);
        var xsrf = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.DoesNotContain("httponly", xsrf); // the web UI reads it to echo it back

        var me = await client.Http.GetFromJsonAsync<Hotline.Core.Directory.Me>("/api/auth/me", HotlineApp.Json);
        Assert.Equal(("cgj", Hotline.Core.Directory.Role.Liaison, "区城管局"), (me!.UserName, me.Role, me.DepartmentName));
    }

    [Fact]
    public async Task Wrong_password_is_401_and_five_failures_lock_the_account()
    {
        var client = app.Anonymous();
        for (var i = 1; i < 5; i++)
        {
            var wrong = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = "supervisor", password = "wrong-password" });
            await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Unauthorized);
        }

        var fifth = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = "supervisor", password = "wrong-password" });
        var problem = await ProblemAssert.IsProblemAsync(fifth, (HttpStatusCode)423);
        Assert.True(problem.TryGetProperty("lockoutEndUtc", out _));
        var rightButLocked = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = "supervisor", password = HotlineApp.Password });
        Assert.Equal((HttpStatusCode)423, rightButLocked.StatusCode);

        app.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = "supervisor", password = HotlineApp.Password })).StatusCode);
    }

    [Fact]
    public async Task Unknown_users_and_missing_fields()
    {
        var client = app.Anonymous();
        await ProblemAssert.IsProblemAsync(await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = "nobody", password = "whatever1" }), HttpStatusCode.Unauthorized);
        await ProblemAssert.NamesFieldAsync(await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = "agent" }), "password");
    }

    [Fact]
    public async Task State_changing_requests_without_the_antiforgery_header_are_refused()
    {
        var dir = await app.DirectoryAsync();
        var agent = await app.LoginAsync("agent");
        var before = await app.CountAsync("Ticket");
        agent.Http.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        var forged = await agent.PostAsync("/api/tickets", new
        {
            channel = "Web", appealType = "Suggestion", urgency = "Normal", categoryId = dir.Category("其他事项"),
            title = "跨站请求", content = "不应写入", isConfidential = false,
        });
        var problem = await ProblemAssert.IsProblemAsync(forged, HttpStatusCode.BadRequest);
        Assert.Equal("Invalid antiforgery token", problem.GetProperty("title").GetString());
        Assert.Equal(before, await app.CountAsync("Ticket"));
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        var agent = await app.LoginAsync("agent");
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync("/api/auth/logout", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.Http.GetAsync("/api/tickets")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_is_served()
    {
        var response = await app.Anonymous().Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("/api/tickets/{id}/dispatch", text);
    }
}
