namespace Hotline.Core.Data;

/// <summary>
/// Time-ordered 53-bit keys generated in C#: 41 bits of milliseconds since 2026-01-01, 5 bits of node and 7 bits of
/// sequence. 53 bits keep every key exact in a JavaScript number; the node number (configuration
/// <c>Ids:Node</c>, 0-31) keeps keys of several processes apart.
/// </summary>
public sealed class IdGenerator
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const int NodeBits = 5;
    private const int SequenceBits = 7;
    private const long SequenceMask = (1L << SequenceBits) - 1;

    private readonly TimeProvider _time;
    private readonly long _node;
    private readonly Lock _lock = new();
    private long _lastMs = -1;
    private long _sequence;

    public IdGenerator(TimeProvider time, int node = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(node);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(node, (1 << NodeBits) - 1);
        _time = time;
        _node = node;
    }

    public long NewId()
    {
        lock (_lock)
        {
            var ms = Math.Max((long)(_time.GetUtcNow() - Epoch).TotalMilliseconds, 0);
            if (ms <= _lastMs)
            {
                // Same millisecond, or the clock stepped back: stay monotonic by borrowing from the future.
                ms = _lastMs;
                _sequence = (_sequence + 1) & SequenceMask;
                if (_sequence == 0)
                {
                    ms++;
                }
            }
            else
            {
                _sequence = 0;
            }

            _lastMs = ms;
            return (ms << (NodeBits + SequenceBits)) | (_node << SequenceBits) | _sequence;
        }
    }
}
