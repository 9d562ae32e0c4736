using System.Security.Claims;
using Hotline.Core.Directory;

namespace Hotline.Api.Infrastructure;

internal static class ActorClaims
{
    public const string Department = "hotline:department";

    public static ClaimsPrincipal ToPrincipal(Me me, string scheme) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, me.Id.ToString()),
            new Claim(ClaimTypes.Name, me.DisplayName),
            new Claim(ClaimTypes.Role, me.Role.ToString()),
            .. me.DepartmentId is { } d ? [new Claim(Department, d.ToString())] : Array.Empty<Claim>(),
        ], scheme));

    /// <summary>The acting user, always from the authenticated cookie, never from the request body.</summary>
    public static Actor Actor(this ClaimsPrincipal user) =>
        new(long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
            user.FindFirstValue(ClaimTypes.Name) ?? "",
            Enum.Parse<Role>(user.FindFirstValue(ClaimTypes.Role)!),
            user.FindFirstValue(Department) is { } d ? long.Parse(d) : null);
}
