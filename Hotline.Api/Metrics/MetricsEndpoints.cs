using System.Security.Claims;
using Hotline.Api.Infrastructure;
using Hotline.Core.Metrics;

namespace Hotline.Api.Metrics;

/// <summary>Performance figures, screening (甄别), dashboards and the monthly bulletins (每月通报). Access is checked in the services.</summary>
internal static class MetricsEndpoints
{
    private const string CsvType = "text/csv; charset=utf-8";

    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder routes)
    {
        var metrics = routes.MapGroup("/api/metrics").WithTags("Metrics").RequireAuthorization();
        metrics.MapGet("/departments", (string? from, string? to, string? source, MetricsService s, ClaimsPrincipal u, CancellationToken ct) =>
            s.TableAsync(from, to, source, u.Actor(), ct));
        metrics.MapGet("/departments/export", async (string? from, string? to, MetricsService s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            var table = await s.TableAsync(from, to, null, u.Actor(), ct);
            return TypedResults.File(MetricsCsv.Write(table.Departments), CsvType, $"metrics-{table.FromDay}-{table.ToDay}.csv");
        });
        metrics.MapGet("/dashboard", (string? month, MetricsService s, ClaimsPrincipal u, CancellationToken ct) => s.DashboardAsync(month, u.Actor(), ct));

        metrics.MapGet("/screenings", (MetricsService s, ClaimsPrincipal u, CancellationToken ct) => s.ScreeningsAsync(u.Actor(), ct));
        metrics.MapPost("/screenings", async (CreateScreening r, MetricsService s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            var created = await s.ScreenAsync(r, u.Actor(), ct);
            return TypedResults.Created($"/api/metrics/screenings/{created.Id}", created);
        });
        metrics.MapPost("/screenings/{id:long}/revoke", (long id, RevokeScreening r, MetricsService s, ClaimsPrincipal u, CancellationToken ct) =>
            s.RevokeAsync(id, r, u.Actor(), ct));

        metrics.MapPost("/rollups/rebuild", async (MetricsRollup r, CancellationToken ct) => TypedResults.Ok(new { events = await r.RebuildAsync(ct) }))
            .RequireAuthorization(p => p.RequireRole(nameof(Hotline.Core.Directory.Role.Admin)));

        metrics.MapGet("/bulletins", (BulletinService s, ClaimsPrincipal u, CancellationToken ct) => s.ListAsync(u.Actor(), ct));
        metrics.MapPost("/bulletins", async (GenerateBulletin r, BulletinService s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            var created = await s.GenerateAsync(r, u.Actor(), ct);
            return TypedResults.Created($"/api/metrics/bulletins/{created.Summary.Id}", created);
        });
        metrics.MapGet("/bulletins/{id:long}", (long id, BulletinService s, ClaimsPrincipal u, CancellationToken ct) => s.GetAsync(id, u.Actor(), ct));
        metrics.MapGet("/bulletins/{id:long}/export", async (long id, BulletinService s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            var view = await s.GetAsync(id, u.Actor(), ct);
            return TypedResults.File(MetricsCsv.Write(view.Content.Departments), CsvType, $"bulletin-{view.Summary.Month}-v{view.Summary.Version}.csv");
        });
        return routes;
    }
}
