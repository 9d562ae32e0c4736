using System.Net;
using System.Net.Http.Json;
using Hotline.Core.Directory;
using Hotline.Tests.Api;

namespace Hotline.Tests.Directory;

public sealed class DirectoryAdministrationTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    [Fact]
    public async Task The_demo_directory_is_a_believable_district()
    {
        var dir = await app.DirectoryAsync();
        Assert.InRange(dir.Departments.Count, 14, 20);
        Assert.Contains(dir.Departments, d => d.Name == "区城管局" && d.Kind == DepartmentKind.Functional);
        Assert.Contains(dir.Departments, d => d.Kind == DepartmentKind.Territorial && d.AreaId is not null);
        Assert.Single(dir.Areas, a => a.Level == AreaLevel.District);
        Assert.True(dir.Areas.Count(a => a.Level == AreaLevel.Street) >= 4);
        Assert.All(dir.Areas.Where(a => a.Level == AreaLevel.Community), c => Assert.Contains(dir.Areas, s => s.Id == c.ParentId && s.Level == AreaLevel.Street));
        foreach (var name in new[] { "噪音扰民", "油烟污染", "违章停车", "路灯故障", "供水问题", "物业纠纷", "拖欠工资", "食品安全" })
        {
            Assert.NotNull(dir.Categories.Single(c => c.Name == name).ParentId);
        }
    }

    [Fact]
    public async Task Admin_creates_updates_deactivates_and_reactivates_a_department()
    {
        var admin = await app.LoginAsync("admin");
        var created = await admin.PostAsync("/api/directory/departments", new { code = "WJW", name = "区卫健委", kind = "Functional" });
        await ApiClient.EnsureAsync(created, HttpStatusCode.Created);
        var department = (await created.Content.ReadFromJsonAsync<Department>(HotlineApp.Json))!;
        Assert.True(department.IsActive);

        var updated = await admin.Http.PutAsJsonAsync($"/api/directory/departments/{department.Id}", new { code = "WJW", name = "区卫生健康委员会", kind = "Functional" }, HotlineApp.Json);
        Assert.Equal("区卫生健康委员会", (await updated.Content.ReadFromJsonAsync<Department>(HotlineApp.Json))!.Name);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/directory/departments/{department.Id}/deactivate", new { })).StatusCode);
        Assert.DoesNotContain((await admin.GetAsync<List<Department>>("/api/directory/departments"))!, d => d.Id == department.Id);
        Assert.Contains((await admin.GetAsync<List<Department>>("/api/directory/departments?includeInactive=true"))!, d => d.Id == department.Id && !d.IsActive);

        // An inactive department cannot be dispatched to.
        var dir = await app.DirectoryAsync();
        var agent = await app.LoginAsync("agent");
        var response = await agent.PostAsync("/api/tickets", new
        {
            channel = "Web", appealType = "Complaint", urgency = "Normal", categoryId = dir.Category("食品安全"),
            title = "过期食品", content = "超市卖过期食品", isConfidential = false,
            dispatch = new { leadDepartmentId = department.Id, assistDepartmentIds = Array.Empty<long>() },
        });
        await ProblemAssert.NamesFieldAsync(response, "dispatch.leadDepartmentId");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/directory/departments/{department.Id}/activate", new { })).StatusCode);
        Assert.Contains((await admin.GetAsync<List<Department>>("/api/directory/departments"))!, d => d.Id == department.Id);
    }

    [Fact]
    public async Task Areas_and_categories_keep_their_tree_and_codes_unique()
    {
        var admin = await app.LoginAsync("admin");
        var dir = await app.DirectoryAsync();
        var street = dir.Areas.First(a => a.Level == AreaLevel.Street);
        var area = await admin.PostAsync("/api/directory/areas", new { code = "LJ0199", name = "新建社区", level = "Community", parentId = street.Id });
        await ApiClient.EnsureAsync(area, HttpStatusCode.Created);
        await ProblemAssert.ConflictAsync(await admin.PostAsync("/api/directory/areas", new { code = "LJ0199", name = "重复", level = "Community" }), "Duplicate");
        await ProblemAssert.NamesFieldAsync(await admin.PostAsync("/api/directory/areas", new { code = "LJ0198", name = "无上级", level = "Community", parentId = 424242 }), "parentId");

        var category = await admin.PostAsync("/api/directory/categories", new { code = "HJ99", name = "光污染", parentId = dir.Categories.Single(c => c.Code == "HJ").Id, sortOrder = 9 });
        await ApiClient.EnsureAsync(category, HttpStatusCode.Created);
        var saved = (await category.Content.ReadFromJsonAsync<Category>(HotlineApp.Json))!;
        var self = await admin.Http.PutAsJsonAsync($"/api/directory/categories/{saved.Id}", new { code = "HJ99", name = "光污染", parentId = saved.Id, sortOrder = 9 });
        await ProblemAssert.NamesFieldAsync(self, "parentId");
    }

    [Fact]
    public async Task Admin_manages_users_and_a_new_user_can_sign_in()
    {
        var admin = await app.LoginAsync("admin");
        var dir = await app.DirectoryAsync();
        await ProblemAssert.NamesFieldAsync(await admin.PostAsync("/api/directory/users", new { userName = "zjj", displayName = "住建联络员", role = "Liaison", password = "Secret#2026" }), "departmentId");
        await ProblemAssert.NamesFieldAsync(await admin.PostAsync("/api/directory/users", new { userName = "zjj", displayName = "住建联络员", role = "Liaison", departmentId = dir.Department("ZJJ"), password = "short" }), "password");

        var created = await admin.PostAsync("/api/directory/users", new { userName = "zjj", displayName = "住建联络员", role = "Liaison", departmentId = dir.Department("ZJJ"), password = "Secret#2026" });
        await ApiClient.EnsureAsync(created, HttpStatusCode.Created);
        var user = (await created.Content.ReadFromJsonAsync<UserView>(HotlineApp.Json))!;
        await ProblemAssert.ConflictAsync(await admin.PostAsync("/api/directory/users", new { userName = "zjj", displayName = "又一个", role = "Agent", password = "Secret#2026" }), "Duplicate");

        var signIn = await app.Anonymous().Http.PostAsJsonAsync("/api/auth/login", new { userName = "zjj", password = "Secret#2026" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/directory/users/{user.Id}/deactivate", new { })).StatusCode);
        var refused = await app.Anonymous().Http.PostAsJsonAsync("/api/auth/login", new { userName = "zjj", password = "Secret#2026" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var users = (await admin.GetAsync<List<UserView>>("/api/directory/users"))!;
        Assert.Contains(users, u => u.UserName == "zjj" && !u.IsActive);

        // The system account that raises escalations is not an account anyone administers.
        Assert.DoesNotContain(users, u => u.UserName == "system");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/directory/users/1/activate", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.PutAsJsonAsync("/api/directory/users/1", new { displayName = "x", role = "Admin", password = "Secret#2026" })).StatusCode);
    }

    [Fact]
    public async Task A_seat_extension_belongs_to_one_agent_or_dispatcher()
    {
        var admin = await app.LoginAsync("admin");
        var dir = await app.DirectoryAsync();
        var users = (await admin.GetAsync<List<UserView>>("/api/directory/users"))!;
        Assert.Equal("8001", users.Single(u => u.UserName == "agent").Extension); // the demo seats
        var userCount = await app.CountAsync("AppUser");

        var seat = new { userName = "agent2", displayName = "话务员 刘洋", role = "Agent", password = "Secret#2026", extension = "8003" };
        await ProblemAssert.NamesFieldAsync(await admin.PostAsync("/api/directory/users", seat with { extension = "80a3" }), "extension");
        await ProblemAssert.NamesFieldAsync(await admin.PostAsync("/api/directory/users", seat with { extension = "8" }), "extension");
        await ProblemAssert.NamesFieldAsync(await admin.PostAsync("/api/directory/users",
            new { userName = "zjj2", displayName = "住建联络员", role = "Liaison", departmentId = dir.Department("ZJJ"), password = "Secret#2026", extension = "8003" }), "extension");
        await ProblemAssert.ConflictAsync(await admin.PostAsync("/api/directory/users", seat with { extension = "8001" }), "PhoneExtensionTaken");
        Assert.Equal(userCount, await app.CountAsync("AppUser")); // refused, nothing written

        var created = await admin.PostAsync("/api/directory/users", seat with { extension = " 8003 " });
        await ApiClient.EnsureAsync(created, HttpStatusCode.Created);
        var user = (await created.Content.ReadFromJsonAsync<UserView>(HotlineApp.Json))!;
        Assert.Equal("8003", user.Extension);

        // Moving a seat: the old holder keeps it until it is freed; an empty extension frees it.
        var agent = users.Single(u => u.UserName == "agent");
        await ProblemAssert.ConflictAsync(await admin.Http.PutAsJsonAsync($"/api/directory/users/{user.Id}", new { displayName = "话务员 刘洋", role = "Agent", extension = "8001" }), "PhoneExtensionTaken");
        var freed = await admin.Http.PutAsJsonAsync($"/api/directory/users/{agent.Id}", new { displayName = "王芳", role = "Agent", extension = "" });
        Assert.Null((await freed.Content.ReadFromJsonAsync<UserView>(HotlineApp.Json))!.Extension);
        var moved = await admin.Http.PutAsJsonAsync($"/api/directory/users/{user.Id}", new { displayName = "话务员 刘洋", role = "Agent", extension = "8001" });
        Assert.Equal("8001", (await moved.Content.ReadFromJsonAsync<UserView>(HotlineApp.Json))!.Extension);
    }

    [Fact]
    public async Task Only_administrators_change_the_directory()
    {
        var dispatcher = await app.LoginAsync("dispatcher");
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.Http.GetAsync("/api/directory/departments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PostAsync("/api/directory/departments", new { code = "X", name = "X", kind = "Functional" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.Http.GetAsync("/api/directory/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().Http.GetAsync("/api/directory/departments")).StatusCode);
    }
}
