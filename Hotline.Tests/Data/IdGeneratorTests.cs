using Hotline.Core.Data;

namespace Hotline.Tests.Data;

public sealed class IdGeneratorTests
{
    [Fact]
    public void Ids_are_unique_increasing_and_exact_in_javascript()
    {
        var time = new FakeTime(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var ids = new IdGenerator(time, node: 3);
        var seen = new List<long>();
        for (var i = 0; i < 1000; i++)
        {
            seen.Add(ids.NewId()); // many in the same millisecond: the sequence carries into the next one
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.Order(), seen);
        Assert.All(seen, id => Assert.InRange(id, 1, (1L << 53) - 1));
    }

    [Fact]
    public void A_clock_stepping_back_does_not_repeat_ids()
    {
        var time = new FakeTime(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var ids = new IdGenerator(time);
        var before = ids.NewId();
        time.Advance(TimeSpan.FromSeconds(-5));
        Assert.True(ids.NewId() > before);
    }
}
