using Hotline.Api.Infrastructure;
using Hotline.Core.Directory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Hotline.Api.Auth;

public sealed record LoginRequest(string? UserName, string? Password);

internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous();
        group.MapPost("/logout", (Delegate)LogoutAsync).RequireAuthorization();
        group.MapGet("/me", MeAsync).RequireAuthorization();
        return routes;
    }

    private static async Task<Results<Ok<Me>, ProblemHttpResult>> LoginAsync(LoginRequest request, AccountService accounts, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors["userName"] = ["Required."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(errors) { Title = "One or more fields are invalid.", Status = 400 });
        }

        switch (await accounts.LoginAsync(request.UserName!, request.Password!, ct))
        {
            case LoginResult.Success ok:
                var principal = ActorClaims.ToPrincipal(ok.User, CookieAuthenticationDefaults.AuthenticationScheme);
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
                http.User = principal; // the antiforgery token is bound to the signed-in user
                AntiforgeryCheck.IssueToken(http);
                return TypedResults.Ok(ok.User);
            case LoginResult.LockedOut locked:
                var problem = new ProblemDetails { Title = "Too many failed sign-ins; the account is locked for a while.", Status = StatusCodes.Status423Locked };
                problem.Extensions["lockoutEndUtc"] = locked.LockoutEndUtc;
                return TypedResults.Problem(problem);
            default:
                return TypedResults.Problem(title: "Wrong user name or password.", statusCode: StatusCodes.Status401Unauthorized);
        }
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        http.Response.Cookies.Delete(AntiforgeryCheck.CookieName);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Me>, UnauthorizedHttpResult>> MeAsync(AccountService accounts, HttpContext http, CancellationToken ct)
    {
        var me = await accounts.FindAsync(http.User.Actor().UserId, ct);
        if (me is null)
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.Unauthorized();
        }

        AntiforgeryCheck.IssueToken(http);
        return TypedResults.Ok(me);
    }
}
