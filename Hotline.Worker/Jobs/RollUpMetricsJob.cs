using Hotline.Core.Metrics;
using Quartz;

namespace Hotline.Worker.Jobs;

/// <summary>Folds the event log into the daily roll-ups from where the last fold stopped. Thin; failures are rethrown.</summary>
[DisallowConcurrentExecution]
public sealed class RollUpMetricsJob(MetricsRollup rollup, ILogger<RollUpMetricsJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await rollup.CatchUpAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Metric roll-up failed");
            throw new JobExecutionException(e);
        }
    }
}
