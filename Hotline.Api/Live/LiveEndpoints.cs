using System.Security.Cryptography;
using System.Text;
using Hotline.Core.Live;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Api.Live;

internal static class LiveEndpoints
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<LiveHub>(LiveHub.Path);

        // The phone system (CTI) tells us a call rings at an agent's seat: the agent's screen pops up with the caller's history.
        routes.MapPost("/api/integrations/phone/incoming-call", IncomingCallAsync).WithTags("Integrations").AllowAnonymous();
        return routes;
    }

    private static async Task<Results<Accepted<IncomingCall>, ProblemHttpResult>> IncomingCallAsync(
        IncomingCallRequest request, HttpContext http, LiveFeed feed, IConfiguration configuration, CancellationToken ct)
    {
        if (!KeyMatches(http.Request.Headers[ApiKeyHeader].ToString(), configuration["Integrations:PhoneApiKey"]))
        {
            return TypedResults.Problem(title: "A valid X-Api-Key header is required.", statusCode: StatusCodes.Status401Unauthorized);
        }

        return TypedResults.Accepted((string?)null, await feed.RecordIncomingCallAsync(request, ct));
    }

    /// <summary>Constant-time comparison; no key configured means the integration is off.</summary>
    private static bool KeyMatches(string given, string? expected) =>
        !string.IsNullOrEmpty(expected) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
