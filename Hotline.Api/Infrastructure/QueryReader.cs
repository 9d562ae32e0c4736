using System.Globalization;
using Hotline.Core.Common;

namespace Hotline.Api.Infrastructure;

/// <summary>Reads list filters from the query string; every unreadable value becomes a field error, reported together.</summary>
internal sealed class QueryReader(IQueryCollection query)
{
    private readonly Validator _errors = new();

    public bool Has(string name) => query.ContainsKey(name);

    public string? Text(string name) => query[name].ToString() is { Length: > 0 } value ? value : null;

    public T? Enum<T>(string name)
        where T : struct, Enum =>
        Read<T>(name, raw => System.Enum.TryParse<T>(raw, ignoreCase: true, out var value) && System.Enum.IsDefined(value) ? value : null);

    /// <summary>A repeatable (or comma-separated) enum filter such as <c>status=A&amp;status=B</c>.</summary>
    public IReadOnlyList<T> Enums<T>(string name)
        where T : struct, Enum
    {
        var values = new List<T>();
        foreach (var raw in query[name].SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (System.Enum.TryParse<T>(raw, true, out var value) && System.Enum.IsDefined(value))
            {
                values.Add(value);
            }
            else
            {
                _errors.Add(name, $"Unknown value '{raw}'.");
            }
        }

        return values.Distinct().ToList();
    }

    public int? Int(string name) => Read(name, raw => int.TryParse(raw, out var n) ? n : (int?)null);

    public long? Long(string name) => Read(name, raw => long.TryParse(raw, out var n) ? n : (long?)null);

    public bool? Bool(string name) => Read(name, raw => bool.TryParse(raw, out var b) ? b : (bool?)null);

    public DateTime? Instant(string name) => Read(name, raw =>
        DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d.UtcDateTime : (DateTime?)null);

    public void ThrowIfInvalid() => _errors.ThrowIfInvalid();

    private TValue? Read<TValue>(string name, Func<string, TValue?> parse)
        where TValue : struct
    {
        var raw = query[name].ToString();
        if (raw.Length == 0)
        {
            return null;
        }

        var value = parse(raw);
        if (value is null)
        {
            _errors.Add(name, $"Not a valid value: '{raw}'.");
        }

        return value;
    }
}
