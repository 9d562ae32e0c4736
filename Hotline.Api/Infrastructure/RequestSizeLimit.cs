namespace Hotline.Api.Infrastructure;

/// <summary>
/// Refuses oversized requests up front with a ProblemDetails 413. Kestrel enforces the same limit on bodies that
/// arrive without a Content-Length.
/// </summary>
internal static class RequestSizeLimit
{
    public const long MaxBodyBytes = 256 * 1024;

    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.ContentLength > MaxBodyBytes)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await Results.Problem(title: $"The request is larger than {MaxBodyBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(http);
                return;
            }

            await next(http);
        });
}
