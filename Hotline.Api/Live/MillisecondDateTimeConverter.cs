using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hotline.Api.Live;

/// <summary>
/// The hub writes instants to the millisecond (<c>2026-11-24T06:08:18.002Z</c>, whole seconds as <c>…:18Z</c>), not to
/// the tick (<c>.0026882Z</c>): a browser's <c>Date</c> holds milliseconds, so the four more digits of every timestamp
/// in every message only made a sweep's burst bigger. The value is cut, not rounded, as <c>Date.parse</c> cuts it, so
/// a page comparing a live message with an API answer sees the same instant either way. The kind is kept (every
/// instant here is UTC). Reading takes any ISO 8601 form.
/// </summary>
internal sealed class MillisecondDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTime();

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(new DateTime(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, value.Kind));
}
