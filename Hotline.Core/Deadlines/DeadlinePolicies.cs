using Dapper;
using Hotline.Core.Common;
using Hotline.Core.Data;
using Hotline.Core.Tickets;

namespace Hotline.Core.Deadlines;

public enum LimitUnit
{
    Minutes,
    WorkingDays,
}

public sealed record Limit(int Value, LimitUnit Unit);

/// <summary>Sign, handle and return-visit limits for an appeal type (null: any) and urgency, from a date on.</summary>
public sealed record DeadlinePolicy
{
    public long Id { get; init; }
    public AppealType? AppealType { get; init; }
    public Urgency Urgency { get; init; }
    public int SignValue { get; init; }
    public LimitUnit SignUnit { get; init; }
    public int HandleValue { get; init; }
    public LimitUnit HandleUnit { get; init; }
    public int VisitValue { get; init; }
    public LimitUnit VisitUnit { get; init; }
    public DateTime EffectiveFromUtc { get; init; }
    public DateTime? EffectiveToUtc { get; init; }

    public Limit Sign => new(SignValue, SignUnit);
    public Limit Handle => new(HandleValue, HandleUnit);
    public Limit Visit => new(VisitValue, VisitUnit);

    public bool AppliesTo(AppealType appealType, Urgency urgency, DateTime atUtc) =>
        Urgency == urgency && (AppealType is null || AppealType == appealType) && EffectiveFromUtc <= atUtc && (EffectiveToUtc is null || atUtc < EffectiveToUtc);
}

public sealed record SavePolicy(AppealType? AppealType, Urgency? Urgency, Limit? Sign, Limit? Handle, Limit? Visit, DateTime? EffectiveFromUtc);

internal static class DeadlinePolicySql
{
    public const string SelectAll = """
        SELECT Id, AppealType, Urgency, SignValue, SignUnit, HandleValue, HandleUnit, VisitValue, VisitUnit, EffectiveFromUtc, EffectiveToUtc
        FROM DeadlinePolicy ORDER BY Urgency, AppealType, EffectiveFromUtc
        """;

    /// <summary>A new policy ends the one it replaces (same appeal type and urgency) where it starts.</summary>
    public const string EndPrevious = """
        UPDATE DeadlinePolicy SET EffectiveToUtc = @EffectiveFromUtc
        WHERE Urgency = @Urgency AND ((AppealType IS NULL AND @AppealType IS NULL) OR AppealType = @AppealType)
            AND EffectiveFromUtc < @EffectiveFromUtc AND (EffectiveToUtc IS NULL OR EffectiveToUtc > @EffectiveFromUtc)
        """;

    public const string Insert = """
        INSERT INTO DeadlinePolicy (Id, AppealType, Urgency, SignValue, SignUnit, HandleValue, HandleUnit, VisitValue, VisitUnit, EffectiveFromUtc, EffectiveToUtc, CreatedUtc)
        VALUES (@Id, @AppealType, @Urgency, @SignValue, @SignUnit, @HandleValue, @HandleUnit, @VisitValue, @VisitUnit, @EffectiveFromUtc, NULL, @NowUtc)
        """;
}

/// <summary>The deadline policies, editable with effective dates; the most specific policy in force applies.</summary>
public sealed class DeadlinePolicies(Database db, IdGenerator ids, TimeProvider time)
{
    private volatile Snapshot? _cache; // swapped whole, refreshed at least every minute for edits made elsewhere

    private sealed record Snapshot(IReadOnlyList<DeadlinePolicy> Policies, DateTimeOffset LoadedAt);

    public async Task<IReadOnlyList<DeadlinePolicy>> AllAsync(CancellationToken ct)
    {
        if (_cache is { } cache && time.GetUtcNow() - cache.LoadedAt < TimeSpan.FromMinutes(1))
        {
            return cache.Policies;
        }

        var policies = await db.ReadAsync(async (c, token) =>
            (await c.QueryAsync<DeadlinePolicy>(new CommandDefinition(DeadlinePolicySql.SelectAll, cancellationToken: token))).ToList(), ct);
        _cache = new Snapshot(policies, time.GetUtcNow());
        return policies;
    }

    /// <summary>A policy for this appeal type wins over one for any appeal type.</summary>
    public async Task<DeadlinePolicy> ResolveAsync(AppealType appealType, Urgency urgency, DateTime atUtc, CancellationToken ct)
    {
        var policy = (await AllAsync(ct))
            .Where(p => p.AppliesTo(appealType, urgency, atUtc))
            .OrderByDescending(p => p.AppealType is not null)
            .ThenByDescending(p => p.EffectiveFromUtc)
            .FirstOrDefault();
        return policy ?? throw new ConflictException(ConflictCodes.InvalidState, $"No deadline policy is in force for {appealType}/{urgency}; an administrator must add one.");
    }

    public async Task<DeadlinePolicy> SaveAsync(SavePolicy r, CancellationToken ct)
    {
        var v = new Validator().Required("urgency", r.Urgency);
        CheckLimit(v, "sign", r.Sign);
        CheckLimit(v, "handle", r.Handle);
        CheckLimit(v, "visit", r.Visit);
        v.ThrowIfInvalid();
        var id = ids.NewId();
        var now = time.GetUtcNow().UtcDateTime;
        var args = new
        {
            Id = id,
            AppealType = r.AppealType?.ToString(),
            Urgency = r.Urgency!.Value.ToString(),
            SignValue = r.Sign!.Value,
            SignUnit = r.Sign.Unit.ToString(),
            HandleValue = r.Handle!.Value,
            HandleUnit = r.Handle.Unit.ToString(),
            VisitValue = r.Visit!.Value,
            VisitUnit = r.Visit.Unit.ToString(),
            EffectiveFromUtc = r.EffectiveFromUtc?.ToUniversalTime() ?? now,
            NowUtc = now,
        };
        await db.WriteAsync(async (c, tx, token) =>
        {
            await c.ExecuteAsync(new CommandDefinition(DeadlinePolicySql.EndPrevious, args, tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition(DeadlinePolicySql.Insert, args, tx, cancellationToken: token));
        }, ct);
        _cache = null;
        return (await AllAsync(ct)).Single(p => p.Id == id);
    }

    private static void CheckLimit(Validator v, string field, Limit? limit)
    {
        if (limit is null)
        {
            v.Add(field, "Required.");
        }
        else if (limit.Unit == LimitUnit.Minutes ? limit.Value is < 1 or > 60 * 24 * 90 : limit.Value is < 1 or > 120)
        {
            v.Add(field + ".value", limit.Unit == LimitUnit.Minutes ? "Between 1 minute and 90 days." : "Between 1 and 120 working days.");
        }
    }
}
