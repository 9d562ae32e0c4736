using System.Security.Claims;
using Hotline.Api.Infrastructure;
using Hotline.Core.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Api.Tickets;

internal static class TicketEndpoints
{
    public static IEndpointRouteBuilder MapTicketEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/tickets").WithTags("Tickets").RequireAuthorization();
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", (long id, TicketQueries q, ClaimsPrincipal user, CancellationToken ct) => q.GetAsync(id, user.Actor(), ct));
        group.MapGet("/by-number/{number}", (string number, TicketQueries q, ClaimsPrincipal user, CancellationToken ct) => q.GetByNumberAsync(number, user.Actor(), ct));
        group.MapPost("/", RegisterAsync);
        group.MapPost("/answer-directly", AnswerDirectlyAsync);

        group.MapPost("/{id:long}/dispatch", (long id, DispatchRequest r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.DispatchAsync(id, r, u.Actor(), ct));
        group.MapPost("/{id:long}/sign", (long id, VersionOnly r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.SignAsync(id, r, u.Actor(), ct));
        group.MapPost("/{id:long}/request-return", (long id, ReasonRequest r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.RequestReturnAsync(id, r, u.Actor(), ct));
        group.MapPost("/{id:long}/approve-return", (long id, DispatchRequest r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.ApproveReturnAsync(id, r, u.Actor(), ct));
        group.MapPost("/{id:long}/reject-return", (long id, ReasonRequest r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.RejectReturnAsync(id, r, u.Actor(), ct));
        group.MapPost("/{id:long}/reply", (long id, ReplyRequest r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.ReplyAsync(id, r, u.Actor(), ct));
        group.MapPost("/{id:long}/approve-reply", (long id, NoteRequest r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.ApproveReplyAsync(id, r, u.Actor(), ct));
        group.MapPost("/{id:long}/send-back", (long id, ReasonRequest r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.SendBackAsync(id, r, u.Actor(), ct));
        group.MapPost("/{id:long}/visit", (long id, VisitRequest r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.RecordVisitAsync(id, r, u.Actor(), ct));
        group.MapPost("/{id:long}/reopen", (long id, ReasonRequest r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.ReopenAsync(id, r, u.Actor(), ct));
        group.MapPost("/{id:long}/request-extension", (long id, ExtensionRequestBody r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.RequestExtensionAsync(id, r, u.Actor(), ct));
        group.MapPost("/{id:long}/approve-extension", (long id, NoteRequest r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.ApproveExtensionAsync(id, r, u.Actor(), ct));
        group.MapPost("/{id:long}/reject-extension", (long id, ReasonRequest r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.RejectExtensionAsync(id, r, u.Actor(), ct));
        group.MapPost("/{id:long}/withdraw", (long id, ReasonRequest r, TicketService s, ClaimsPrincipal u, CancellationToken ct) => s.WithdrawAsync(id, r, u.Actor(), ct));

        routes.MapGet("/api/callers/{phone}/tickets", (string phone, TicketQueries q, ClaimsPrincipal user, CancellationToken ct) => q.CallerHistoryAsync(phone, user.Actor(), ct))
            .WithTags("Callers").RequireAuthorization();
        return routes;
    }

    private static async Task<Created<TicketDetail>> RegisterAsync(RegisterTicket request, TicketService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var ticket = await service.RegisterAsync(request, user.Actor(), answerDirectly: false, ct);
        return TypedResults.Created($"/api/tickets/{ticket.Id}", ticket);
    }

    private static async Task<Created<TicketDetail>> AnswerDirectlyAsync(RegisterTicket request, TicketService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var ticket = await service.RegisterAsync(request, user.Actor(), answerDirectly: true, ct);
        return TypedResults.Created($"/api/tickets/{ticket.Id}", ticket);
    }

    private static Task<TicketPage> ListAsync(HttpRequest http, TicketQueries queries, ClaimsPrincipal user, CancellationToken ct)
    {
        var q = new QueryReader(http.Query);
        var filter = new TicketListFilter
        {
            Statuses = q.Enums<TicketStatus>("status"),
            DepartmentId = q.Long("departmentId"),
            AppealType = q.Enum<AppealType>("appealType"),
            Urgency = q.Enum<Urgency>("urgency"),
            Channel = q.Enum<Channel>("channel"),
            FromUtc = q.Instant("from"),
            ToUtc = q.Instant("to"),
            Number = q.Text("number"),
            Text = q.Text("q"),
            PendingExtension = q.Bool("pendingExtension"),
            Page = q.Int("page") ?? 1,
            PageSize = q.Int("pageSize") ?? 20,
            Sort = q.Text("sort") ?? "createdUtc",
            Desc = q.Bool("desc") ?? true,
        };
        q.ThrowIfInvalid();
        return queries.ListAsync(filter, user.Actor(), ct);
    }
}
