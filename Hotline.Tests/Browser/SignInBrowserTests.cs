using Microsoft.Playwright;

namespace Hotline.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Sign_in_shows_the_agents_menu_and_the_language_switch_changes_the_texts()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/tickets");
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal)); // not signed in: to the login page, and back after
        await BrowserFixture.ScreenshotAsync(page, "01-login");
        await BrowserFixture.Field(page, "login-username").FillAsync("agent");
        await BrowserFixture.Field(page, "login-password").FillAsync(Api.HotlineApp.Password);
        await BrowserFixture.Field(page, "login-password").PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/tickets", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("nav-intake")).ToBeVisibleAsync();
        // The live link to /hubs/live is up (SignalR over the same cookie).
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-state", "connected");
        await BrowserFixture.ScreenshotAsync(page, "02-tickets-agent");
        await Assertions.Expect(page.GetByTestId("nav-admin-departments")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("nav-intake")).ToContainTextAsync("来电登记");
        await page.GotoAsync("/intake");
        await BrowserFixture.ScreenshotAsync(page, "03-intake");
    }
}
