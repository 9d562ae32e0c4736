using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Hotline.Core.Window;
using Hotline.Tests.Api;

namespace Hotline.Tests.Window;

/// <summary>The case ledger (台账): filters, the CSV export (UTF-8 with BOM) parsed back, and the figures with the share of systemic fixes.</summary>
public sealed class WindowLedgerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly HotlineApp _app = new();

    public Task InitializeAsync()
    {
        _app.Time.Set(Start);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(WindowCaseDetail Fixed, WindowCaseDetail NotFixed, WindowCaseDetail Open, WindowCaseDetail Out)> SeedAsync()
    {
        var dir = await _app.DirectoryAsync();
        var window = await _app.LoginAsync("window");
        async Task<WindowCaseDetail> Close(WindowCaseDetail c, bool fix)
        {
            c = await window.CaseAsync(c.Id, "handle", new { version = c.Version, mode = "OnTheSpot" });
            c = await window.CaseAsync(c.Id, "reply", new { version = c.Version, decision = "当场办结", reply = "已办结" });
            return await window.CaseAsync(c.Id, "visit", new
            {
                version = c.Version, satisfaction = "Satisfied", resolved = true, fixMade = fix, fixDescription = fix ? "=精简材料, \"一次告知\"" : null, fixBy = fix ? "区人社局" : null,
            });
        }

        var fixedCase = await Close(await window.CreateAsync(WindowApi.Intake("社保转移", "Materials", dir.Department("RSJ"), "SB-01")), true);
        var notFixed = await Close(await window.CreateAsync(WindowApi.Intake("社保转移", "Conduct", dir.Department("RSJ"), "SB-01")), false);
        var open = await window.CreateAsync(WindowApi.Intake("不动产登记", "Materials", dir.Department("ZJJ"), "BDC-001"));
        var outOfScope = await window.CreateAsync(WindowApi.Intake("房屋拆迁补偿", "PolicyUnclear", null, null,
            outOfScope: new { kind = "Petition", reason = "属信访事项", referral = "引导至区信访局" }));
        return (fixedCase, notFixed, open, outOfScope);
    }

    [Fact]
    public async Task Ledger_filters_and_the_csv_export_parses_back_with_every_row()
    {
        var (fixedCase, notFixed, open, outOfScope) = await SeedAsync();
        var supervisor = await _app.LoginAsync("supervisor");
        Assert.Equal(4, (await supervisor.GetAsync<WindowCasePage>("/api/window/cases"))!.Total);
        Assert.Equal(2, (await supervisor.GetAsync<WindowCasePage>("/api/window/cases?status=Closed"))!.Total);
        Assert.Equal(2, (await supervisor.GetAsync<WindowCasePage>("/api/window/cases?cause=Materials"))!.Total);
        Assert.Equal(fixedCase.Id, Assert.Single((await supervisor.GetAsync<WindowCasePage>("/api/window/cases?fixMade=true"))!.Items).Id);
        Assert.Equal(2, (await supervisor.GetAsync<WindowCasePage>("/api/window/cases?serviceItem=社保"))!.Total);
        Assert.Equal(open.Id, Assert.Single((await supervisor.GetAsync<WindowCasePage>($"/api/window/cases?q={open.Number}"))!.Items).Id);
        Assert.Equal(4, (await (await _app.LoginAsync("window")).GetAsync<WindowCasePage>("/api/window/cases?mine=true"))!.Total);
        Assert.Equal(0, (await supervisor.GetAsync<WindowCasePage>("/api/window/cases?mine=true"))!.Total);
        await ProblemAssert.NamesFieldAsync(await supervisor.Http.GetAsync("/api/window/cases?cause=Weather"), "cause");

        var response = await supervisor.Http.GetAsync("/api/window/cases/export");
        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "Excel needs the BOM to read UTF-8");

        var rows = Parse(bytes);
        Assert.Equal(WindowCsv.Headers, rows[0]);
        var records = rows.Skip(1).Select(r => WindowCsv.Headers.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal([fixedCase.Number, notFixed.Number, open.Number, outOfScope.Number], records.Select(r => r["编号"]));
        var f = records[0];
        Assert.Equal("已办结", f["状态"]);
        Assert.Equal("张伟", f["申请人"]);
        Assert.Equal("138****5678", f["联系电话"]); // masked beyond the window
        Assert.Equal("社保转移", f["事项名称"]);
        Assert.Equal("SB-01", f["事项编码"]);
        Assert.Equal("区人社局", f["受阻部门"]);
        Assert.Equal("材料问题", f["原因类别"]);
        Assert.Equal("当场办结", f["处理方式"]);
        Assert.Equal("满意", f["回访满意度"]);
        Assert.Equal("是", f["系统性整改"]);
        Assert.Equal("'=精简材料, \"一次告知\"", f["整改内容"]); // commas and quotes survive; a formula is defused
        Assert.Equal("区人社局", f["整改单位"]);
        Assert.Equal("2026-12-07 10:00", f["登记时间"]);
        Assert.Equal("2026-12-07 10:00", f["办结时间"]);
        Assert.Equal("否", records[1]["系统性整改"]);
        Assert.Equal("工作作风", records[1]["原因类别"]);
        Assert.Equal("", records[2]["办结时间"]);
        Assert.Equal("不予受理", records[3]["状态"]);
        Assert.Equal("信访", records[3]["不予受理类别"]);
        Assert.Equal("引导至区信访局", records[3]["引导去向"]);

        // The export keeps the ledger's filters.
        var filtered = Parse(await (await supervisor.Http.GetAsync("/api/window/cases/export?status=Closed&cause=Conduct")).Content.ReadAsByteArrayAsync());
        Assert.Equal(notFixed.Number, Assert.Single(filtered.Skip(1))[0]);
    }

    [Fact]
    public async Task Figures_count_by_cause_department_and_service_item_with_the_share_of_systemic_fixes()
    {
        await SeedAsync();
        var figures = (await (await _app.LoginAsync("supervisor")).GetAsync<WindowFigures>("/api/window/figures"))!;
        Assert.Equal((4, 1, 1, 2, 1), (figures.Total, figures.OutOfScope, figures.Open, figures.Closed, figures.FixMade));
        Assert.Equal(0.5, figures.FixShare);
        Assert.Equal([("Materials", 2, 1), ("Conduct", 1, 0)], figures.ByCause.Select(x => (x.Key, x.Count, x.Fixed)));
        Assert.Equal([("区人社局", 2, 1), ("区住建局", 1, 0)], figures.ByDepartment.Select(x => (x.Name, x.Count, x.Fixed)));
        Assert.Equal([("SB-01", "社保转移", 2), ("BDC-001", "不动产登记", 1)], figures.ByServiceItem.Select(x => (x.Key, x.Name, x.Count)));
        Assert.Equal([("OnTheSpot", 2)], figures.ByMode.Select(x => (x.Key, x.Count)));

        // A period with nothing in it.
        var empty = (await (await _app.LoginAsync("supervisor")).GetAsync<WindowFigures>("/api/window/figures?from=2027-01-01T00:00:00Z"))!;
        Assert.Equal((0, 0.0), (empty.Total, empty.FixShare));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.LoginAsync("agent")).Http.GetAsync("/api/window/figures")).StatusCode);
    }

    private static List<string[]> Parse(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }

        return rows;
    }
}
