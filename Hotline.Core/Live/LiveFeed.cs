using System.Text.Json;
using Dapper;
using Hotline.Core.Callers;
using Hotline.Core.Common;
using Hotline.Core.Data;
using Hotline.Core.Escalations;
using Hotline.Core.Tickets;

namespace Hotline.Core.Live;

/// <summary>
/// Reads the live feed (the LiveFeed table that triggers fill in commit order) as messages with their audiences, and
/// records incoming calls into it, so a call reaches its agent through whichever Api instance the agent is on.
/// </summary>
public sealed class LiveFeed(Database db, TimeProvider time)
{
    public const int MaxCallIdLength = 64;

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    public Task<long> LastSeqAsync(CancellationToken ct) =>
        db.ReadAsync((c, token) => c.ExecuteScalarAsync<long>(new CommandDefinition(LiveSql.SelectLastSeq, cancellationToken: token)), ct);

    /// <summary>At most <paramref name="limit"/> feed rows after <paramref name="afterSeq"/> (and up to <paramref name="upToSeq"/>), as messages, in feed order.</summary>
    public Task<IReadOnlyList<LiveMessage>> ReadAsync(long afterSeq, long upToSeq, int limit, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<LiveMessage>>(async (c, token) =>
        {
            var args = new { AfterSeq = afterSeq, UpToSeq = upToSeq };
            var rows = (await c.QueryAsync<FeedRow>(new CommandDefinition(LiveSql.SelectAfter(db.Dialect, limit), args, cancellationToken: token))).ToList();
            if (rows.Count == 0)
            {
                return [];
            }

            var assigned = (await c.QueryAsync<(long TicketId, long DepartmentId)>(new CommandDefinition(LiveSql.SelectAssignedDepartments,
                    new { AfterSeq = afterSeq, UpToSeq = rows[^1].Seq }, cancellationToken: token)))
                .ToLookup(a => a.TicketId, a => a.DepartmentId);
            return rows.Select(r => ToMessage(r, assigned)).ToList();
        }, ct);

    /// <summary>The phone system says a call is ringing at an agent's seat: screen pop (来电弹屏) through the feed.</summary>
    public async Task<IncomingCall> RecordIncomingCallAsync(IncomingCallRequest request, CancellationToken ct)
    {
        var validator = new Validator();
        var phone = PhoneNumber.Normalize(request.CallerNumber);
        if (string.IsNullOrWhiteSpace(request.CallerNumber))
        {
            validator.Add("callerNumber", "Required.");
        }
        else if (phone is null)
        {
            validator.Add("callerNumber", "Not a mobile or landline number.");
        }

        validator.Required("callId", request.CallId, MaxCallIdLength);
        var byExtension = !string.IsNullOrWhiteSpace(request.AgentExtension);
        if (byExtension == !string.IsNullOrWhiteSpace(request.AgentUserName))
        {
            validator.Add("agentExtension", "Give the seat's extension or the agent's user name, one of them.");
        }

        validator.ThrowIfInvalid();
        return await db.WriteAsync(async (c, tx, token) =>
        {
            var agent = byExtension
                ? await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(LiveSql.SelectAgentByExtension, new { Extension = request.AgentExtension!.Trim() }, tx, cancellationToken: token))
                    ?? throw ValidationException.For("agentExtension", "No active agent or dispatcher has this extension.")
                : await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(LiveSql.SelectAgentByUserName, new { UserName = request.AgentUserName!.Trim() }, tx, cancellationToken: token))
                    ?? throw ValidationException.For("agentUserName", "No active agent or dispatcher has this user name.");
            var call = new IncomingCall(phone!, request.CallId!.Trim(), agent);
            await c.ExecuteAsync(new CommandDefinition(LiveSql.InsertIncomingCall, new
            {
                UserId = agent,
                Payload = JsonSerializer.Serialize(call, PayloadJson),
                NowUtc = time.GetUtcNow().UtcDateTime,
            }, tx, cancellationToken: token));
            return call;
        }, ct);
    }

    private static LiveMessage ToMessage(FeedRow r, ILookup<long, long> assigned)
    {
        var message = new LiveMessage
        {
            Seq = r.Seq,
            OccurredUtc = r.OccurredUtc,
            TicketId = r.TicketId,
            TicketNumber = r.TicketNumber,
            TicketTitle = r.TicketTitle,
            TicketStatus = r.TicketStatus,
        };
        var departments = r.TicketId is { } t ? assigned[t].ToList() : [];
        switch (r.Kind)
        {
            case "TicketEvent":
                return message with
                {
                    Type = LiveMessageType.TicketChanged,
                    Action = r.Action,
                    ActorName = r.ActorName,
                    DepartmentId = r.EventDepartmentId,
                    DepartmentName = r.EventDepartmentName,
                    Reason = r.Reason,
                    Audience = new LiveAudience(LiveAudience.TicketReaders, departments, null),
                };
            case "EscalationRaised" or "EscalationCleared" or "EscalationAcknowledged" when r.EscalationId is not null:
                var escalation = new EscalationView
                {
                    Id = r.EscalationId!.Value,
                    TicketId = r.TicketId,
                    TicketNumber = r.TicketNumber ?? r.WindowCaseNumber ?? "",
                    TicketTitle = r.TicketTitle ?? r.WindowCaseTitle ?? "",
                    TicketStatus = r.TicketStatus,
                    WindowCaseId = r.WindowCaseId,
                    WindowCaseNumber = r.WindowCaseNumber,
                    WindowCaseStatus = r.WindowCaseStatus,
                    Kind = r.EscalationKind!.Value,
                    Level = r.EscalationLevel!.Value,
                    DepartmentId = r.EscalationDepartmentId,
                    DepartmentName = r.EscalationDepartmentName,
                    DueUtc = r.DueUtc!.Value,
                    RaisedUtc = r.RaisedUtc!.Value,
                    AcknowledgedByUserId = r.AcknowledgedByUserId,
                    AcknowledgedByName = r.AcknowledgedByName,
                    AcknowledgedUtc = r.AcknowledgedUtc,
                    ClearedUtc = r.ClearedUtc,
                };
                var owner = escalation.DepartmentId is { } d ? [d] : Array.Empty<long>();
                if (r.Kind == "EscalationRaised" && TicketEscalation.IsUrge(escalation.Kind, escalation.Level))
                {
                    // The urge (催办) is an escalation the ticket's readers see too: one message, on the board as on the timeline.
                    return message with
                    {
                        Type = LiveMessageType.Urged,
                        Action = TicketAction.Urge,
                        ActorName = TicketEscalation.SystemName,
                        Reason = TicketEscalation.ReasonOf(escalation.Kind, escalation.Level),
                        Escalation = escalation,
                        DepartmentId = escalation.DepartmentId,
                        DepartmentName = escalation.DepartmentName,
                        Audience = new LiveAudience(LiveAudience.TicketReaders, departments.Union(owner).ToList(), null),
                    };
                }

                return message with
                {
                    Type = Enum.Parse<LiveMessageType>(r.Kind),
                    Escalation = escalation,
                    DepartmentId = escalation.DepartmentId,
                    DepartmentName = escalation.DepartmentName,
                    Audience = new LiveAudience(LiveAudience.EscalationReaders, owner, null),
                };
            case "IncomingCall":
                return message with
                {
                    Type = LiveMessageType.IncomingCall,
                    Call = JsonSerializer.Deserialize<IncomingCall>(r.Payload ?? "{}", PayloadJson),
                    Audience = new LiveAudience([], [], r.UserId),
                };
            default:
                return message; // a kind this version does not know, or a row gone since: nobody receives it, the position still counts
        }
    }

    private sealed record FeedRow
    {
        public long Seq { get; init; }
        public string Kind { get; init; } = "";
        public long? TicketId { get; init; }
        public long? UserId { get; init; }
        public string? Payload { get; init; }
        public DateTime OccurredUtc { get; init; }
        public string? TicketNumber { get; init; }
        public string? TicketTitle { get; init; }
        public TicketStatus? TicketStatus { get; init; }
        public TicketAction? Action { get; init; }
        public long? EventDepartmentId { get; init; }
        public string? EventDepartmentName { get; init; }
        public string? ActorName { get; init; }
        public string? Reason { get; init; }
        public long? EscalationId { get; init; }
        public EscalationKind? EscalationKind { get; init; }
        public EscalationLevel? EscalationLevel { get; init; }
        public long? EscalationDepartmentId { get; init; }
        public string? EscalationDepartmentName { get; init; }
        public DateTime? DueUtc { get; init; }
        public DateTime? RaisedUtc { get; init; }
        public long? AcknowledgedByUserId { get; init; }
        public string? AcknowledgedByName { get; init; }
        public DateTime? AcknowledgedUtc { get; init; }
        public DateTime? ClearedUtc { get; init; }
        public long? WindowCaseId { get; init; }
        public string? WindowCaseNumber { get; init; }
        public string? WindowCaseTitle { get; init; }
        public string? WindowCaseStatus { get; init; }
    }
}

/// <summary>The phone system names the agent by the seat's extension (分机号) or by user name.</summary>
public sealed record IncomingCallRequest(string? CallerNumber, string? AgentUserName, string? CallId, string? AgentExtension = null);
