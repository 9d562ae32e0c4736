namespace Hotline.Core.Common;

/// <summary>Bad input, by field (camelCase request names). Thrown before anything is written.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("Validation failed: " + string.Join(", ", errors.Keys))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Not found, or not visible to the caller: both are a 404, so nothing leaks.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The caller's role may not do this (403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

public static class ConflictCodes
{
    public const string StaleVersion = "StaleVersion";
    public const string InvalidState = "InvalidState";
    public const string ReturnLimitReached = "ReturnLimitReached";
    public const string Duplicate = "Duplicate";
    public const string ExtensionLimitReached = "ExtensionLimitReached";
    public const string DeadlinePassed = "DeadlinePassed";

    /// <summary>The seat's phone extension (分机号) is another user's.</summary>
    public const string PhoneExtensionTaken = "PhoneExtensionTaken";
}

/// <summary>A 409: the state or version the caller acted on is not the current one, or a unique name is taken.</summary>
public sealed class ConflictException(string code, string message, string? currentStatus = null, int? currentVersion = null) : Exception(message)
{
    public string Code { get; } = code;

    public string? CurrentStatus { get; } = currentStatus;

    public int? CurrentVersion { get; } = currentVersion;
}

/// <summary>Collects field errors; throws one ValidationException naming every bad field.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public Validator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public Validator Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "Required.");
        }

        return MaxLength(field, value, maxLength);
    }

    public Validator Required<T>(string field, T? value)
        where T : struct
    {
        return value is null ? Add(field, "Required.") : this;
    }

    public Validator MaxLength(string field, string? value, int maxLength)
    {
        return value is not null && value.Length > maxLength ? Add(field, $"At most {maxLength} characters.") : this;
    }

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
