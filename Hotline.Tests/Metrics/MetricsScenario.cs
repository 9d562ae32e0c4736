using Hotline.Core.Escalations;
using Hotline.Core.Metrics;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Metrics;

/// <summary>
/// A constructed November 2026 (no holidays; 2 Nov is a Monday) whose figures the tests compute by hand. Complaints,
/// normal urgency: sign within 1 working day (due 3 Nov 18:00), handle within 5 (due 9 Nov 18:00). Times are local
/// (Asia/Shanghai, UTC+8).
/// <code>
/// T1 phone A 噪音扰民 → CGJ: signed 2 Nov 09:30 (on time), replied 4 Nov 10:00 (on time), visit 满意, resolved.
///                          handling days: 2 Nov → 4 Nov = 3,4 Nov = 2
/// T2 phone A 噪音扰民 → CGJ (a repeat of T1): signed 4 Nov 09:00 (late), red handle escalation at the 10 Nov sweep
///                          (overdue), replied 10 Nov 10:00 (late), visit 不满意, not resolved, reopened.
///                          handling days: 2 Nov → 10 Nov = 3,4,5,6,9,10 = 6
/// T3 phone B 噪音扰民 → CGJ asks to return (退单) 2 Nov 10:00; re-dispatched to SCJGJ 11:00; SCJGJ signs 12:00 (on
///                          time), replies 5 Nov 10:00 (on time), visit 基本满意, resolved.
///                          handling days: 2 Nov → 5 Nov = 3
/// T4 phone A 占道经营 → CGJ (another category: not a repeat): signed 09:30; extension of 3 working days approved 6 Nov
///                          (due 9 Nov 18:00 → 12 Nov 18:00); replied 11 Nov 10:00: on time thanks to the extension;
///                          visit 满意, resolved. handling days: 2 Nov → 11 Nov = 3,4,5,6,9,10,11 = 7
/// T5 phone C 噪音扰民 → CGJ: signed 3 Nov 09:00 (on time), replied 10:00 (on time), visit 不满意, not resolved.
///                          handling days: 2 Nov → 3 Nov = 1.  (The screening test takes T5 out of CGJ's figures.)
/// T6 phone D 噪音扰民 → STHJJ: never signed; red handle escalation at the 10 Nov sweep (overdue).
/// </code>
/// </summary>
public class MetricsScenario : IAsyncLifetime
{
    public MetricsScenario()
        : this("Asia/Shanghai")
    {
    }

    protected MetricsScenario(string timeZone)
    {
        App = new() { Settings = new() { ["Metrics:MinReceived"] = "1", ["Metrics:BlackListBelowScore"] = "70", ["Tickets:TimeZone"] = timeZone } };
    }

    public HotlineApp App { get; }

    public HotlineApp.Directory Dir { get; private set; } = null!;
    public long T1 { get; private set; }
    public long T2 { get; private set; }
    public long T3 { get; private set; }
    public long T4 { get; private set; }
    public long T5 { get; private set; }
    public long T6 { get; private set; }
    public long Cgj => Dir.Department("CGJ");
    public long Scjgj => Dir.Department("SCJGJ");
    public long Sthjj => Dir.Department("STHJJ");

    /// <summary>A local time in Asia/Shanghai (UTC+8) in November 2026.</summary>
    public static DateTimeOffset Local(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    public async Task InitializeAsync()
    {
        App.Time.Set(Local(2, 9));
        Dir = await App.DirectoryAsync();
        var agent = await App.LoginAsync("agent");
        var noise = Dir.Category("噪音扰民");
        var stalls = Dir.Category("占道经营");

        async Task<long> Register(string phone, long category, long department)
        {
            var t = await agent.RegisterAsync(new
            {
                channel = "Phone", callerPhone = phone, appealType = "Complaint", urgency = "Normal", categoryId = category,
                areaId = Dir.Area("滨江社区"), title = "测试诉求", content = "测试诉求内容", isConfidential = false,
                dispatch = new { leadDepartmentId = department, assistDepartmentIds = Array.Empty<long>() },
            });
            App.Time.Set(App.Time.GetUtcNow().AddMinutes(1)); // strictly later registrations: the repeat rule looks before
            return t.Id;
        }

        T1 = await Register("13800000001", noise, Cgj);
        T2 = await Register("13800000001", noise, Cgj);
        T3 = await Register("13800000002", noise, Cgj);
        T4 = await Register("13800000001", stalls, Cgj);
        T5 = await Register("13800000003", noise, Cgj);
        T6 = await Register("13800000004", noise, Sthjj);
        await CatchUpAsync(); // the roll-ups fold as they go (the job does this every few seconds)

        await At(2, 9, 30, "cgj", c => Act(c, T1, "sign", new { }));
        await At(2, 9, 30, "cgj", c => Act(c, T4, "sign", new { }));
        await At(2, 10, 0, "cgj", c => Act(c, T3, "request-return", new { reason = "不属于本单位职责" }));
        await At(2, 11, 0, "dispatcher", c => Act(c, T3, "approve-return", new { leadDepartmentId = Scjgj, assistDepartmentIds = Array.Empty<long>() }));
        await At(2, 12, 0, "scjgj", c => Act(c, T3, "sign", new { }));
        await CatchUpAsync();

        await At(3, 9, 0, "cgj", c => Act(c, T5, "sign", new { }));
        await At(3, 10, 0, "cgj", c => Act(c, T5, "reply", new { result = "已处理", resolved = true }));
        await At(3, 11, 0, "dispatcher", c => Act(c, T5, "approve-reply", new { }));
        await At(3, 12, 0, "agent", c => Act(c, T5, "visit", new { satisfaction = "Unsatisfied", resolved = false, reopen = false }));

        await At(4, 9, 0, "cgj", c => Act(c, T2, "sign", new { }));
        await At(4, 10, 0, "cgj", c => Act(c, T1, "reply", new { result = "已处理", resolved = true }));
        await At(4, 11, 0, "dispatcher", c => Act(c, T1, "approve-reply", new { }));
        await At(4, 12, 0, "agent", c => Act(c, T1, "visit", new { satisfaction = "Satisfied", resolved = true, reopen = false }));
        await CatchUpAsync();

        await At(5, 10, 0, "scjgj", c => Act(c, T3, "reply", new { result = "已处理", resolved = true }));
        await At(5, 11, 0, "dispatcher", c => Act(c, T3, "approve-reply", new { }));
        await At(5, 12, 0, "agent", c => Act(c, T3, "visit", new { satisfaction = "BasicallySatisfied", resolved = true, reopen = false }));

        await At(6, 10, 0, "cgj", c => Act(c, T4, "request-extension", new { reason = "需要协调多部门", workingDays = 3 }));
        await At(6, 11, 0, "dispatcher", c => Act(c, T4, "approve-extension", new { }));

        App.Time.Set(Local(10, 9));
        await App.Services.GetRequiredService<DeadlineSweeper>().SweepAsync(CancellationToken.None);
        await At(10, 10, 0, "cgj", c => Act(c, T2, "reply", new { result = "已处理", resolved = false }));
        await At(10, 11, 0, "dispatcher", c => Act(c, T2, "approve-reply", new { }));
        await At(10, 12, 0, "agent", c => Act(c, T2, "visit", new { satisfaction = "Unsatisfied", resolved = false, reopen = true, comment = "没有解决" }));
        await CatchUpAsync();

        await At(11, 10, 0, "cgj", c => Act(c, T4, "reply", new { result = "已处理", resolved = true }));
        await At(11, 11, 0, "dispatcher", c => Act(c, T4, "approve-reply", new { }));
        await At(11, 12, 0, "agent", c => Act(c, T4, "visit", new { satisfaction = "Satisfied", resolved = true, reopen = false }));
        App.Time.Set(Local(11, 13));
    }

    public Task CatchUpAsync() => App.Services.GetRequiredService<MetricsRollup>().CatchUpAsync(CancellationToken.None);

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Signs in afresh (days pass between steps) and acts at a local time.</summary>
    private async Task At(int day, int hour, int minute, string user, Func<ApiClient, Task> act)
    {
        App.Time.Set(Local(day, hour, minute));
        await act(await App.LoginAsync(user));
    }

    private static async Task Act(ApiClient client, long id, string action, object body)
    {
        var ticket = await client.GetTicketAsync(id);
        var merged = System.Text.Json.JsonSerializer.SerializeToElement(body, HotlineApp.Json);
        var dict = merged.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        dict["version"] = ticket.Version;
        await client.ActAsync(id, action, dict);
    }
}

/// <summary>
/// The same November for a center in a time zone with daylight saving (Berlin: every step falls on the same local date as
/// in Shanghai), whose periods are recomputed from raw data event by event in C# rather than counted in the database.
/// </summary>
public sealed class DaylightSavingMetricsScenario : MetricsScenario
{
    public DaylightSavingMetricsScenario()
        : base("Europe/Berlin")
    {
    }
}
