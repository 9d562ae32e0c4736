using System.Data;
using System.Globalization;
using System.Text.Json;
using Dapper;

namespace Hotline.Core.Data;

/// <summary>
/// Dapper type handling shared by both engines. SQLite keeps timestamps as ISO-8601 text; every DateTime read back
/// is UTC, whichever engine it came from.
/// </summary>
public static class DapperSetup
{
    private static int _done;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1)
        {
            return;
        }

        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
        SqlMapper.AddTypeHandler(new NullableUtcDateTimeHandler());
        SqlMapper.AddTypeHandler(new JsonHandler());
    }

    private static DateTime ToUtc(object value) => value switch
    {
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        string s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a UTC timestamp."),
    };

    private static void Write(IDbDataParameter parameter, DateTime value)
    {
        parameter.Value = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        parameter.DbType = DbType.DateTime2;
    }

    /// <summary>JSON text columns (such as TicketEvent.Detail) read as a JsonElement.</summary>
    private sealed class JsonHandler : SqlMapper.TypeHandler<JsonElement?>
    {
        public override JsonElement? Parse(object value) =>
            value is string { Length: > 0 } text ? JsonDocument.Parse(text).RootElement.Clone() : null;

        public override void SetValue(IDbDataParameter parameter, JsonElement? value) =>
            parameter.Value = value is { } json ? json.GetRawText() : DBNull.Value;
    }

    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override DateTime Parse(object value) => ToUtc(value);

        public override void SetValue(IDbDataParameter parameter, DateTime value) => Write(parameter, value);
    }

    private sealed class NullableUtcDateTimeHandler : SqlMapper.TypeHandler<DateTime?>
    {
        public override DateTime? Parse(object value) => value is null or DBNull ? null : ToUtc(value);

        public override void SetValue(IDbDataParameter parameter, DateTime? value)
        {
            if (value is { } v)
            {
                Write(parameter, v);
            }
            else
            {
                parameter.Value = DBNull.Value;
            }
        }
    }
}
