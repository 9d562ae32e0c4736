using System.Globalization;

namespace Hotline.Api.Infrastructure;

/// <summary>
/// Every API answer carries the server's notion of now (<c>X-Server-Time</c>, ISO-8601 UTC), read from the same
/// <see cref="TimeProvider"/> the deadlines use, so a screen's countdown agrees with the sweep even when the PC's
/// clock is off.
/// </summary>
internal static class ServerTime
{
    public const string HeaderName = "X-Server-Time";

    public static IApplicationBuilder UseServerTimeHeader(this IApplicationBuilder app)
    {
        var time = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                // At send time, so error answers (whose headers the exception handler clears) carry it too.
                http.Response.OnStarting(() =>
                {
                    http.Response.Headers[HeaderName] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                    return Task.CompletedTask;
                });
            }

            await next(http);
        });
    }
}
