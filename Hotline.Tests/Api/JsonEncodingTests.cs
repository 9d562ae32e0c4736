namespace Hotline.Tests.Api;

/// <summary>Chinese text leaves the API as UTF-8, a third of the bytes of \uXXXX escapes; characters that matter to HTML stay escaped.</summary>
public sealed class JsonEncodingTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    [Fact]
    public async Task Chinese_text_is_sent_as_utf8_and_html_characters_stay_escaped()
    {
        var agent = await app.LoginAsync("agent");
        var dir = await app.DirectoryAsync();
        var ticket = await agent.RegisterAsync(new
        {
            channel = "Web", appealType = "Complaint", urgency = "Normal", categoryId = dir.Category("噪音扰民"),
            title = "夜间施工噪音 <b>", content = "凌晨两点仍在施工 & 鸣笛", isConfidential = false,
        });

        var raw = await agent.Http.GetStringAsync($"/api/tickets/{ticket.Id}");

        Assert.Contains("夜间施工噪音", raw);
        Assert.Contains("噪音扰民", raw);
        Assert.DoesNotContain(@"\u591C", raw, StringComparison.OrdinalIgnoreCase); // 夜 escaped
        Assert.Contains(@"\u003Cb\u003E", raw, StringComparison.OrdinalIgnoreCase); // <b> is not sent as markup
        Assert.Contains(@"\u0026", raw, StringComparison.OrdinalIgnoreCase);
    }
}
