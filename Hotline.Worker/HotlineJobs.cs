using Hotline.Core.Tickets;
using Hotline.Worker.Jobs;
using Quartz;

namespace Hotline.Worker;

public static class HotlineJobs
{
    /// <summary>Each job with its cron from configuration (<c>Jobs:{Name}:Cron</c>), in the center's time zone.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultCrons = new Dictionary<string, string>
    {
        [nameof(SweepDeadlinesJob)] = "0/30 * * * * ?",
        [nameof(RollUpMetricsJob)] = "0/5 * * * * ?",
        [nameof(PublishBulletinJob)] = "0 0 1 1 * ?",
        [nameof(MaintainRepeatClustersJob)] = "15 * * * * ?", // repeat clusters: once a minute (the intake path keeps them current)
    };

    public static string Cron(IConfiguration configuration, string job) =>
        configuration[$"Jobs:{job}:Cron"] is { Length: > 0 } cron ? cron : DefaultCrons[job];

    public static IServiceCollection AddHotlineJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var zone = (configuration.GetSection("Tickets").Get<TicketOptions>() ?? new TicketOptions()).ResolveTimeZone();
        services.AddQuartz(q =>
        {
            var key = new JobKey(nameof(SweepDeadlinesJob));
            q.AddJob<SweepDeadlinesJob>(j => j.WithIdentity(key));
            q.AddTrigger(t => t.ForJob(key).WithIdentity(key.Name + "Trigger")
                .WithCronSchedule(Cron(configuration, nameof(SweepDeadlinesJob)), c => c.InTimeZone(zone)));
            // Missed ticks need no replay: each sweep starts where the last one stopped (SweepState).

            // Metrics (issue 9): roll-ups fold the event log every few seconds; the bulletin of the month before on the 1st.
            foreach (var name in new[] { nameof(RollUpMetricsJob), nameof(PublishBulletinJob) })
            {
                var jobKey = new JobKey(name);
                if (name == nameof(RollUpMetricsJob))
                {
                    q.AddJob<RollUpMetricsJob>(j => j.WithIdentity(jobKey));
                }
                else
                {
                    q.AddJob<PublishBulletinJob>(j => j.WithIdentity(jobKey));
                }

                q.AddTrigger(t => t.ForJob(jobKey).WithIdentity(name + "Trigger").WithCronSchedule(Cron(configuration, name), c => c.InTimeZone(zone)));
            }
            var repeatKey = new JobKey(nameof(MaintainRepeatClustersJob));
            q.AddJob<MaintainRepeatClustersJob>(j => j.WithIdentity(repeatKey));
            q.AddTrigger(t => t.ForJob(repeatKey).WithIdentity(repeatKey.Name + "Trigger")
                .WithCronSchedule(Cron(configuration, nameof(MaintainRepeatClustersJob)), c => c.InTimeZone(zone)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
