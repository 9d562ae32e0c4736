using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Hotline.Core.Common;
using Hotline.Core.Data;
using Hotline.Core.Directory;
using Hotline.Core.Tickets;

namespace Hotline.Core.Routing;

/// <summary>
/// The responsibility list: decisions for the intake console and the test box, the draft and its rules, publishing,
/// CSV import/export, and the learning report on returns. Every write is one unit of work.
/// </summary>
public sealed class RoutingService(Database db, IdGenerator ids, TimeProvider time, RoutingEngineProvider engines, TicketOptions ticketOptions)
{
    public const int NameMax = 100;
    public const int KeywordMax = 50;
    public const int KeywordsMax = 50;
    public const int AssistsMax = 10;
    public const int PriorityLimit = 10_000;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly Role[] Deciders = [Role.Agent, Role.Dispatcher, Role.Admin];
    private static readonly Role[] Readers = [Role.Admin, Role.Dispatcher];
    private static readonly Role[] Editors = [Role.Admin];

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The suggestion for the form as it stands; <paramref name="draft"/> asks the draft instead (test box).</summary>
    public async Task<RoutingDecision> DecideAsync(RoutingInput input, Actor actor, bool draft, CancellationToken ct)
    {
        RequireRole(actor, draft ? Readers : Deciders);
        new Validator().MaxLength("title", input.Title, TicketService.TitleMax).MaxLength("content", input.Content, TicketService.ContentMax).ThrowIfInvalid();
        var engine = draft ? await engines.DraftAsync(ct) : await engines.CurrentAsync(ct);
        return engine.Decide(input, Now);
    }

    public async Task<RoutingRuleList> ListAsync(RoutingRuleFilter filter, Actor actor, CancellationToken ct)
    {
        RequireRole(actor, Readers);
        return await db.ReadAsync(async (c, token) =>
        {
            var latest = await c.ExecuteScalarAsync<int>(new CommandDefinition(RoutingSql.LatestVersion, cancellationToken: token));
            var version = filter.Version ?? 0;
            if (filter.Version is { } v && (v < 1 || v > latest))
            {
                throw new NotFoundException($"Version {v} of the responsibility list not found.");
            }

            var rules = await RoutingRuleRow.ReadAsync(c, null, version, token);
            var changed = version == 0 && !Same(rules, latest == 0 ? [] : await RoutingRuleRow.ReadAsync(c, null, latest, token));
            var dir = await RoutingDirectory.LoadAsync(c, null, token);
            var text = string.IsNullOrWhiteSpace(filter.Text) ? null : TextNormalizer.Normalize(filter.Text);
            var shown = rules.Where(r =>
                    (filter.CategoryId is not { } category || RoutingDirectory.Related(dir.Categories, x => x.ParentId, r.CategoryId, category))
                    && (filter.AreaId is not { } area || RoutingDirectory.Related(dir.Areas, x => x.ParentId, r.AreaId, area))
                    && (filter.DepartmentId is not { } dept || r.LeadDepartmentId == dept || r.AssistDepartmentIds.Contains(dept))
                    && (filter.AppealType is null || r.AppealType == filter.AppealType)
                    && (filter.Channel is null || r.Channel == filter.Channel)
                    && (text is null || TextNormalizer.Normalize(r.Name).Contains(text, StringComparison.Ordinal)
                        || r.Keywords.Any(k => TextNormalizer.Normalize(k).Contains(text, StringComparison.Ordinal))))
                .Select(dir.Named).ToList();
            return new RoutingRuleList(version == 0 ? null : version, version == 0, latest == 0 ? null : latest, changed, shown);
        }, ct);
    }

    public async Task<RoutingRule> GetAsync(int ruleNo, int? version, Actor actor, CancellationToken ct)
    {
        RequireRole(actor, Readers);
        return await db.ReadAsync(async (c, token) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<RoutingRuleRow>(new CommandDefinition(RoutingSql.SelectRule, new { Version = version ?? 0, RuleNo = ruleNo }, cancellationToken: token))
                ?? throw new NotFoundException($"Rule {ruleNo} not found.");
            return (await RoutingDirectory.LoadAsync(c, null, token)).Named(row.ToRule());
        }, ct);
    }

    public async Task<RoutingRule> CreateAsync(SaveRoutingRule request, Actor actor, CancellationToken ct)
    {
        RequireRole(actor, Editors);
        return await CreateDraftRuleAsync(request, ct);
    }

    public async Task<RoutingRule> UpdateAsync(int ruleNo, SaveRoutingRule request, Actor actor, CancellationToken ct)
    {
        RequireRole(actor, Editors);
        return await db.WriteAsync(async (c, tx, token) =>
        {
            var dir = await RoutingDirectory.LoadAsync(c, tx, token);
            var rule = Validate(request, dir, "") with { RuleNo = ruleNo };
            var rows = await c.ExecuteAsync(new CommandDefinition(RoutingSql.UpdateDraftRule, RoutingRuleRow.Args(rule, 0, 0, Now), tx, cancellationToken: token));
            if (rows == 0)
            {
                throw new NotFoundException($"Rule {ruleNo} is not in the draft.");
            }

            return dir.Named(rule with { Version = 0, UpdatedUtc = Now });
        }, ct);
    }

    public async Task DeleteAsync(int ruleNo, Actor actor, CancellationToken ct)
    {
        RequireRole(actor, Editors);
        await db.WriteAsync(async (c, tx, token) =>
        {
            if (await c.ExecuteAsync(new CommandDefinition(RoutingSql.DeleteDraftRule, new { RuleNo = ruleNo }, tx, cancellationToken: token)) == 0)
            {
                throw new NotFoundException($"Rule {ruleNo} is not in the draft.");
            }
        }, ct);
    }

    /// <summary>Copies the draft as the next version; from then on new tickets are routed by it.</summary>
    public async Task<RoutingListVersion> PublishAsync(PublishRequest request, Actor actor, CancellationToken ct)
    {
        RequireRole(actor, Editors);
        new Validator().MaxLength("note", request.Note, 200).ThrowIfInvalid();
        var published = await db.WriteAsync((c, tx, token) => PublishDraftAsync(c, tx, request.Note?.Trim(), actor.UserId, Now, token), ct);
        engines.Invalidate();
        await engines.CurrentAsync(ct);
        return published with { PublishedByName = actor.DisplayName };
    }

    /// <summary>Throws the draft's edits away: the draft becomes the latest published version again.</summary>
    public async Task ResetDraftAsync(Actor actor, CancellationToken ct)
    {
        RequireRole(actor, Editors);
        await db.WriteAsync(async (c, tx, token) =>
        {
            var latest = await c.ExecuteScalarAsync<int>(new CommandDefinition(RoutingSql.LatestVersion, transaction: tx, cancellationToken: token));
            List<RoutingRule> rules = latest == 0 ? [] : await RoutingRuleRow.ReadAsync(c, tx, latest, token);
            await ReplaceDraftAsync(c, tx, rules, Now, token);
        }, ct);
    }

    public async Task<IReadOnlyList<RoutingListVersion>> VersionsAsync(Actor actor, CancellationToken ct)
    {
        RequireRole(actor, Readers);
        return await db.ReadAsync(async (c, token) =>
            (await c.QueryAsync<RoutingListVersion>(new CommandDefinition(RoutingSql.SelectVersions, cancellationToken: token))).ToList(), ct);
    }

    /// <summary>The draft (or a published version) as CSV, UTF-8 with a byte order mark so Excel reads the Chinese.</summary>
    public async Task<byte[]> ExportAsync(int? version, Actor actor, CancellationToken ct)
    {
        var list = await ListAsync(new RoutingRuleFilter { Version = version }, actor, ct);
        var dir = await db.ReadAsync((c, token) => RoutingDirectory.LoadAsync(c, null, token), ct);
        return RoutingCsv.Write(list.Rules, dir, ticketOptions.ResolveTimeZone());
    }

    /// <summary>Replaces the draft with the file's rules; any bad row rejects the whole file, naming each bad cell.</summary>
    public async Task<ImportResult> ImportAsync(byte[] file, Actor actor, CancellationToken ct)
    {
        RequireRole(actor, Editors);
        return await db.WriteAsync(async (c, tx, token) =>
        {
            var dir = await RoutingDirectory.LoadAsync(c, tx, token);
            var errors = new Validator();
            var rows = RoutingCsv.Read(file, dir, ticketOptions.ResolveTimeZone(), errors);
            var maxRuleNo = await c.ExecuteScalarAsync<int>(new CommandDefinition(RoutingSql.MaxRuleNo, transaction: tx, cancellationToken: token));
            var rules = new List<RoutingRule>();
            var numbers = new HashSet<int>();
            foreach (var row in rows)
            {
                var prefix = $"rows[{row.Line}].";
                if (row.RuleNo is { } no && (no < 1 || no > maxRuleNo || !numbers.Add(no)))
                {
                    errors.Add(prefix + "ruleNo", no > maxRuleNo || no < 1 ? $"No rule {no} was ever numbered; leave it empty for a new rule." : $"Rule {no} appears twice.");
                }

                var rule = Validate(row.Rule, dir, prefix, errors);
                rules.Add(rule with { RuleNo = row.RuleNo ?? 0 });
            }

            errors.ThrowIfInvalid();
            var next = maxRuleNo;
            rules = rules.Select(r => r.RuleNo == 0 ? r with { RuleNo = ++next } : r).ToList();
            await ReplaceDraftAsync(c, tx, rules, Now, token);
            return new ImportResult(rules.Count);
        }, ct);
    }

    /// <summary>The rules whose tickets come back most (退单), with the latest reasons: what to fix in the list.</summary>
    public async Task<IReadOnlyList<RuleReturnStats>> ReturnsReportAsync(DateTime? fromUtc, DateTime? toUtc, Actor actor, CancellationToken ct)
    {
        RequireRole(actor, [Role.Admin, Role.Dispatcher, Role.Supervisor]);
        var to = toUtc ?? Now.AddSeconds(1);
        var from = fromUtc ?? to.AddDays(-30);
        if (from >= to)
        {
            throw ValidationException.For("from", "Must be before 'to'.");
        }

        return await db.ReadAsync(async (c, token) =>
        {
            var args = new { FromUtc = from, ToUtc = to };
            var routed = (await c.QueryAsync<RoutedRow>(new CommandDefinition(RoutingSql.RoutedByRule, args, cancellationToken: token)))
                .ToDictionary(r => r.RuleNo, r => (int)r.Tickets);
            var returns = (await c.QueryAsync<ReturnRow>(new CommandDefinition(RoutingSql.ReturnsOfRoutedTickets, args, cancellationToken: token))).ToList();
            return returns.GroupBy(r => r.RuleNo)
                .Select(g =>
                {
                    var tickets = Math.Max(routed.GetValueOrDefault(g.Key), g.Select(r => r.TicketId).Distinct().Count());
                    var returnedTickets = g.Select(r => r.TicketId).Distinct().Count();
                    return new RuleReturnStats(g.Key, g.First().RuleName, tickets, g.Count(), returnedTickets, Math.Round((double)returnedTickets / tickets, 3),
                        g.Take(5).Select(r => new ReturnReason(r.TicketId, r.DepartmentId, r.DepartmentName, r.Reason, r.OccurredUtc)).ToList());
                })
                .OrderByDescending(s => s.Returns).ThenByDescending(s => s.ReturnRate).ThenBy(s => s.RuleNo)
                .ToList();
        }, ct);
    }

    /// <summary>
    /// After arbitrating a return the center may keep its choice: a draft rule for the ticket's category (and area),
    /// more specific than a rule at a parent node, that an administrator reviews and publishes.
    /// </summary>
    public async Task<RoutingRule> CreateFromTicketAsync(RuleFromTicket request, Actor actor, CancellationToken ct)
    {
        RequireRole(actor, [Role.Admin, Role.Dispatcher]);
        new Validator().Required("ticketId", request.TicketId).Required("leadDepartmentId", request.LeadDepartmentId).ThrowIfInvalid();
        var ticket = await db.ReadAsync((c, token) =>
            c.QuerySingleOrDefaultAsync<TicketFacts>(new CommandDefinition(RoutingSql.SelectTicketForRule, new { Id = request.TicketId }, cancellationToken: token)), ct)
            ?? throw new NotFoundException($"Ticket {request.TicketId} not found.");
        return await CreateDraftRuleAsync(new SaveRoutingRule(
            string.IsNullOrWhiteSpace(request.Name) ? $"据工单 {ticket.Number} 仲裁" : request.Name,
            ticket.CategoryId, request.MatchArea ? ticket.AreaId : null, request.MatchAppealType ? ticket.AppealType : null, null,
            [], [], request.LeadDepartmentId, false, request.AssistDepartmentIds, false, 0, null, null), ct);
    }

    /// <summary>What the rules said when the ticket was registered, as stored on it.</summary>
    public async Task<TicketRouting> TicketRoutingAsync(long ticketId, Actor actor, CancellationToken ct)
    {
        RequireRole(actor, [Role.Agent, Role.Dispatcher, Role.Supervisor, Role.Admin]);
        var row = await db.ReadAsync((c, token) =>
            c.QuerySingleOrDefaultAsync<TicketRoutingRow>(new CommandDefinition(RoutingSql.SelectTicketRouting, new { Id = ticketId }, cancellationToken: token)), ct)
            ?? throw new NotFoundException($"Ticket {ticketId} not found.");
        var decision = row.RoutingExplanation is { Length: > 0 } json ? JsonSerializer.Deserialize<RoutingDecision>(json, Json) : null;
        return new TicketRouting(row.TicketId, row.RoutingVersion, row.RoutingRuleId, row.RuleNo, decision?.AutoDispatched ?? false, decision);
    }

    /// <summary>Copies the draft's rows as version n + 1 (new row keys; the same rule numbers).</summary>
    internal async Task<RoutingListVersion> PublishDraftAsync(DbConnection c, DbTransaction tx, string? note, long? userId, DateTime now, CancellationToken ct)
    {
        var version = await c.ExecuteScalarAsync<int>(new CommandDefinition(RoutingSql.LatestVersion, transaction: tx, cancellationToken: ct)) + 1;
        var rules = await RoutingRuleRow.ReadAsync(c, tx, 0, ct);
        if (rules.Count > 0)
        {
            await c.ExecuteAsync(new CommandDefinition(RoutingSql.InsertRule, rules.Select(r => RoutingRuleRow.Args(r, ids.NewId(), version, now)).ToList(), tx, cancellationToken: ct));
        }

        await c.ExecuteAsync(new CommandDefinition(RoutingSql.InsertVersion,
            new { Id = version, RuleCount = rules.Count, Note = note, PublishedByUserId = userId, NowUtc = now }, tx, cancellationToken: ct));
        return new RoutingListVersion { Version = version, RuleCount = rules.Count, Note = note, PublishedByUserId = userId, PublishedUtc = now };
    }

    private async Task<RoutingRule> CreateDraftRuleAsync(SaveRoutingRule request, CancellationToken ct) =>
        await db.WriteAsync(async (c, tx, token) =>
        {
            var dir = await RoutingDirectory.LoadAsync(c, tx, token);
            var rule = Validate(request, dir, "");
            var ruleNo = await c.ExecuteScalarAsync<int>(new CommandDefinition(RoutingSql.MaxRuleNo, transaction: tx, cancellationToken: token)) + 1;
            var id = ids.NewId();
            rule = rule with { Id = id, RuleNo = ruleNo, Version = 0, UpdatedUtc = Now };
            await c.ExecuteAsync(new CommandDefinition(RoutingSql.InsertRule, RoutingRuleRow.Args(rule, id, 0, Now), tx, cancellationToken: token));
            return dir.Named(rule);
        }, ct);

    private async Task ReplaceDraftAsync(DbConnection c, DbTransaction tx, IReadOnlyList<RoutingRule> rules, DateTime now, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition(RoutingSql.DeleteDraft, transaction: tx, cancellationToken: ct));
        if (rules.Count > 0)
        {
            await c.ExecuteAsync(new CommandDefinition(RoutingSql.InsertRule, rules.Select(r => RoutingRuleRow.Args(r, ids.NewId(), 0, now)).ToList(), tx, cancellationToken: ct));
        }
    }

    private static RoutingRule Validate(SaveRoutingRule r, RoutingDirectory dir, string prefix)
    {
        var v = new Validator();
        var rule = Validate(r, dir, prefix, v);
        v.ThrowIfInvalid();
        return rule;
    }

    /// <summary>Checks a rule against the directory, adding errors named <paramref name="prefix"/> + the request field.</summary>
    internal static RoutingRule Validate(SaveRoutingRule r, RoutingDirectory dir, string prefix, Validator v)
    {
        v.Required(prefix + "name", r.Name, NameMax);
        if (r.CategoryId is { } category && !(dir.Categories.TryGetValue(category, out var c) && c.IsActive))
        {
            v.Add(prefix + "categoryId", $"No active category {category}.");
        }

        if (r.AreaId is { } area && !(dir.Areas.TryGetValue(area, out var a) && a.IsActive))
        {
            v.Add(prefix + "areaId", $"No active area {area}.");
        }

        var keywords = Keywords(r.Keywords, prefix + "keywords", v);
        var excluded = Keywords(r.ExcludedKeywords, prefix + "excludedKeywords", v);
        if (r.LeadTerritorial == (r.LeadDepartmentId is not null))
        {
            v.Add(prefix + "leadDepartmentId", "Name either a lead department or the territorial unit, not both or neither.");
        }
        else if (r.LeadDepartmentId is { } lead && !ActiveDepartment(dir, lead))
        {
            v.Add(prefix + "leadDepartmentId", $"No active department {lead}.");
        }

        var assists = r.AssistDepartmentIds ?? [];
        if (assists.Length > AssistsMax)
        {
            v.Add(prefix + "assistDepartmentIds", $"At most {AssistsMax}.");
        }

        foreach (var assist in assists.Distinct())
        {
            if (assist == r.LeadDepartmentId || assists.Count(x => x == assist) > 1)
            {
                v.Add(prefix + "assistDepartmentIds", $"Department {assist} is named twice.");
            }
            else if (!ActiveDepartment(dir, assist))
            {
                v.Add(prefix + "assistDepartmentIds", $"No active department {assist}.");
            }
        }

        if (r.Priority is < -PriorityLimit or > PriorityLimit)
        {
            v.Add(prefix + "priority", $"Between -{PriorityLimit} and {PriorityLimit}.");
        }

        if (r.EffectiveFromUtc is { } from && r.EffectiveToUtc is { } to && to <= from)
        {
            v.Add(prefix + "effectiveToUtc", "Must be after the start.");
        }

        return new RoutingRule
        {
            Name = r.Name?.Trim() ?? "",
            CategoryId = r.CategoryId,
            AreaId = r.AreaId,
            AppealType = r.AppealType,
            Channel = r.Channel,
            Keywords = keywords,
            ExcludedKeywords = excluded,
            LeadDepartmentId = r.LeadTerritorial ? null : r.LeadDepartmentId,
            LeadTerritorial = r.LeadTerritorial,
            AssistDepartmentIds = assists.Distinct().ToList(),
            AssistTerritorial = r.AssistTerritorial,
            Priority = r.Priority,
            EffectiveFromUtc = r.EffectiveFromUtc is { } f ? DateTime.SpecifyKind(f.Kind == DateTimeKind.Local ? f.ToUniversalTime() : f, DateTimeKind.Utc) : null,
            EffectiveToUtc = r.EffectiveToUtc is { } t ? DateTime.SpecifyKind(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t, DateTimeKind.Utc) : null,
        };
    }

    private static bool ActiveDepartment(RoutingDirectory dir, long id) => dir.Departments.TryGetValue(id, out var d) && d.IsActive;

    private static List<string> Keywords(string[]? words, string field, Validator v)
    {
        var kept = new List<string>();
        foreach (var raw in words ?? [])
        {
            var word = raw?.Trim() ?? "";
            if (TextNormalizer.Normalize(word).Length == 0)
            {
                v.Add(field, "A keyword is empty.");
            }
            else if (word.Length > KeywordMax || word.Contains(RoutingRuleRow.KeywordSeparator))
            {
                v.Add(field, $"'{word}': at most {KeywordMax} characters, no '{RoutingRuleRow.KeywordSeparator}'.");
            }
            else if (!kept.Any(k => TextNormalizer.Normalize(k) == TextNormalizer.Normalize(word)))
            {
                kept.Add(word);
            }
        }

        if (kept.Count > KeywordsMax)
        {
            v.Add(field, $"At most {KeywordsMax} keywords.");
        }

        return kept;
    }

    /// <summary>Whether two versions hold the same rules (ignoring row keys and edit times).</summary>
    private static bool Same(IReadOnlyList<RoutingRule> a, IReadOnlyList<RoutingRule> b) =>
        a.Count == b.Count && a.Select(Fingerprint).SequenceEqual(b.Select(Fingerprint));

    private static string Fingerprint(RoutingRule r) => JsonSerializer.Serialize(r with { Id = 0, Version = 0, UpdatedUtc = default }, Json);

    private static void RequireRole(Actor actor, Role[] roles)
    {
        if (!roles.Contains(actor.Role))
        {
            throw new ForbiddenException($"{actor.Role} may not do this.");
        }
    }

    private sealed record RoutedRow
    {
        public int RuleNo { get; init; }
        public long Tickets { get; init; }
    }

    private sealed record ReturnRow
    {
        public int RuleNo { get; init; }
        public string RuleName { get; init; } = "";
        public long TicketId { get; init; }
        public long? DepartmentId { get; init; }
        public string? DepartmentName { get; init; }
        public string? Reason { get; init; }
        public DateTime OccurredUtc { get; init; }
    }

    private sealed record TicketFacts
    {
        public long Id { get; init; }
        public string Number { get; init; } = "";
        public long CategoryId { get; init; }
        public long? AreaId { get; init; }
        public AppealType AppealType { get; init; }
    }

    private sealed record TicketRoutingRow
    {
        public long TicketId { get; init; }
        public int? RoutingVersion { get; init; }
        public long? RoutingRuleId { get; init; }
        public int? RuleNo { get; init; }
        public string? RoutingExplanation { get; init; }
    }
}
