using Hotline.Core.Directory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Api.Directory;

internal static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder MapDirectoryEndpoints(this IEndpointRouteBuilder routes)
    {
        var read = routes.MapGroup("/api/directory").WithTags("Directory").RequireAuthorization();
        read.MapGet("/departments", async (DirectoryService s, bool? includeInactive, CancellationToken ct) =>
            (await s.DepartmentsAsync(ct)).Where(d => d.IsActive || includeInactive == true).ToList());
        read.MapGet("/areas", async (DirectoryService s, bool? includeInactive, CancellationToken ct) =>
            (await s.AreasAsync(ct)).Where(a => a.IsActive || includeInactive == true).ToList());
        read.MapGet("/categories", async (DirectoryService s, bool? includeInactive, CancellationToken ct) =>
            (await s.CategoriesAsync(ct)).Where(c => c.IsActive || includeInactive == true).ToList());

        var admin = routes.MapGroup("/api/directory").WithTags("Directory administration").RequireAuthorization(policy => policy.RequireRole(nameof(Role.Admin)));
        admin.MapPost("/departments", async (SaveDepartment r, DirectoryService s, CancellationToken ct) => Created("departments", await s.SaveDepartmentAsync(null, r, ct), d => d.Id));
        admin.MapPut("/departments/{id:long}", (long id, SaveDepartment r, DirectoryService s, CancellationToken ct) => s.SaveDepartmentAsync(id, r, ct));
        admin.MapPost("/areas", async (SaveArea r, DirectoryService s, CancellationToken ct) => Created("areas", await s.SaveAreaAsync(null, r, ct), a => a.Id));
        admin.MapPut("/areas/{id:long}", (long id, SaveArea r, DirectoryService s, CancellationToken ct) => s.SaveAreaAsync(id, r, ct));
        admin.MapPost("/categories", async (SaveCategory r, DirectoryService s, CancellationToken ct) => Created("categories", await s.SaveCategoryAsync(null, r, ct), c => c.Id));
        admin.MapPut("/categories/{id:long}", (long id, SaveCategory r, DirectoryService s, CancellationToken ct) => s.SaveCategoryAsync(id, r, ct));
        admin.MapGet("/users", (DirectoryService s, CancellationToken ct) => s.UsersAsync(ct));
        admin.MapPost("/users", async (CreateUser r, DirectoryService s, CancellationToken ct) => Created("users", await s.CreateUserAsync(r, ct), u => u.Id));
        admin.MapPut("/users/{id:long}", (long id, UpdateUser r, DirectoryService s, CancellationToken ct) => s.UpdateUserAsync(id, r, ct));

        MapActivation(admin, "departments", (s, id, on, ct) => s.SetDepartmentActiveAsync(id, on, ct));
        MapActivation(admin, "areas", (s, id, on, ct) => s.SetAreaActiveAsync(id, on, ct));
        MapActivation(admin, "categories", (s, id, on, ct) => s.SetCategoryActiveAsync(id, on, ct));
        MapActivation(admin, "users", (s, id, on, ct) => s.SetUserActiveAsync(id, on, ct));
        return routes;
    }

    private static Created<T> Created<T>(string collection, T entry, Func<T, long> id) => TypedResults.Created($"/api/directory/{collection}/{id(entry)}", entry);

    private static void MapActivation(RouteGroupBuilder group, string collection, Func<DirectoryService, long, bool, CancellationToken, Task> set)
    {
        group.MapPost($"/{collection}/{{id:long}}/deactivate", async (long id, DirectoryService s, CancellationToken ct) =>
        {
            await set(s, id, false, ct);
            return TypedResults.NoContent();
        });
        group.MapPost($"/{collection}/{{id:long}}/activate", async (long id, DirectoryService s, CancellationToken ct) =>
        {
            await set(s, id, true, ct);
            return TypedResults.NoContent();
        });
    }
}
