using System.Security.Claims;
using Hotline.Api.Infrastructure;
using Hotline.Core.Common;
using Hotline.Core.Directory;
using Hotline.Core.Routing;
using Hotline.Core.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Api.Routing;

/// <summary>The responsibility list (责任清单): decisions, the draft and its rules, publishing, CSV, the returns report.</summary>
internal static class RoutingEndpoints
{
    public static IEndpointRouteBuilder MapRoutingEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/routing").WithTags("Routing").RequireAuthorization();

        // The intake console asks while the agent types; administrators' test box asks the draft (?draft=true).
        group.MapPost("/decide", (RoutingInput input, bool? draft, RoutingService s, ClaimsPrincipal u, CancellationToken ct) =>
            s.DecideAsync(input, u.Actor(), draft == true, ct))
            .RequireAuthorization(Roles(Role.Agent, Role.Dispatcher, Role.Admin));
        group.MapGet("/tickets/{id:long}", (long id, RoutingService s, ClaimsPrincipal u, CancellationToken ct) => s.TicketRoutingAsync(id, u.Actor(), ct))
            .RequireAuthorization(Roles(Role.Agent, Role.Dispatcher, Role.Supervisor, Role.Admin));
        group.MapGet("/report/returns", (DateTime? from, DateTime? to, RoutingService s, ClaimsPrincipal u, CancellationToken ct) =>
            s.ReturnsReportAsync(Utc(from), Utc(to), u.Actor(), ct))
            .RequireAuthorization(Roles(Role.Dispatcher, Role.Supervisor, Role.Admin));

        var read = group.MapGroup("").RequireAuthorization(Roles(Role.Dispatcher, Role.Admin));
        read.MapGet("/rules", (int? version, long? categoryId, long? areaId, long? departmentId, AppealType? appealType, Channel? channel, string? q,
            RoutingService s, ClaimsPrincipal u, CancellationToken ct) =>
            s.ListAsync(new RoutingRuleFilter
            {
                Version = version, CategoryId = categoryId, AreaId = areaId, DepartmentId = departmentId, AppealType = appealType, Channel = channel, Text = q,
            }, u.Actor(), ct));
        read.MapGet("/rules/{ruleNo:int}", (int ruleNo, int? version, RoutingService s, ClaimsPrincipal u, CancellationToken ct) => s.GetAsync(ruleNo, version, u.Actor(), ct));
        read.MapGet("/versions", (RoutingService s, ClaimsPrincipal u, CancellationToken ct) => s.VersionsAsync(u.Actor(), ct));
        read.MapGet("/export", async (int? version, RoutingService s, ClaimsPrincipal u, CancellationToken ct) =>
            TypedResults.File(await s.ExportAsync(version, u.Actor(), ct), "text/csv; charset=utf-8",
                version is { } v ? $"responsibility-list-v{v}.csv" : "responsibility-list-draft.csv"));
        // The center keeps its arbitration as a draft rule (an administrator publishes).
        read.MapPost("/rules/from-ticket", async (RuleFromTicket r, RoutingService s, ClaimsPrincipal u, CancellationToken ct) => Created(await s.CreateFromTicketAsync(r, u.Actor(), ct)));

        var admin = group.MapGroup("").RequireAuthorization(Roles(Role.Admin));
        admin.MapPost("/rules", async (SaveRoutingRule r, RoutingService s, ClaimsPrincipal u, CancellationToken ct) => Created(await s.CreateAsync(r, u.Actor(), ct)));
        admin.MapPut("/rules/{ruleNo:int}", (int ruleNo, SaveRoutingRule r, RoutingService s, ClaimsPrincipal u, CancellationToken ct) => s.UpdateAsync(ruleNo, r, u.Actor(), ct));
        admin.MapDelete("/rules/{ruleNo:int}", async (int ruleNo, RoutingService s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            await s.DeleteAsync(ruleNo, u.Actor(), ct);
            return TypedResults.NoContent();
        });
        admin.MapPost("/publish", (PublishRequest r, RoutingService s, ClaimsPrincipal u, CancellationToken ct) => s.PublishAsync(r, u.Actor(), ct));
        admin.MapPost("/draft/reset", async (RoutingService s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            await s.ResetDraftAsync(u.Actor(), ct);
            return TypedResults.NoContent();
        });
        admin.MapPost("/import", async (HttpRequest request, RoutingService s, ClaimsPrincipal u, CancellationToken ct) =>
            await s.ImportAsync(await ReadFileAsync(request, ct), u.Actor(), ct));
        return routes;
    }

    private static Action<Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder> Roles(params Role[] roles) =>
        p => p.RequireRole(roles.Select(r => r.ToString()));

    private static Created<RoutingRule> Created(RoutingRule rule) => TypedResults.Created($"/api/routing/rules/{rule.RuleNo}", rule);

    private static DateTime? Utc(DateTime? value) =>
        value is { } v ? v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;

    /// <summary>The CSV as a multipart upload (field "file") or as the raw body.</summary>
    private static async Task<byte[]> ReadFileAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault() ?? throw ValidationException.For("file", "Attach the CSV file.");
            await file.CopyToAsync(buffer, ct);
        }
        else
        {
            await request.Body.CopyToAsync(buffer, ct);
        }

        return buffer.Length == 0 ? throw ValidationException.For("file", "The file is empty.") : buffer.ToArray();
    }
}
