using Hotline.Core.Live;

namespace Hotline.Tests.Live;

public sealed class LiveFeedCursorTests
{
    private static List<LiveMessage> Rows(params long[] seqs) => seqs.Select(s => new LiveMessage { Seq = s }).ToList();

    private static long[] Seqs(IEnumerable<LiveMessage> messages) => messages.Select(m => m.Seq).ToArray();

    [Fact]
    public void Contiguous_rows_go_out_in_order_and_never_twice()
    {
        var cursor = new LiveFeedCursor(10, TimeSpan.FromSeconds(10));
        Assert.Equal([11, 12, 13], Seqs(cursor.Advance(Rows(11, 12, 13), 0)));
        Assert.Equal(13, cursor.Position);
        Assert.Empty(cursor.Advance(Rows(12, 13), 1)); // read again: nothing twice
        Assert.Equal([14], Seqs(cursor.Advance(Rows(13, 14), 2)));
    }

    [Fact]
    public void A_number_that_commits_late_is_waited_for_and_delivered_before_the_later_ones()
    {
        var cursor = new LiveFeedCursor(10, TimeSpan.FromSeconds(10));
        Assert.Equal([11], Seqs(cursor.Advance(Rows(11, 13, 14), 0))); // 12 not committed yet
        Assert.Empty(cursor.Advance(Rows(13, 14), 5_000));
        Assert.Equal([12, 13, 14], Seqs(cursor.Advance(Rows(12, 13, 14), 6_000))); // 12 committed late: nothing skipped
    }

    [Fact]
    public void A_number_missing_past_the_timeout_is_taken_as_rolled_back()
    {
        var cursor = new LiveFeedCursor(10, TimeSpan.FromSeconds(10));
        Assert.Empty(cursor.Advance(Rows(12), 0));
        Assert.Empty(cursor.Advance(Rows(12), 9_999));
        Assert.Equal([12, 13], Seqs(cursor.Advance(Rows(12, 13), 10_000)));
        Assert.Empty(cursor.Advance(Rows(15), 10_001)); // a new gap starts its own wait
        Assert.Equal(13, cursor.Position);
    }
}
