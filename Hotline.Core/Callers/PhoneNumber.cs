using System.Text.RegularExpressions;

namespace Hotline.Core.Callers;

/// <summary>
/// Chinese phone numbers as callers give them, folded to one key so a caller's tickets are found however the number
/// was written: mobiles (optionally +86 / 0086 / 86, or dialled with a trunk 0), and landlines with their area code
/// (010-8888 1234, (0571)8765-4321, +86 10 8888 1234, 86-571-87654321). Full-width digits and the usual separators
/// (spaces, - — ． . ( ) （ ）) are accepted; letters or an extension are not a number.
/// </summary>
public static partial class PhoneNumber
{
    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    // 0 + area code (2-3 digits) + local number (7-8 digits): 10 to 12 digits.
    [GeneratedRegex(@"^0\d{9,11}$")]
    private static partial Regex Landline();

    // Without its trunk 0, as written after +86: 10 8888 1234, 571 8765 4321.
    [GeneratedRegex(@"^[1-9]\d{8,10}$")]
    private static partial Regex LandlineWithoutTrunk();

    /// <summary>Digits only, without the +86 / 0086 country prefix; null when it is not a valid number.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        Span<char> buffer = stackalloc char[Math.Min(input.Length, 64)];
        var n = 0;
        var international = false;
        foreach (var raw in input)
        {
            var ch = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw; // full-width digits and signs
            if (char.IsAsciiDigit(ch))
            {
                if (n == buffer.Length)
                {
                    return null;
                }

                buffer[n++] = ch;
            }
            else if (ch == '+' && n == 0)
            {
                international = true;
            }
            else if (ch is not (' ' or '-' or '(' or ')' or '.' or '\u2014' or '\u2013' or '\u3000' or '\t'))
            {
                return null;
            }
        }

        var digits = new string(buffer[..n]);
        var hasCountry = false;
        foreach (var prefix in new[] { "0086", "86" })
        {
            if (digits.StartsWith(prefix, StringComparison.Ordinal) && (prefix == "0086" || international || digits.Length > 11))
            {
                digits = digits[prefix.Length..];
                hasCountry = true;
                break;
            }
        }

        if (international && !hasCountry)
        {
            return null; // another country's number
        }

        if (Mobile().IsMatch(digits))
        {
            return digits;
        }

        if (digits.Length == 12 && digits[0] == '0' && Mobile().IsMatch(digits[1..]))
        {
            return digits[1..]; // a mobile dialled with the trunk 0 from a landline
        }

        if (hasCountry && LandlineWithoutTrunk().IsMatch(digits))
        {
            return "0" + digits;
        }

        if (hasCountry && digits.StartsWith('0') && Landline().IsMatch(digits))
        {
            return digits; // +86 (0)10 ...: the trunk 0 written anyway
        }

        return !hasCountry && Landline().IsMatch(digits) ? digits : null;
    }

    /// <summary>Keeps the first three and last four digits: 138****5678.</summary>
    public static string Mask(string phone) =>
        phone.Length <= 7 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
}
