using Dapper;
using Hotline.Core;
using Hotline.Core.Data;
using Hotline.Core.Escalations;
using Hotline.Core.Tickets;
using Hotline.Tests.Api;
using Hotline.Tests.Data;
using Hotline.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace Hotline.Tests.Deadlines;

public sealed class WorkerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(8));

    private static async Task<List<TicketDetail>> RegisterEmergenciesAsync(HotlineApp app, int count)
    {
        var dir = await app.DirectoryAsync();
        var agent = await app.LoginAsync("agent");
        var tickets = new List<TicketDetail>();
        for (var i = 0; i < count; i++)
        {
            tickets.Add(await agent.RegisterAsync(new
            {
                // A caller each: one caller's 20 calls in a row would (rightly) raise a repeat-complaint escalation too.
                channel = "Phone", callerPhone = $"139123456{i:D2}", appealType = "HelpRequest", urgency = "Emergency", categoryId = dir.Category("燃气安全"),
                title = $"燃气泄漏 {i}", content = "楼道里有燃气味。", isConfidential = false,
                dispatch = new { leadDepartmentId = dir.Department("CGJ"), assistDepartmentIds = Array.Empty<long>() },
            }));
        }

        return tickets;
    }

    [Fact]
    public async Task Two_workers_sweeping_one_database_at_once_raise_each_escalation_exactly_once()
    {
        await using var app = new HotlineApp();
        app.Time.Set(Start);
        await RegisterEmergenciesAsync(app, 20);
        app.Time.Set(Start.AddHours(3)); // every sign and handle threshold has passed: 4 escalations a ticket

        // Two independent workers: own connection factory, own write gate, own id node, as two processes would be.
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        DeadlineSweeper Worker(int node) => new(
            new Database(new DbConnectionFactory(options, app.DataFolder), TransientFaults.CreatePipeline()),
            new IdGenerator(app.Time, node), app.Time, NullLogger<DeadlineSweeper>.Instance);
        var results = await Task.WhenAll(Enumerable.Range(1, 2).Select(n => Task.Run(() => Worker(n).SweepAsync(CancellationToken.None))));

        Assert.Equal(80, results.Sum(r => r.Raised));
        Assert.Equal(20, results.Sum(r => r.Urged));
        Assert.Equal(80, await app.CountAsync("Escalation"));
        await using var c = await app.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        Assert.Equal(20, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Escalation WHERE Kind = 'Handle' AND Level = 'Red'")); // the urges (催办)
        Assert.Equal(80, await c.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT TicketId || Kind || Level) FROM Escalation")); // each once
    }

    [Fact]
    public async Task The_worker_host_starts_with_every_configured_cron_and_schedules_the_sweep()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hotline-worker", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Database:DataFolder"] = folder };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true).AddInMemoryCollection(settings);
        builder.Services.AddHotlineCore(builder.Configuration, AppContext.BaseDirectory);
        builder.Services.AddHotlineJobs(builder.Configuration);
        using var host = builder.Build();
        await host.Services.GetRequiredService<MigrationRunner>().MigrateAsync();

        foreach (var job in HotlineJobs.DefaultCrons.Keys)
        {
            _ = new CronExpression(HotlineJobs.Cron(builder.Configuration, job)); // throws FormatException when it does not parse
        }

        await host.StartAsync();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = await scheduler.GetTrigger(new TriggerKey(nameof(Hotline.Worker.Jobs.SweepDeadlinesJob) + "Trigger"));
        var cron = Assert.IsType<ICronTrigger>(trigger, exactMatch: false);
        Assert.Equal("0/30 * * * * ?", cron.CronExpressionString);
        Assert.Equal(TriggerState.Normal, await scheduler.GetTriggerState(trigger!.Key));
        await host.StopAsync();
        SqlitePools.Release(host.Services.GetRequiredService<DbConnectionFactory>());
        System.IO.Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_api_hosted_worker_raises_escalations_end_to_end()
    {
        await using var app = new HotlineApp { RunJobs = true }; // Quartz inside the Api, every second
        app.Time.Set(Start);
        var ticket = (await RegisterEmergenciesAsync(app, 1))[0];
        app.Time.Set(Start.AddMinutes(31));

        var supervisor = await app.LoginAsync("supervisor");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<EscalationView> raised;
        do
        {
            await Task.Delay(250);
            raised = (await supervisor.GetAsync<EscalationPage>("/api/escalations?kind=Sign"))!.Items.Where(e => e.TicketId == ticket.Id).ToList();
        }
        while (raised.Count < 2 && DateTime.UtcNow < deadline);

        Assert.Equal([EscalationLevel.Yellow, EscalationLevel.Red], raised.Select(e => e.Level).Order());
    }
}
