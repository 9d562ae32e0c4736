using Hotline.Core.Escalations;
using Quartz;

namespace Hotline.Worker.Jobs;

/// <summary>Thin by design: the sweep itself lives in Core. Failures are logged and rethrown so Quartz sees them.</summary>
[DisallowConcurrentExecution]
public sealed class SweepDeadlinesJob(DeadlineSweeper sweeper, ILogger<SweepDeadlinesJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await sweeper.SweepAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Deadline sweep failed");
            throw new JobExecutionException(e);
        }
    }
}
