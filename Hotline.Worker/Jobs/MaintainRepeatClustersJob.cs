using Hotline.Core.Repeat;
using Quartz;

namespace Hotline.Worker.Jobs;

/// <summary>Keeps repeat clusters current and raises their thresholds (RepeatClusters in Core). Failures are rethrown.</summary>
[DisallowConcurrentExecution]
public sealed class MaintainRepeatClustersJob(RepeatClusters clusters, ILogger<MaintainRepeatClustersJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await clusters.RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Repeat cluster maintenance failed");
            throw new JobExecutionException(e);
        }
    }
}
