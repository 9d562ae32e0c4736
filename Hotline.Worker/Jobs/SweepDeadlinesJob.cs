using Hotline.Core.Escalations;
using Hotline.Core.Window;
using Quartz;

namespace Hotline.Worker.Jobs;

/// <summary>Thin by design: the sweep itself lives in Core. Failures are logged and rethrown so Quartz sees them.</summary>
[DisallowConcurrentExecution]
public sealed class SweepDeadlinesJob(DeadlineSweeper sweeper, WindowCaseSweeper windowCases, ILogger<SweepDeadlinesJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await sweeper.SweepAsync(cancellationToken);
            await windowCases.SweepAsync(cancellationToken); // window cases (issue 8): its own sweep state and escalations
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Deadline sweep failed");
            throw new JobExecutionException(e);
        }
    }
}
