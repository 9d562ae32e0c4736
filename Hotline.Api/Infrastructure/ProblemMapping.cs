using System.Text.Json;
using Hotline.Core.Common;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Hotline.Api.Infrastructure;

/// <summary>Turns the domain's exceptions into ProblemDetails: 400 naming fields, 403, 404, 409 with the current state.</summary>
internal sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationException v => new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Title = "One or more fields are invalid.", Status = StatusCodes.Status400BadRequest,
            },
            BadHttpRequestException { InnerException: JsonException json } => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [FieldName(json.Path)] = ["Not a valid value."] })
            {
                Title = "One or more fields are invalid.", Status = StatusCodes.Status400BadRequest,
            },
            BadHttpRequestException bad => new ProblemDetails { Title = bad.Message, Status = bad.StatusCode },
            AntiforgeryValidationException => new ProblemDetails { Title = "Invalid antiforgery token", Status = StatusCodes.Status400BadRequest },
            NotFoundException nf => new ProblemDetails { Title = nf.Message, Status = StatusCodes.Status404NotFound },
            ForbiddenException f => new ProblemDetails { Title = f.Message, Status = StatusCodes.Status403Forbidden },
            ConflictException c => Conflict(c),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            return false;
        }

        http.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Conflict(ConflictException c)
    {
        var problem = new ProblemDetails { Title = c.Message, Status = StatusCodes.Status409Conflict };
        problem.Extensions["code"] = c.Code;
        if (c.CurrentStatus is not null)
        {
            problem.Extensions["currentStatus"] = c.CurrentStatus;
        }

        if (c.CurrentVersion is not null)
        {
            problem.Extensions["currentVersion"] = c.CurrentVersion;
        }

        return problem;
    }

    /// <summary>"$.dispatch.leadDepartmentId" → "dispatch.leadDepartmentId"; "$.assistDepartmentIds[1]" → "assistDepartmentIds".</summary>
    internal static string FieldName(string? jsonPath)
    {
        var path = (jsonPath ?? "$").TrimStart('$').TrimStart('.');
        var bracket = path.IndexOf('[');
        path = bracket >= 0 ? path[..bracket] : path;
        return path.Length == 0 ? "body" : path;
    }
}
