namespace Hotline.Core.Routing;

/// <summary>
/// Folds text for keyword matching: full-width to half-width (ＡＢＣ１２３ → abc123), lower case, and no whitespace
/// at all, so "噪 音" and "噪音" match alike. Keywords and ticket text go through the same fold.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Separates title from content, so a keyword never matches across the two.</summary>
    public const char FieldSeparator = '\u0001';

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        Span<char> stack = text.Length <= 512 ? stackalloc char[text.Length] : default;
        var buffer = text.Length <= 512 ? stack : new char[text.Length];
        var n = Fold(text, buffer);
        return new string(buffer[..n]);
    }

    /// <summary>Title and content folded into one string, joined by <see cref="FieldSeparator"/>.</summary>
    public static string Normalize(string? title, string? content)
    {
        var length = FoldedLength(title, content);
        Span<char> stack = length <= 1024 ? stackalloc char[length] : default;
        var buffer = length <= 1024 ? stack : new char[length];
        return new string(buffer[..Fold(title, content, buffer)]);
    }

    /// <summary>The buffer size <see cref="Fold(string?, string?, Span{char})"/> needs.</summary>
    public static int FoldedLength(string? title, string? content) => (title?.Length ?? 0) + 1 + (content?.Length ?? 0);

    /// <summary>Folds title and content into <paramref name="buffer"/> without allocating; returns the length used.</summary>
    public static int Fold(string? title, string? content, Span<char> buffer)
    {
        var n = Fold(title, buffer);
        buffer[n++] = FieldSeparator;
        return n + Fold(content, buffer[n..]);
    }

    private static int Fold(ReadOnlySpan<char> source, Span<char> target)
    {
        var n = 0;
        foreach (var c in source)
        {
            var ch = c;
            if (ch < 0x80)
            {
                if (ch <= ' ' || ch == '\u007f')
                {
                    continue; // whitespace and control characters
                }

                if (ch is >= 'A' and <= 'Z')
                {
                    ch = (char)(ch + 32);
                }
            }
            else if (ch is >= '\u4E00' and <= '\u9FFF')
            {
                // CJK ideographs, most of a call's text, have no case: skip the lookups below.
            }
            else if (ch is >= '\uFF01' and <= '\uFF5E')
            {
                ch = (char)(ch - 0xFEE0); // full-width ASCII
                if (ch is >= 'A' and <= 'Z')
                {
                    ch = (char)(ch + 32);
                }
            }
            else if (ch == '\u3000' || ch is >= '\u200B' and <= '\u200D' || ch == '\uFEFF' || char.IsWhiteSpace(ch))
            {
                continue; // ideographic space, zero-width characters
            }
            else
            {
                ch = char.ToLowerInvariant(ch);
            }

            target[n++] = ch;
        }

        return n;
    }
}
