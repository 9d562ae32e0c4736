using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hotline.Core.Calendar;
using Hotline.Core.Deadlines;
using Hotline.Tests.Api;

namespace Hotline.Tests.Deadlines;

public sealed class CalendarApiTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    [Fact]
    public async Task The_calendar_answers_working_day_questions_in_the_centers_time_zone()
    {
        var agent = await app.LoginAsync("agent");
        var answer = await agent.GetAsync<Hotline.Api.Deadlines.WorkingDaysAnswer>("/api/calendar/add-working-days?from=" + Uri.EscapeDataString("2026-09-30T10:00:00+08:00") + "&days=1");
        Assert.Equal(new DateTime(2026, 10, 8, 10, 0, 0, DateTimeKind.Utc), answer!.DueUtc);
        var between = await agent.GetAsync<Hotline.Api.Deadlines.WorkingDaysBetweenAnswer>("/api/calendar/working-days-between?from=2026-09-30T02:00:00Z&to=2026-10-10T02:00:00Z");
        Assert.Equal(3, between!.WorkingDays);
        await ProblemAssert.NamesFieldAsync(await agent.Http.GetAsync("/api/calendar/add-working-days?from=soon&days=1"), "from");

        var year = await agent.GetAsync<CalendarYearView>("/api/calendar/2026");
        Assert.True(year!.Exists);
        Assert.Contains(year.Days, d => d.Date == new DateOnly(2026, 10, 10) && d.IsWorkingDay);
        Assert.Contains(year.Days, d => d.Date == new DateOnly(2026, 2, 18) && !d.IsWorkingDay);
    }

    [Fact]
    public async Task An_administrator_imports_a_year_and_a_bad_line_changes_nothing()
    {
        var admin = await app.LoginAsync("admin");
        var bad = new StringContent("date,type,note\n2027-01-01,休,元旦\n2027-02-30,休,不存在的日期\n", Encoding.UTF8, "text/csv");
        var refused = await admin.Http.PostAsync("/api/calendar/2027/import", bad);
        var problem = await ProblemAssert.NamesFieldAsync(refused, "csv");
        Assert.Contains("Line 3", problem.GetProperty("errors").GetProperty("csv")[0].GetString());
        Assert.False((await admin.GetAsync<CalendarYearView>("/api/calendar/2027"))!.Exists);

        var good = new StringContent("\uFEFFdate,type,note\n2027-01-01,休,元旦\n2027-02-07,班,春节调休\n", Encoding.UTF8, "text/csv");
        var imported = await admin.Http.PostAsync("/api/calendar/2027/import?source=" + Uri.EscapeDataString("2027年安排"), good);
        await ApiClient.EnsureAsync(imported, HttpStatusCode.OK);
        var year = (await imported.Content.ReadFromJsonAsync<CalendarYearView>(HotlineApp.Json))!;
        Assert.Equal(("2027年安排", 2), (year.Source, year.Days.Count));

        var agent = await app.LoginAsync("agent");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.PostAsync("/api/calendar/2027/import", new StringContent("2027-01-02,休,x"))).StatusCode);
        var put = await admin.Http.PutAsJsonAsync("/api/calendar/2027", new { source = "x", days = new[] { new { date = "2028-01-01", isWorkingDay = false } } });
        await ProblemAssert.NamesFieldAsync(put, "days[0].date");
    }

    [Fact]
    public async Task Policies_have_the_design_defaults_and_a_new_one_replaces_the_old_from_its_date()
    {
        var admin = await app.LoginAsync("admin");
        var policies = (await admin.GetAsync<List<DeadlinePolicy>>("/api/deadline-policies"))!;
        var emergency = policies.Single(p => p.Urgency == Hotline.Core.Tickets.Urgency.Emergency && p.AppealType is null);
        Assert.Equal((30, LimitUnit.Minutes, 120, LimitUnit.Minutes), (emergency.SignValue, emergency.SignUnit, emergency.HandleValue, emergency.HandleUnit));
        var report = policies.Single(p => p.AppealType == Hotline.Core.Tickets.AppealType.Report && p.Urgency == Hotline.Core.Tickets.Urgency.Normal);
        Assert.Equal((1, 10, 2), (report.SignValue, report.HandleValue, report.VisitValue));

        var from = app.Time.GetUtcNow().UtcDateTime.AddDays(1);
        var created = await admin.PostAsync("/api/deadline-policies", new
        {
            appealType = "Report", urgency = "Normal", effectiveFromUtc = from,
            sign = new { value = 1, unit = "WorkingDays" }, handle = new { value = 7, unit = "WorkingDays" }, visit = new { value = 2, unit = "WorkingDays" },
        });
        await ApiClient.EnsureAsync(created, HttpStatusCode.Created);
        var after = (await admin.GetAsync<List<DeadlinePolicy>>("/api/deadline-policies"))!;
        Assert.Equal(from, after.Single(p => p.Id == report.Id).EffectiveToUtc!.Value, TimeSpan.FromMilliseconds(1));
        await ProblemAssert.NamesFieldAsync(await admin.PostAsync("/api/deadline-policies", new { urgency = "Normal", sign = new { value = 0, unit = "Minutes" }, handle = new { value = 1, unit = "WorkingDays" }, visit = new { value = 1, unit = "WorkingDays" } }), "sign.value");
    }
}
