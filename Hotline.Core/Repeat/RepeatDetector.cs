using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using Hotline.Core.Callers;
using Hotline.Core.Common;
using Hotline.Core.Data;
using Hotline.Core.Directory;
using Hotline.Core.Tickets;

namespace Hotline.Core.Repeat;

/// <summary>An earlier ticket read by a candidate lookup: the keys scoring and clustering compare.</summary>
internal sealed record CandidateRow
{
    public long Id { get; init; }
    public string? CallerPhone { get; init; }
    public long CategoryId { get; init; }
    public long? AreaId { get; init; }
    public string? AddressKey { get; init; }
    public DateTime CreatedUtc { get; init; }
}

/// <summary>What the agent sees of a candidate besides its keys.</summary>
internal sealed record CandidateDetailRow
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public TicketStatus Status { get; init; }
    public string Title { get; init; } = "";
    public string Content { get; init; } = "";
    public string? Address { get; init; }
    public long? MasterTicketId { get; init; }
    public string? CategoryName { get; init; }
    public string? AreaName { get; init; }
    public long? LeadDepartmentId { get; init; }
    public string? LeadDepartmentName { get; init; }
    public Satisfaction? Satisfaction { get; init; }
}

internal sealed record TextRow
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Content { get; init; } = "";
    public string? Address { get; init; }
}

internal sealed record ScoredRow(CandidateRow Row, double Score, List<CandidateReason> Reasons);

/// <summary>
/// Proposes earlier tickets that are likely the same matter as the appeal being typed. Lookups are index ranges only
/// (the caller's phone; area + category + time; address + category + time), each bounded, so the set scored in memory
/// (character bigrams, <see cref="RepeatScorer"/>) stays small however many tickets the database holds.
/// </summary>
public sealed class RepeatDetector(Database db, TimeProvider time, RepeatOptions options)
{
    private readonly RepeatScorer _scorer = new(options);
    private readonly string _byCaller = RepeatSql.ByCaller(db.Dialect, options.CallerLookupLimit);
    private readonly string _byArea = RepeatSql.ByArea(db.Dialect, options.PlaceLookupLimit);
    private readonly string _byAddress = RepeatSql.ByAddress(db.Dialect, options.PlaceLookupLimit);
    private readonly string _details = RepeatSql.CandidateDetails(db.Dialect);
    private readonly string _textOf = RepeatSql.TextOf(db.Dialect);

    /// <summary>
    /// The bigrams of tickets already seen, by id: a ticket's title, content and address never change, and the same
    /// recent tickets come back in lookup after lookup. Bounded: past <see cref="RepeatOptions.TextCacheTickets"/> it
    /// starts again empty.
    /// </summary>
    private readonly ConcurrentDictionary<long, int[]> _bigrams = new();
    private int _cached;

    public RepeatOptions Options => options;

    public RepeatScorer Scorer => _scorer;

    public async Task<IReadOnlyList<RepeatCandidate>> CandidatesAsync(CandidateQuery query, Actor actor, CancellationToken ct)
    {
        if (actor.Role is not (Role.Agent or Role.Dispatcher or Role.Supervisor))
        {
            throw new ForbiddenException("Repeat candidates are for the center.");
        }

        var v = new Validator()
            .MaxLength("title", query.Title, TicketService.TitleMax)
            .MaxLength("content", query.Content, TicketService.ContentMax)
            .MaxLength("address", query.Address, TicketService.AddressMax);
        var phone = PhoneNumber.Normalize(query.CallerPhone);
        if (!string.IsNullOrWhiteSpace(query.CallerPhone) && phone is null)
        {
            v.Add("callerPhone", "Not a mobile (11 digits starting 13-19) or landline number with area code.");
        }

        v.ThrowIfInvalid();
        var probe = RepeatProbe.From(phone, query.CategoryId, query.AreaId, query.Address, query.Title, query.Content, time.GetUtcNow().UtcDateTime);
        return await db.ReadAsync(async (c, token) =>
        {
            var shown = (await FindAsync(c, null, probe, query.ExcludeTicketId ?? 0, token)).Where(s => _scorer.IsCandidate(s.Score)).Take(options.MaxCandidates).ToList();
            var details = (await c.QueryAsync<CandidateDetailRow>(new CommandDefinition(_details, new { Ids = IdRows(shown.Select(s => s.Row.Id)) }, cancellationToken: token)))
                .ToDictionary(d => d.Id);
            return shown.Select(s => ToCandidate(s, details[s.Row.Id])).ToList();
        }, ct);
    }

    /// <summary>How many distinct earlier tickets the lookups read for a query (for the benchmark's report).</summary>
    public async Task<int> CountLookupRowsAsync(CandidateQuery query, CancellationToken ct)
    {
        var probe = RepeatProbe.From(PhoneNumber.Normalize(query.CallerPhone), query.CategoryId, query.AreaId, query.Address, query.Title, query.Content, time.GetUtcNow().UtcDateTime);
        return (await db.ReadAsync((c, token) => FindAsync(c, null, probe, query.ExcludeTicketId ?? 0, token), ct)).Count;
    }

    /// <summary>Every earlier ticket the lookups find, scored, best first.</summary>
    internal async Task<List<ScoredRow>> FindAsync(DbConnection c, DbTransaction? tx, RepeatProbe probe, long excludeId, CancellationToken ct)
    {
        var rows = new Dictionary<long, CandidateRow>();
        async Task ReadAsync(string sql, object args)
        {
            foreach (var row in await c.QueryAsync<CandidateRow>(new CommandDefinition(sql, args, tx, cancellationToken: ct)))
            {
                rows.TryAdd(row.Id, row);
            }
        }

        if (probe.Phone is not null)
        {
            await ReadAsync(_byCaller, new { Phone = probe.Phone, SinceUtc = probe.NowUtc.AddDays(-options.CallerWindowDays), ExcludeId = excludeId });
        }

        if (probe.CategoryId is { } category)
        {
            var since = probe.NowUtc.AddDays(-options.PlaceWindowDays);
            if (probe.AddressKey is not null)
            {
                await ReadAsync(_byAddress, new { probe.AddressKey, CategoryId = category, SinceUtc = since, ExcludeId = excludeId });
            }

            if (probe.AreaId is { } area)
            {
                await ReadAsync(_byArea, new { AreaId = area, CategoryId = category, SinceUtc = since, ExcludeId = excludeId });
            }
        }

        var missing = rows.Keys.Where(id => !_bigrams.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var text in await c.QueryAsync<TextRow>(new CommandDefinition(_textOf, new { Ids = IdRows(missing) }, tx, cancellationToken: ct)))
            {
                Remember(text.Id, RepeatText.Bigrams(text.Title, text.Content, text.Address));
            }
        }

        var scored = new List<ScoredRow>(rows.Count);
        foreach (var row in rows.Values)
        {
            var subject = new RepeatSubject(row.CallerPhone, row.CategoryId, row.AreaId, row.AddressKey, _bigrams.GetValueOrDefault(row.Id, []), row.CreatedUtc);
            var (score, reasons) = _scorer.Score(probe, subject);
            scored.Add(new ScoredRow(row, score, reasons));
        }

        scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : b.Row.CreatedUtc.CompareTo(a.Row.CreatedUtc));
        return scored;
    }

    /// <summary>Ticket ids as the JSON rows <see cref="RepeatSql.CandidateDetails"/> and <see cref="RepeatSql.TextOf"/> read.</summary>
    private static string IdRows(IEnumerable<long> ids) => JsonSerializer.Serialize(ids.Select(id => new { Id = id }));

    /// <summary>Keeps a ticket's bigrams (a registration's own, so the next lookups need not read its text).</summary>
    internal void Remember(long ticketId, int[] bigrams)
    {
        // Counted here, not by _bigrams.Count, which takes every lock of the dictionary.
        if (_bigrams.TryAdd(ticketId, bigrams) && Interlocked.Increment(ref _cached) > options.TextCacheTickets)
        {
            Interlocked.Exchange(ref _cached, 0);
            _bigrams.Clear();
        }
    }

    private static RepeatCandidate ToCandidate(ScoredRow s, CandidateDetailRow d) => new()
    {
        TicketId = s.Row.Id,
        Number = d.Number,
        Status = d.Status,
        Title = d.Title,
        Content = d.Content.Length > 200 ? d.Content[..200] + "…" : d.Content,
        CategoryId = s.Row.CategoryId,
        CategoryName = d.CategoryName,
        AreaId = s.Row.AreaId,
        AreaName = d.AreaName,
        Address = d.Address,
        LeadDepartmentId = d.LeadDepartmentId,
        LeadDepartmentName = d.LeadDepartmentName,
        Satisfaction = d.Satisfaction,
        CreatedUtc = s.Row.CreatedUtc,
        MasterTicketId = d.MasterTicketId,
        Score = s.Score,
        Reasons = s.Reasons,
        CanAttach = d.MasterTicketId is null && TicketWorkflow.OpenStatuses.Contains(d.Status),
    };
}
