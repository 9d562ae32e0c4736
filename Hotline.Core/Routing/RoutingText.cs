using Hotline.Core.Tickets;

namespace Hotline.Core.Routing;

/// <summary>The zh-CN words of explanations and of the CSV file (the GLOSSARY's terms).</summary>
internal static class RoutingText
{
    public const string Territorial = "属地";

    public static readonly IReadOnlyDictionary<AppealType, string> AppealTypes = new Dictionary<AppealType, string>
    {
        [AppealType.Consultation] = "咨询",
        [AppealType.HelpRequest] = "求助",
        [AppealType.Complaint] = "投诉",
        [AppealType.Report] = "举报",
        [AppealType.Suggestion] = "建议",
        [AppealType.Praise] = "表扬",
    };

    public static readonly IReadOnlyDictionary<Channel, string> Channels = new Dictionary<Channel, string>
    {
        [Channel.Phone] = "电话",
        [Channel.Web] = "网站",
        [Channel.WeChat] = "微信",
        [Channel.App] = "APP",
        [Channel.Email] = "邮件",
        [Channel.Window] = "窗口",
        [Channel.Forwarded] = "上级转办",
    };

    /// <summary>A code name (Complaint) or its Chinese word (投诉).</summary>
    public static bool TryParse<T>(string value, IReadOnlyDictionary<T, string> words, out T result)
        where T : struct, Enum
    {
        if (value.Length > 0 && char.IsLetter(value[0]) && Enum.TryParse(value, ignoreCase: true, out result) && Enum.IsDefined(result))
        {
            return true;
        }

        foreach (var (key, word) in words)
        {
            if (string.Equals(word, value, StringComparison.OrdinalIgnoreCase))
            {
                result = key;
                return true;
            }
        }

        result = default;
        return false;
    }
}
