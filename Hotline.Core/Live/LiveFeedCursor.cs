namespace Hotline.Core.Live;

/// <summary>
/// Where an instance is in the live feed. It hands out feed rows strictly in order: a missing number may be a write
/// that has not committed yet (SQL Server's IDENTITY is assigned before commit), so rows after it wait; only once the
/// number has been missing for <paramref name="gapTimeout"/> is it taken as rolled back and passed over. Nothing is
/// skipped that commits within that time, and nothing is handed out twice.
/// </summary>
public sealed class LiveFeedCursor(long position, TimeSpan gapTimeout)
{
    private long _position = position;
    private long? _gapSinceMs;

    /// <summary>The last position handed out.</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>
    /// The rows of <paramref name="read"/> (ordered, all after <see cref="Position"/>) that may go out now.
    /// <paramref name="nowMs"/> is a monotonic clock in milliseconds.
    /// </summary>
    public IReadOnlyList<LiveMessage> Advance(IReadOnlyList<LiveMessage> read, long nowMs)
    {
        var ready = new List<LiveMessage>(read.Count);
        foreach (var row in read)
        {
            if (row.Seq <= Position)
            {
                continue;
            }

            if (row.Seq != Position + 1)
            {
                _gapSinceMs ??= nowMs;
                if (nowMs - _gapSinceMs.Value < gapTimeout.TotalMilliseconds)
                {
                    break; // wait for the missing number
                }
            }

            ready.Add(row);
            Interlocked.Exchange(ref _position, row.Seq);
            _gapSinceMs = null;
        }

        return ready;
    }
}
