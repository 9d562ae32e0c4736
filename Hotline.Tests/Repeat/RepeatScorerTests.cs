using Hotline.Core.Repeat;

namespace Hotline.Tests.Repeat;

/// <summary>Candidate scoring: each piece of evidence adds its weight and is reported as a reason a person can check.</summary>
public sealed class RepeatScorerTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);
    private readonly RepeatScorer _scorer = new(new RepeatOptions());

    private static RepeatSubject Subject(string? phone, long category, long? area, string? address, string title, string content, int daysAgo = 3) =>
        new(phone, category, area, RepeatText.AddressKey(address), RepeatText.Bigrams(title, content, address), Now.AddDays(-daysAgo));

    [Fact]
    public void Chinese_text_is_compared_by_character_bigrams_not_by_spaces()
    {
        var a = RepeatText.Bigrams("工地夜间施工噪音", "滨江路88号工地每天晚上十一点还在打桩，吵得睡不着");
        var b = RepeatText.Bigrams("夜里施工太吵", "滨江路88号那个工地半夜还在打桩施工，噪音很大没法睡觉");
        var c = RepeatText.Bigrams("餐馆油烟", "楼下饭店油烟直排，熏得家里窗户都不敢开");
        Assert.True(RepeatText.Similarity(a, b) > 0.3, $"same matter: {RepeatText.Similarity(a, b)}");
        Assert.True(RepeatText.Similarity(a, c) < 0.1, $"different matter: {RepeatText.Similarity(a, c)}");
        // Full-width letters, spaces and punctuation do not matter.
        Assert.Equal(1.0, RepeatText.Similarity(RepeatText.Bigrams("ＡＢＣ 小区，停电", null), RepeatText.Bigrams("abc小区停电", null)));
        // The filler every call shares does not make two calls alike.
        Assert.Equal(0.0, RepeatText.Similarity(RepeatText.Bigrams("您好，我要反映问题", "希望有关部门尽快处理解决"), RepeatText.Bigrams("反映问题", "希望尽快处理")));
    }

    [Theory]
    [InlineData("滨江路88号3单元502", "滨江路88号")]
    [InlineData("滨江路 88 号", "滨江路88号")]
    [InlineData("望江花园12栋", "望江花园12栋")]
    [InlineData("府前街十字路口", "府前街十字路口")]
    [InlineData("  ", null)]
    public void Addresses_are_keyed_up_to_the_house_number(string address, string? key) => Assert.Equal(key, RepeatText.AddressKey(address));

    [Fact]
    public void Same_caller_and_category_within_the_window_is_a_candidate_with_its_reasons()
    {
        var probe = RepeatProbe.From("13812345678", 7, 1, "滨江路88号", "工地夜间施工噪音", "晚上十一点还在施工", Now);
        var (score, reasons) = _scorer.Score(probe, Subject("13812345678", 7, 1, "滨江路88号2单元", "工地晚上施工扰民", "滨江路88号工地晚上十一点还在施工"));
        Assert.True(_scorer.IsCandidate(score));
        Assert.True(score >= 0.9, $"score {score}");
        Assert.Equal([RepeatReason.SameCaller, RepeatReason.SameCategory, RepeatReason.SameAddress, RepeatReason.SimilarText], reasons.Select(r => r.Code).ToList());
        Assert.Equal(3.0, reasons[0].Value); // days since the earlier call
        Assert.InRange(reasons[3].Value!.Value, 0.15, 1.0);
    }

    [Fact]
    public void Another_caller_at_the_same_address_about_the_same_thing_is_a_candidate()
    {
        var probe = RepeatProbe.From("13900001111", 7, 1, "滨江路88号", "夜里施工太吵", "滨江路88号那个工地半夜还在打桩施工，噪音很大没法睡觉", Now);
        var (score, reasons) = _scorer.Score(probe, Subject("13812345678", 7, 1, "滨江路88号", "工地夜间施工噪音", "滨江路88号工地每天晚上十一点还在打桩，吵得睡不着"));
        Assert.True(_scorer.IsCandidate(score), $"score {score}");
        Assert.DoesNotContain(reasons, r => r.Code == RepeatReason.SameCaller);
        Assert.Contains(reasons, r => r.Code == RepeatReason.SameAddress);
        Assert.Contains(reasons, r => r.Code == RepeatReason.SimilarText);
    }

    [Fact]
    public void A_different_matter_in_the_same_place_is_not_a_candidate()
    {
        var probe = RepeatProbe.From("13900001111", 7, 1, "滨江路88号", "楼下烧烤摊噪音", "滨江路88号楼下烧烤摊每晚喧哗到凌晨两点", Now);
        var (score, _) = _scorer.Score(probe, Subject("13812345678", 7, 1, "滨江路88号", "电梯故障", "滨江路88号3单元电梯坏了一周没人修"));
        Assert.False(_scorer.IsCandidate(score), $"score {score}");
        // Another category at the same address: no category or place evidence at all from the category-bound lookups.
        var (other, reasons) = _scorer.Score(probe, Subject("13812345678", 9, 1, "滨江路88号", "电梯故障", "电梯坏了"));
        Assert.False(_scorer.IsCandidate(other));
        Assert.DoesNotContain(reasons, r => r.Code == RepeatReason.SameCategory);
    }

    [Fact]
    public void Thresholds_and_weights_are_configuration()
    {
        var strict = new RepeatScorer(new RepeatOptions { CandidateMinScore = 0.95 });
        var probe = RepeatProbe.From("13812345678", 7, null, null, "停电", "小区又停电了", Now);
        var (score, _) = strict.Score(probe, Subject("13812345678", 7, null, null, "路灯不亮", "门口路灯坏了"));
        Assert.False(strict.IsCandidate(score));
        Assert.True(_scorer.IsCandidate(_scorer.Score(probe, Subject("13812345678", 7, null, null, "路灯不亮", "门口路灯坏了")).Score)); // same caller + category: 0.45
    }
}
