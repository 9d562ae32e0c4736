using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Hotline.Core.Common;
using Hotline.Core.Directory;
using Hotline.Core.Tickets;

namespace Hotline.Core.Routing;

/// <summary>
/// The responsibility list as a spreadsheet: Chinese headers, codes (or names) for categories, areas and
/// departments, 属地 for the territorial unit, '|' between keywords, times in the center's local time. Written as UTF-8
/// with a byte order mark (Excel); read as UTF-8, or GB18030 when the file is not UTF-8 (Excel's "CSV" on Chinese Windows).
/// </summary>
internal static class RoutingCsv
{
    public const string RuleNo = "规则编号";
    public const string Name = "名称";
    public const string Category = "类别编码";
    public const string CategoryName = "类别名称";
    public const string Area = "区域编码";
    public const string AreaName = "区域名称";
    public const string AppealType = "诉求类型";
    public const string Channel = "渠道";
    public const string Keywords = "关键词";
    public const string ExcludedKeywords = "排除关键词";
    public const string Lead = "主办单位";
    public const string LeadName = "主办单位名称";
    public const string Assists = "协办单位";
    public const string AssistNames = "协办单位名称";
    public const string Priority = "优先级";
    public const string From = "生效时间";
    public const string To = "失效时间";

    /// <summary>The columns in order; the *名称 columns are for people and ignored on import.</summary>
    public static readonly string[] Headers =
        [RuleNo, Name, Category, CategoryName, Area, AreaName, AppealType, Channel, Keywords, ExcludedKeywords, Lead, LeadName, Assists, AssistNames, Priority, From, To];

    private static readonly char[] ListSeparators = ['|', '、', ';', '；'];
    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd", "yyyy/M/d H:mm", "yyyy/M/d", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss"];

    public sealed record Row(int Line, int? RuleNo, SaveRoutingRule Rule);

    public static byte[] Write(IReadOnlyList<RoutingRule> rules, RoutingDirectory dir, TimeZoneInfo zone)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var header in Headers)
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var r in rules)
            {
                csv.WriteField(r.RuleNo);
                csv.WriteField(r.Name);
                csv.WriteField(r.CategoryId is { } c ? dir.Categories.GetValueOrDefault(c)?.Code : "");
                csv.WriteField(r.CategoryId is { } cn ? dir.Categories.GetValueOrDefault(cn)?.Name : "");
                csv.WriteField(r.AreaId is { } a ? dir.Areas.GetValueOrDefault(a)?.Code : "");
                csv.WriteField(r.AreaId is { } an ? dir.Areas.GetValueOrDefault(an)?.Name : "");
                csv.WriteField(r.AppealType is { } t ? RoutingText.AppealTypes[t] : "");
                csv.WriteField(r.Channel is { } ch ? RoutingText.Channels[ch] : "");
                csv.WriteField(string.Join('|', r.Keywords));
                csv.WriteField(string.Join('|', r.ExcludedKeywords));
                csv.WriteField(r.LeadTerritorial ? RoutingText.Territorial : r.LeadDepartmentId is { } l ? dir.Departments.GetValueOrDefault(l)?.Code : "");
                csv.WriteField(r.LeadTerritorial ? RoutingText.Territorial : r.LeadDepartmentId is { } ln ? dir.Departments.GetValueOrDefault(ln)?.Name : "");
                csv.WriteField(string.Join('|', r.AssistDepartmentIds.Select(id => dir.Departments.GetValueOrDefault(id)?.Code ?? id.ToString())
                    .Concat(r.AssistTerritorial ? [RoutingText.Territorial] : [])));
                csv.WriteField(string.Join('|', r.AssistDepartmentIds.Select(id => dir.Departments.GetValueOrDefault(id)?.Name ?? id.ToString())
                    .Concat(r.AssistTerritorial ? [RoutingText.Territorial] : [])));
                csv.WriteField(r.Priority);
                csv.WriteField(Local(r.EffectiveFromUtc, zone));
                csv.WriteField(Local(r.EffectiveToUtc, zone));
                csv.NextRecord();
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>Parses every row, adding errors named <c>rows[line].field</c> (line 1 is the header, as Excel numbers rows).</summary>
    public static List<Row> Read(byte[] file, RoutingDirectory dir, TimeZoneInfo zone, Validator errors)
    {
        var rows = new List<Row>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = null,
            DetectColumnCountChanges = false,
        };
        using var reader = new StringReader(Decode(file));
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader())
        {
            errors.Add("file", "The file is empty.");
            return rows;
        }

        var headers = csv.HeaderRecord ?? [];
        var missing = new[] { Name, Lead }.Where(h => !headers.Contains(h)).ToList();
        if (missing.Count > 0)
        {
            errors.Add("file", $"Missing columns: {string.Join(", ", missing)}. Expected: {string.Join(", ", Headers)}.");
            return rows;
        }

        var categoryByCode = ByKey(dir.Categories.Values, c => c.Code, c => c.Name, c => c.Id);
        var areaByCode = ByKey(dir.Areas.Values, a => a.Code, a => a.Name, a => a.Id);
        var departmentByCode = ByKey(dir.Departments.Values, d => d.Code, d => d.Name, d => d.Id);
        while (csv.Read())
        {
            var line = csv.Parser.Row;
            string Cell(string header) => headers.Contains(header) ? csv.GetField(header)?.Trim() ?? "" : "";
            if (Headers.All(h => Cell(h).Length == 0))
            {
                continue; // a blank line in the spreadsheet
            }

            var prefix = $"rows[{line}].";
            int? ruleNo = null;
            if (Cell(RuleNo) is { Length: > 0 } no)
            {
                if (int.TryParse(no, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    ruleNo = n;
                }
                else
                {
                    errors.Add(prefix + "ruleNo", $"'{no}' is not a rule number.");
                }
            }

            long? Lookup(Dictionary<string, long> map, string header, string field)
            {
                var value = Cell(header);
                if (value.Length == 0)
                {
                    return null;
                }

                if (map.TryGetValue(value, out var id))
                {
                    return id;
                }

                errors.Add(prefix + field, $"Unknown {header} '{value}'.");
                return null;
            }

            T? Word<T>(string header, IReadOnlyDictionary<T, string> words, string field)
                where T : struct, Enum
            {
                var value = Cell(header);
                if (value.Length == 0)
                {
                    return null;
                }

                if (RoutingText.TryParse(value, words, out var parsed))
                {
                    return parsed;
                }

                errors.Add(prefix + field, $"Unknown {header} '{value}': one of {string.Join(", ", words.Values)}.");
                return null;
            }

            DateTime? Time(string header, string field)
            {
                var value = Cell(header);
                if (value.Length == 0)
                {
                    return null;
                }

                if (DateTime.TryParseExact(value, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                {
                    return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
                }

                errors.Add(prefix + field, $"'{value}' is not a time like 2026-07-01 or 2026-07-01 08:00.");
                return null;
            }

            var leadText = Cell(Lead);
            var leadTerritorial = leadText == RoutingText.Territorial;
            var lead = leadTerritorial ? null : Lookup(departmentByCode, Lead, "leadDepartmentId");
            if (leadText.Length == 0)
            {
                errors.Add(prefix + "leadDepartmentId", $"Required: a department code, or {RoutingText.Territorial}.");
            }

            var assistTerritorial = false;
            var assists = new List<long>();
            foreach (var code in Split(Cell(Assists)))
            {
                if (code == RoutingText.Territorial)
                {
                    assistTerritorial = true;
                }
                else if (departmentByCode.TryGetValue(code, out var id))
                {
                    assists.Add(id);
                }
                else
                {
                    errors.Add(prefix + "assistDepartmentIds", $"Unknown {Assists} '{code}'.");
                }
            }

            var priority = 0;
            if (Cell(Priority) is { Length: > 0 } p && !int.TryParse(p, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out priority))
            {
                errors.Add(prefix + "priority", $"'{p}' is not a whole number.");
            }

            rows.Add(new Row(line, ruleNo, new SaveRoutingRule(
                Cell(Name),
                Lookup(categoryByCode, Category, "categoryId"),
                Lookup(areaByCode, Area, "areaId"),
                Word(AppealType, RoutingText.AppealTypes, "appealType"),
                Word(Channel, RoutingText.Channels, "channel"),
                Split(Cell(Keywords)),
                Split(Cell(ExcludedKeywords)),
                lead,
                leadTerritorial,
                [.. assists],
                assistTerritorial,
                priority,
                Time(From, "effectiveFromUtc"),
                Time(To, "effectiveToUtc"))));
        }

        if (rows.Count == 0)
        {
            errors.Add("file", "The file holds no rules.");
        }

        return rows;
    }

    private static string Decode(byte[] file)
    {
        var span = file.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(span);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(span);
        }
    }

    /// <summary>Codes first, then names that are unique, case-insensitively.</summary>
    private static Dictionary<string, long> ByKey<T>(IEnumerable<T> items, Func<T, string> code, Func<T, string> name, Func<T, long> id)
    {
        var list = items.ToList();
        var map = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in list.GroupBy(name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() == 1))
        {
            map[group.Key] = id(group.Single());
        }

        foreach (var item in list)
        {
            map[code(item)] = id(item);
        }

        return map;
    }

    private static string[] Split(string text) =>
        text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Local(DateTime? utc, TimeZoneInfo zone) =>
        utc is { } t ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
}
