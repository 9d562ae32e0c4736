using Hotline.Core.Callers;

namespace Hotline.Tests.Repeat;

/// <summary>Phone numbers as callers give them fold to one key, so a caller's history is found whatever the format.</summary>
public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("138 1234 5678", "13812345678")]
    [InlineData("138-1234-5678", "13812345678")]
    [InlineData("+86 138 1234 5678", "13812345678")]
    [InlineData("+8613812345678", "13812345678")]
    [InlineData("0086 13812345678", "13812345678")]
    [InlineData("8613812345678", "13812345678")]
    [InlineData("013812345678", "13812345678")] // dialled with the trunk 0 from a landline
    [InlineData("１３８１２３４５６７８", "13812345678")] // full-width digits from a Chinese input method
    [InlineData("010-88881234", "01088881234")]
    [InlineData("(010) 8888 1234", "01088881234")]
    [InlineData("0571-87654321", "057187654321")]
    [InlineData("（0571）8765—4321", "057187654321")]
    [InlineData("+86 10 8888 1234", "01088881234")]
    [InlineData("+86-571-87654321", "057187654321")]
    [InlineData("0086 10 88881234", "01088881234")]
    [InlineData("+86 (0)10 8888 1234", "01088881234")]
    [InlineData("0755.8765.4321", "075587654321")]
    public void Formats_of_one_number_normalise_to_the_same_key(string input, string expected) =>
        Assert.Equal(expected, PhoneNumber.Normalize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345")] // too short
    [InlineData("12812345678")] // no mobile starts 12
    [InlineData("88881234")] // a local number without its area code
    [InlineData("+1 415 555 0100")] // another country
    [InlineData("138123456789")] // one digit too many
    [InlineData("138abc45678")]
    [InlineData("010-88881234 转 8001")] // an extension is not part of the caller's number
    public void What_is_not_a_number_is_refused(string? input) => Assert.Null(PhoneNumber.Normalize(input));

    [Fact]
    public void Masking_keeps_the_first_three_and_last_four_digits()
    {
        Assert.Equal("138****5678", PhoneNumber.Mask("13812345678"));
        Assert.Equal("057*****4321", PhoneNumber.Mask("057187654321"));
    }
}
