using System.Text.RegularExpressions;

namespace Hotline.Core.Callers;

/// <summary>Chinese phone numbers as callers give them: mobiles (optionally +86) and landlines with area code.</summary>
public static partial class PhoneNumber
{
    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    // 0 + area code (2-3 digits) + local number (7-8 digits): 10 to 12 digits.
    [GeneratedRegex(@"^0\d{9,11}$")]
    private static partial Regex Landline();

    /// <summary>Digits only, without the +86 / 0086 country prefix; null when it is not a valid number.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var digits = new string(input.Where(char.IsAsciiDigit).ToArray());
        var separatorsOnly = input.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '-' or '+' or '(' or ')');
        if (!separatorsOnly)
        {
            return null;
        }

        foreach (var prefix in new[] { "0086", "86" })
        {
            if (digits.StartsWith(prefix, StringComparison.Ordinal) && Mobile().IsMatch(digits[prefix.Length..]))
            {
                digits = digits[prefix.Length..];
            }
        }

        return Mobile().IsMatch(digits) || Landline().IsMatch(digits) ? digits : null;
    }

    /// <summary>Keeps the first three and last four digits: 138****5678.</summary>
    public static string Mask(string phone) =>
        phone.Length <= 7 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
}
