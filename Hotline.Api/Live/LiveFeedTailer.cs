using System.Threading.Channels;
using Hotline.Core.Data;
using Hotline.Core.Live;
using Microsoft.AspNetCore.SignalR;

namespace Hotline.Api.Live;

/// <summary>
/// Tails the live feed and pushes each row to the connections of this instance that may see it. Every instance
/// tails the same table, so what the Worker or another instance wrote reaches everyone without a backplane; a commit
/// made in this process wakes it at once.
/// </summary>
internal sealed class LiveFeedTailer(LiveFeed feed, Database db, IHubContext<LiveHub, ILiveClient> hub, LiveOptions options, ILogger<LiveFeedTailer> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private LiveFeedCursor? _cursor;

    /// <summary>The last feed position pushed by this instance.</summary>
    public long Position => _cursor?.Position ?? 0;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the server takes requests: everything committed from here on is pushed, nothing older is replayed.
        _cursor = new LiveFeedCursor(await feed.LastSeqAsync(cancellationToken), TimeSpan.FromMilliseconds(options.GapTimeoutMs));
        db.Committed += Wake;
        await base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        db.Committed -= Wake;
        return base.StopAsync(cancellationToken);
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.TailIntervalMs);
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                var read = await feed.ReadAsync(_cursor!.Position, long.MaxValue, BatchSize, stoppingToken);
                var ready = _cursor.Advance(read, Environment.TickCount64);
                // Handed to every connection in order, then awaited together: a connection's messages of one read then
                // wait in its output together and go out in one frame, where awaiting each sent them one frame at a time.
                await Task.WhenAll(ready.Select(PushAsync).ToList());

                more = read.Count == BatchSize && ready.Count == read.Count;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Reading the live feed failed; retrying at the next tick");
            }

            if (!more)
            {
                await WaitAsync(interval, stoppingToken);
            }
        }
    }

    private async Task WaitAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        tick.CancelAfter(interval);
        try
        {
            await _wake.Reader.ReadAsync(tick.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // the interval passed without a local commit
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    private Task PushAsync(LiveMessage message)
    {
        var groups = message.Audience.Groups.ToList();
        if (groups.Count == 0)
        {
            return Task.CompletedTask;
        }

        var clients = hub.Clients.Groups(groups);
        return message.Type switch
        {
            LiveMessageType.TicketChanged => clients.TicketChanged(message),
            LiveMessageType.Urged => clients.Urged(message),
            LiveMessageType.EscalationRaised => clients.EscalationRaised(message),
            LiveMessageType.EscalationCleared => clients.EscalationCleared(message),
            LiveMessageType.EscalationAcknowledged => clients.EscalationAcknowledged(message),
            LiveMessageType.IncomingCall => clients.IncomingCall(message),
            _ => Task.CompletedTask,
        };
    }
}
