using System.Security.Claims;
using Hotline.Api.Infrastructure;
using Hotline.Core.Window;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Api.Window;

/// <summary>The "办不成事" window: intake, graded handling, the log, reply and visit, the ledger with its CSV, the figures.</summary>
internal static class WindowEndpoints
{
    public static IEndpointRouteBuilder MapWindowEndpoints(this IEndpointRouteBuilder routes)
    {
        // Roles are checked in WindowService: window staff act; supervisors, the center and administrators read.
        var group = routes.MapGroup("/api/window").WithTags("Window").RequireAuthorization();
        group.MapGet("/cases", (HttpRequest http, WindowService s, ClaimsPrincipal u, CancellationToken ct) => s.ListAsync(ReadFilter(http), u.Actor(), ct));
        group.MapGet("/cases/export", async (HttpRequest http, WindowService s, ClaimsPrincipal u, CancellationToken ct) =>
            TypedResults.File(await s.ExportAsync(ReadFilter(http, paged: false), u.Actor(), ct), "text/csv; charset=utf-8", "window-cases.csv"));
        group.MapGet("/cases/{id:long}", (long id, WindowService s, ClaimsPrincipal u, CancellationToken ct) => s.GetAsync(id, u.Actor(), ct));
        group.MapPost("/cases", async (WindowIntake r, WindowService s, ClaimsPrincipal u, CancellationToken ct) => Created(await s.IntakeAsync(r, u.Actor(), ct)));
        group.MapPost("/cases/forward", async (ForwardToWindow r, WindowService s, ClaimsPrincipal u, CancellationToken ct) => Created(await s.ForwardAsync(r, u.Actor(), ct)));
        group.MapPost("/cases/{id:long}/handle", (long id, WindowHandleRequest r, WindowService s, ClaimsPrincipal u, CancellationToken ct) => s.HandleAsync(id, r, u.Actor(), ct));
        group.MapPost("/cases/{id:long}/log", (long id, WindowLogRequest r, WindowService s, ClaimsPrincipal u, CancellationToken ct) => s.AddLogAsync(id, r, u.Actor(), ct));
        group.MapPost("/cases/{id:long}/reply", (long id, WindowReplyRequest r, WindowService s, ClaimsPrincipal u, CancellationToken ct) => s.ReplyAsync(id, r, u.Actor(), ct));
        group.MapPost("/cases/{id:long}/visit", (long id, WindowVisitRequest r, WindowService s, ClaimsPrincipal u, CancellationToken ct) => s.VisitAsync(id, r, u.Actor(), ct));
        group.MapGet("/figures", (HttpRequest http, WindowService s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            var q = new QueryReader(http.Query);
            var from = q.Instant("from");
            var to = q.Instant("to");
            q.ThrowIfInvalid();
            return s.FiguresAsync(from, to, u.Actor(), ct);
        });
        group.MapGet("/tickets/{ticketId:long}/cases", (long ticketId, WindowService s, ClaimsPrincipal u, CancellationToken ct) => s.LinksForTicketAsync(ticketId, u.Actor(), ct));
        return routes;
    }

    private static Created<WindowCaseDetail> Created(WindowCaseDetail detail) => TypedResults.Created($"/api/window/cases/{detail.Id}", detail);

    private static WindowCaseFilter ReadFilter(HttpRequest http, bool paged = true)
    {
        var q = new QueryReader(http.Query);
        var filter = new WindowCaseFilter
        {
            Statuses = q.Enums<WindowCaseStatus>("status"),
            Cause = q.Enum<WindowCause>("cause"),
            Mode = q.Enum<WindowMode>("mode"),
            DepartmentId = q.Long("departmentId"),
            ServiceItem = q.Text("serviceItem"),
            FromUtc = q.Instant("from"),
            ToUtc = q.Instant("to"),
            Text = q.Text("q"),
            Mine = q.Bool("mine") ?? false,
            FixMade = q.Bool("fixMade"),
            Overdue = q.Bool("overdue"),
            Page = paged ? q.Int("page") ?? 1 : 1,
            PageSize = paged ? q.Int("pageSize") ?? 20 : int.MaxValue,
        };
        q.ThrowIfInvalid();
        return filter;
    }
}
