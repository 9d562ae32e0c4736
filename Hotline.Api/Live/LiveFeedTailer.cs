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
                await PushAsync(ready);

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

    /// <summary>
    /// Sends each hub group its messages of this read in one invocation, in feed order, all sends awaited together.
    /// SignalR serializes a group send once for all its connections, so a burst costs one serialization per group and
    /// one socket write per connection, where a send per message cost one of each per message. A connection is in
    /// exactly one addressed group per message (<see cref="LiveAudience.GroupsOf"/>), so it still gets each message
    /// once; only a connection with messages for two of its groups in one read (an agent's role and user groups: a
    /// ticket change and an incoming call) gets two invocations, sent in the order of their first messages.
    /// </summary>
    private Task PushAsync(IReadOnlyList<LiveMessage> ready)
    {
        var byGroup = new Dictionary<string, List<LiveMessage>>();
        var order = new List<string>();
        foreach (var message in ready)
        {
            foreach (var group in message.Audience.Groups)
            {
                if (!byGroup.TryGetValue(group, out var messages))
                {
                    byGroup[group] = messages = [];
                    order.Add(group);
                }

                messages.Add(message);
            }
        }

        return order.Count switch
        {
            0 => Task.CompletedTask,
            1 => hub.Clients.Group(order[0]).Messages(byGroup[order[0]]),
            _ => Task.WhenAll(order.Select(g => hub.Clients.Group(g).Messages(byGroup[g])).ToList()),
        };
    }
}
