using System.Net;
using System.Net.Sockets;
using Hotline.Tests.Api;
using Microsoft.Playwright;

namespace Hotline.Tests.Browser;

/// <summary>
/// The real Api on Kestrel (loopback, a free port, a fresh SQLite file) serving the built web UI, and Debian's
/// Chromium driven by Playwright. Screenshots go to test-output/screenshots/ for a person to look at.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFixture()
        : this(new HotlineApp())
    {
    }

    protected BrowserFixture(HotlineApp app) => App = app;

    public HotlineApp App { get; }

    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), "test-output", "screenshots");

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        var index = Path.Combine(RepositoryRoot(), "Hotline.Api", "wwwroot", "index.html");
        if (!File.Exists(index))
        {
            throw new InvalidOperationException($"The web UI is not built ({index} is missing): run `npm run build` in Hotline.Web, as ./test.sh does.");
        }

        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: `apt-get install -y chromium fonts-noto-cjk`, as ./test.sh does.");
        }

        var port = FreePort();
        App.UseKestrel(port);
        App.StartServer();
        BaseUrl = $"http://localhost:{port}";
        App.ClientOptions.BaseAddress = new Uri(BaseUrl); // API calls of the test itself go to the same server

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        });
        System.IO.Directory.CreateDirectory(ScreenshotFolder);

        // Warm the server up (JIT, first database work, static files), so that no browser step pays for a cold start
        // while the rest of the suite keeps both cores busy.
        using var warmUp = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        foreach (var path in new[] { "/", "/api/auth/me", "/api/directory/categories" })
        {
            using var _ = await warmUp.GetAsync(path);
        }

        // And the browser: the first page of a fresh Chromium parses and compiles the whole UI, which under load can
        // outlast a test step's timeout.
        var page = await NewPageAsync();
        await page.GotoAsync("/login", new PageGotoOptions { Timeout = 60_000 });
        await page.GetByTestId("login-username").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await page.Context.CloseAsync();
    }

    public async Task<IPage> NewPageAsync(string locale = "zh-CN")
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        context.SetDefaultTimeout(30_000);
        // Expectations wait as long as actions do, 30 s: on a busy 2-core machine a step rarely but really took over 15 s.
        Assertions.SetDefaultExpectTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens a page and signs in through the login form.</summary>
    public async Task<IPage> SignedInPageAsync(string userName)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await Field(page, "login-username").FillAsync(userName);
        await Field(page, "login-password").FillAsync(HotlineApp.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>The text box behind a test id: Element Plus puts the id on the inner input or on its wrapper.</summary>
    public static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;

    /// <summary>
    /// Opens an el-select and picks an option. A select clicked while its dialog is still opening can see its dropdown
    /// closed under the pointer (the option is then never visible): it is opened again, a few times at most.
    /// </summary>
    public static async Task PickOptionAsync(IPage page, string selectTestId, string optionTestId)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByTestId(selectTestId).ClickAsync();
            try
            {
                await page.GetByTestId(optionTestId).ClickAsync(new LocatorClickOptions { Timeout = 5000 });
                return;
            }
            catch (TimeoutException) when (attempt < 4)
            {
                // the dropdown closed: open it again
            }
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hotline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Hotline.sln not found above " + AppContext.BaseDirectory);
    }
}

// Run alone, after the parallel collections: a browser starved by hundreds of integration tests on 2 cores misses its
// step timeouts (seen on a clean clone: the first navigation past 15 s).
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>The same, with Routing:AutoDispatch on (the product's default): routed tickets are dispatched at registration.</summary>
public sealed class AutoDispatchBrowserFixture() : BrowserFixture(new HotlineApp { AutoDispatch = true });

// Not run alongside the other collections: a second server and browser at once starve a 2-core machine.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AutoDispatchBrowserCollection : ICollectionFixture<AutoDispatchBrowserFixture>
{
    public const string Name = "BrowserAutoDispatch";
}
