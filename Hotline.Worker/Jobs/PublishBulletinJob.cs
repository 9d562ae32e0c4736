using Hotline.Core.Metrics;
using Quartz;

namespace Hotline.Worker.Jobs;

/// <summary>
/// Publishes the monthly bulletin (每月通报) of the month before; idempotent (a month whose Job bulletin exists is left
/// alone), so a second worker or a re-fired trigger adds nothing. Failures are rethrown.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PublishBulletinJob(BulletinService bulletins, ILogger<PublishBulletinJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await bulletins.GenerateForPreviousMonthAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Bulletin publication failed");
            throw new JobExecutionException(e);
        }
    }
}
