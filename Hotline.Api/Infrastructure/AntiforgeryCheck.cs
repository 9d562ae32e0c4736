using Microsoft.AspNetCore.Antiforgery;

namespace Hotline.Api.Infrastructure;

/// <summary>
/// The defence against cross-site requests: besides the SameSite=Strict cookie, every state-changing API request
/// must echo the XSRF-TOKEN cookie in the X-XSRF-TOKEN header. Sign-in is exempt (there is no session to ride on yet)
/// and so are integrations authenticated by API key.
/// </summary>
internal static class AntiforgeryCheck
{
    public const string CookieName = "XSRF-TOKEN";
    public const string HeaderName = "X-XSRF-TOKEN";

    private static readonly string[] Exempt = ["/api/auth/login", "/api/integrations/"];

    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path.Value ?? "";
            var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
            if (unsafeMethod && path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) && !Exempt.Any(e => path.StartsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }

            await next(http);
        });

    /// <summary>Issues a token for the current user into the readable cookie the web UI echoes back.</summary>
    public static void IssueToken(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        http.Response.Cookies.Append(CookieName, tokens.RequestToken!, new CookieOptions
        {
            HttpOnly = false, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/",
        });
    }
}
