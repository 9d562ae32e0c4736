using System.Globalization;
using System.Text;
using CsvHelper;

namespace Hotline.Core.Metrics;

/// <summary>
/// A metrics table (or a bulletin's ranking) as a spreadsheet Excel opens: UTF-8 with a byte order mark, Chinese headers,
/// rates as percentages with two decimals, one row per department in rank order.
/// </summary>
public static class MetricsCsv
{
    public static readonly string[] Headers =
    [
        "排名", "单位", "得分", "榜单", "受理量", "重复诉求", "重复诉求率(%)", "签收", "按时签收", "签收及时率(%)", "退单", "退单率(%)",
        "办结", "按时办结", "按时办结率(%)", "平均办理工作日", "回访", "满意", "满意率(%)", "解决", "解决率(%)", "回访率(%)", "重办", "重办率(%)",
        "超期", "甄别",
    ];

    public static byte[] Write(IReadOnlyList<DepartmentMetrics> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var header in Headers)
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var r in rows)
            {
                var c = r.Counters;
                var m = r.Rates;
                csv.WriteField(r.Rank?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(r.DepartmentName);
                csv.WriteField(Number(r.Score));
                csv.WriteField(r.List switch { BulletinList.Red => "红榜", BulletinList.Black => "黑榜", _ => "" });
                csv.WriteField(Count(c?.Received));
                csv.WriteField(Count(c?.Repeated));
                csv.WriteField(Percent(m?.RepeatRate));
                csv.WriteField(Count(c?.Signed));
                csv.WriteField(Count(c?.SignedOnTime));
                csv.WriteField(Percent(m?.SignOnTimeRate));
                csv.WriteField(Count(c?.Returned));
                csv.WriteField(Percent(m?.ReturnRate));
                csv.WriteField(Count(c?.Completed));
                csv.WriteField(Count(c?.CompletedOnTime));
                csv.WriteField(Percent(m?.CompletedOnTimeRate));
                csv.WriteField(Number(m?.AverageHandlingDays));
                csv.WriteField(Count(c?.Visited));
                csv.WriteField(Count(c?.Satisfied));
                csv.WriteField(Percent(m?.SatisfactionRate));
                csv.WriteField(Count(c?.Resolved));
                csv.WriteField(Percent(m?.ResolutionRate));
                csv.WriteField(Percent(m?.ReturnVisitRate));
                csv.WriteField(Count(c?.Reopened));
                csv.WriteField(Percent(m?.ReopenRate));
                csv.WriteField(Count(c?.Overdue));
                csv.WriteField(c is null ? "" : r.Screened.ToString(CultureInfo.InvariantCulture));
                csv.NextRecord();
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>Reads a file written by <see cref="Write"/> back into header → value rows (for checks and re-imports).</summary>
    public static List<Dictionary<string, string>> Read(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<Dictionary<string, string>>();
        csv.Read();
        csv.ReadHeader();
        var headers = csv.HeaderRecord ?? [];
        while (csv.Read())
        {
            rows.Add(headers.ToDictionary(h => h, h => csv.GetField(h) ?? ""));
        }

        return rows;
    }

    private static string Count(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Number(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";

    private static string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.00", CultureInfo.InvariantCulture) : "";
}
