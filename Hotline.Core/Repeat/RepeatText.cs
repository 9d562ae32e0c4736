using System.Text.RegularExpressions;
using Hotline.Core.Routing;

namespace Hotline.Core.Repeat;

/// <summary>
/// Text features of an appeal for the repeat detector. Chinese has no spaces between words, so texts are compared by
/// overlapping character bigrams (n-grams) of the folded text (<see cref="TextNormalizer"/>: full-width to half-width,
/// lower case, no whitespace), with punctuation and the filler every call shares (您好, 反映, 希望...) removed first.
/// </summary>
public static partial class RepeatText
{
    /// <summary>Words nearly every appeal contains: they say nothing about the matter.</summary>
    private static readonly string[] Filler =
    [
        "您好", "你好", "市民", "来电", "反映", "反应", "投诉", "举报", "咨询", "希望", "请求", "要求", "有关部门", "相关部门", "尽快",
        "处理", "解决", "一下", "这个", "那个", "问题", "情况", "我们", "他们", "现在", "还是", "已经", "非常", "严重", "谢谢",
    ];

    [GeneratedRegex(@"^(.*?\d+(号楼|号院|号|弄|栋|幢|座))")]
    private static partial Regex HouseNumber();

    /// <summary>
    /// The folded text without punctuation, digits, filler words and the appeal's own address: the place is compared
    /// as a key of its own (<see cref="AddressKey"/>), so two different matters at one address do not look alike.
    /// </summary>
    public static string Clean(string? title, string? content, string? address = null)
    {
        var text = LettersOnly(TextNormalizer.Normalize(title) + TextNormalizer.Normalize(content));
        var place = LettersOnly(TextNormalizer.Normalize(address));
        if (place.Length >= 2)
        {
            text = text.Replace(place, "", StringComparison.Ordinal);
        }

        foreach (var word in Filler)
        {
            text = text.Replace(word, "", StringComparison.Ordinal);
        }

        return text;
    }

    private static string LettersOnly(string folded)
    {
        var chars = new char[folded.Length];
        var n = 0;
        foreach (var ch in folded)
        {
            if (char.IsLetter(ch))
            {
                chars[n++] = ch;
            }
        }

        return new string(chars, 0, n);
    }

    /// <summary>The distinct character bigrams of a cleaned text, as sorted 32-bit keys (two UTF-16 units each).</summary>
    public static int[] Bigrams(string cleaned)
    {
        if (cleaned.Length < 2)
        {
            return cleaned.Length == 1 ? [cleaned[0]] : [];
        }

        var set = new HashSet<int>();
        for (var i = 0; i + 1 < cleaned.Length; i++)
        {
            set.Add((cleaned[i] << 16) | cleaned[i + 1]);
        }

        var keys = set.ToArray();
        Array.Sort(keys);
        return keys;
    }

    public static int[] Bigrams(string? title, string? content, string? address = null) => Bigrams(Clean(title, content, address));

    /// <summary>Dice coefficient of two sorted bigram sets: 2|A∩B| / (|A|+|B|), 0 to 1.</summary>
    public static double Similarity(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return 2.0 * common / (a.Length + b.Length);
    }

    /// <summary>
    /// The address up to its house number, folded (滨江路88号3单元502 → 滨江路88号): the "same address" key. Null for no
    /// address. Without a house number the whole folded address is the key.
    /// </summary>
    public static string? AddressKey(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var folded = TextNormalizer.Normalize(address);
        var cleaned = new string(folded.Where(ch => char.IsLetterOrDigit(ch)).ToArray());
        if (cleaned.Length == 0)
        {
            return null;
        }

        var m = HouseNumber().Match(cleaned);
        var key = m.Success ? m.Groups[1].Value : cleaned;
        return key.Length > 100 ? key[..100] : key;
    }
}
