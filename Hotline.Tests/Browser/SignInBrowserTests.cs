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
        // Not signed in: the router sends the page to the login form (a client-side redirect, so the URL is polled rather
        // than a navigation awaited), and back after.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"), new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(page, "01-login");
        await BrowserFixture.Field(page, "login-username").FillAsync("agent");
        await BrowserFixture.Field(page, "login-password").FillAsync(Api.HotlineApp.Password);
        await BrowserFixture.Field(page, "login-password").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tickets$"), new() { Timeout = 30_000 });
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
