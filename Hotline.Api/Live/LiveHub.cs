using Hotline.Api.Infrastructure;
using Hotline.Core.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Hotline.Api.Live;

/// <summary>The one client method the hub calls.</summary>
public interface ILiveClient
{
    /// <summary>
    /// The messages of one feed read for one of the connection's groups, in feed order; each carries its
    /// <see cref="LiveMessage.Type"/> and <see cref="LiveMessage.Seq"/>. One invocation per group and read, not one
    /// per message: a sweep's burst of escalations is serialized once and written to each socket once.
    /// </summary>
    Task Messages(IReadOnlyList<LiveMessage> messages);
}

/// <summary>
/// <c>/hubs/live</c>, signed in by the same cookie as the API. The server alone puts each connection in its groups
/// (role, user, and a liaison's department); there is no method to join another, and every message is addressed to
/// the groups that may read it through the API.
/// </summary>
[Authorize]
internal sealed class LiveHub(LiveFeed feed, LiveFeedTailer tailer, LiveOptions options) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";

    public override async Task OnConnectedAsync()
    {
        foreach (var group in LiveAudience.GroupsOf(Context.User!.Actor()))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        }

        await base.OnConnectedAsync();
    }

    /// <summary>
    /// What a reconnecting client missed after <paramref name="afterSeq"/>, up to what this instance has pushed (so a
    /// later push cannot overtake it); past <see cref="LiveOptions.CatchUpLimit"/> rows the client is told to reload.
    /// </summary>
    public async Task<LiveCatchUp> CatchUp(long afterSeq)
    {
        var actor = Context.User!.Actor();
        var upTo = tailer.Position;
        if (afterSeq >= upTo)
        {
            return new LiveCatchUp([], upTo, false);
        }

        var read = await feed.ReadAsync(afterSeq, upTo, options.CatchUpLimit + 1, Context.ConnectionAborted);
        if (read.Count > options.CatchUpLimit)
        {
            return new LiveCatchUp([], upTo, true);
        }

        return new LiveCatchUp(read.Where(m => m.Audience.Includes(actor)).ToList(), upTo, false);
    }
}
