using System.Security.Claims;
using Hotline.Api.Infrastructure;
using Hotline.Core.Repeat;
using Hotline.Core.Tickets;

namespace Hotline.Api.Repeat;

/// <summary>Repeat complaints: candidates at intake, clusters for supervisors, figures, and merge (并单) / un-merge.</summary>
internal static class RepeatEndpoints
{
    public static IEndpointRouteBuilder MapRepeatEndpoints(this IEndpointRouteBuilder routes)
    {
        var repeat = routes.MapGroup("/api/repeat").WithTags("Repeat complaints").RequireAuthorization();
        repeat.MapPost("/candidates", (CandidateQuery q, RepeatDetector d, ClaimsPrincipal u, CancellationToken ct) => d.CandidatesAsync(q, u.Actor(), ct));
        repeat.MapGet("/clusters", ListClustersAsync);
        repeat.MapGet("/clusters/{id:long}", (long id, RepeatQueries q, ClaimsPrincipal u, CancellationToken ct) => q.GetClusterAsync(id, u.Actor(), ct));
        repeat.MapGet("/figures", FiguresAsync);

        var tickets = routes.MapGroup("/api/tickets").WithTags("Tickets").RequireAuthorization();
        tickets.MapGet("/{id:long}/repeat", (long id, RepeatQueries q, ClaimsPrincipal u, CancellationToken ct) => q.TicketInfoAsync(id, u.Actor(), ct));
        tickets.MapPost("/{id:long}/merge", (long id, MergeRequest r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.MergeAsync(id, r, u.Actor(), ct));
        tickets.MapPost("/{id:long}/unmerge", (long id, UnmergeRequest r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.UnmergeAsync(id, r, u.Actor(), ct));
        return routes;
    }

    private static Task<ClusterPage> ListClustersAsync(HttpRequest http, RepeatQueries queries, ClaimsPrincipal user, CancellationToken ct)
    {
        var q = new QueryReader(http.Query);
        var filter = new ClusterFilter
        {
            Kind = q.Enum<ClusterKind>("kind"),
            FromUtc = q.Instant("from"),
            ToUtc = q.Instant("to"),
            MinSize = q.Int("minSize") ?? 2,
            Page = q.Int("page") ?? 1,
            PageSize = q.Int("pageSize") ?? 20,
        };
        q.ThrowIfInvalid();
        return queries.ListClustersAsync(filter, user.Actor(), ct);
    }

    private static Task<RepeatFigures> FiguresAsync(HttpRequest http, RepeatQueries queries, ClaimsPrincipal user, CancellationToken ct)
    {
        var q = new QueryReader(http.Query);
        var from = q.Instant("from");
        var to = q.Instant("to");
        q.ThrowIfInvalid();
        return queries.FiguresAsync(from, to, user.Actor(), ct);
    }
}
