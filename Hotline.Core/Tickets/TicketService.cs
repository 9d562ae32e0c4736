using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Hotline.Core.Callers;
using Hotline.Core.Common;
using Hotline.Core.Data;
using Hotline.Core.Calendar;
using Hotline.Core.Deadlines;
using Hotline.Core.Directory;
using Hotline.Core.Escalations;
using Hotline.Core.Routing;

namespace Hotline.Core.Tickets;

/// <summary>
/// Every lifecycle action as one unit of work: check the rules and the version the user saw, move the ticket, and
/// append the TicketEvent. A rejected action writes nothing.
/// </summary>
public sealed partial class TicketService(Database db, IdGenerator ids, TimeProvider time, TicketOptions options, TicketQueries queries,
    DeadlineService deadlines, DeadlineOptions deadlineOptions, CalendarService calendars, IntakeRouting routing,
    Repeat.RepeatClusters repeatClusters, Repeat.RepeatOptions repeatOptions)
{
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly TimeZoneInfo _zone = options.ResolveTimeZone();
    private readonly string _insertEvent = TicketSql.InsertEvent(db.Dialect); // rendered once: every timeline entry runs it

    public const int TitleMax = 100;
    public const int ContentMax = 4000;
    public const int AddressMax = 200;
    public const int NameMax = 50;
    public const int ReasonMax = 1000;

    public async Task<TicketDetail> RegisterAsync(RegisterTicket request, Actor actor, bool answerDirectly, CancellationToken ct)
    {
        RequireRole(actor, Role.Agent, Role.Dispatcher);
        var phone = ValidateRegistration(request, answerDirectly);
        ValidateLink(request, answerDirectly);
        var engine = answerDirectly ? null : await routing.EngineAsync(ct);
        var repeats = await PrefetchRepeatsAsync(request, phone, ct); // repeat-complaint lookups, outside the writer
        var id = await db.WriteAsync(async (c, tx, token) =>
        {
            await RequireExistsAsync(c, tx, TicketSql.CountActiveCategories, request.CategoryId!.Value, "categoryId", token);
            if (request.AreaId is { } areaId)
            {
                await RequireExistsAsync(c, tx, TicketSql.CountActiveAreas, areaId, "areaId", token);
            }

            if (request.Dispatch is { } target)
            {
                await ValidateDispatchAsync(c, tx, target.LeadDepartmentId, target.AssistDepartmentIds, "dispatch.", token);
            }

            var master = await ReadLinkTargetAsync(c, tx, request, token); // a child appeal: no dispatch of its own
            var now = time.GetUtcNow().UtcDateTime;
            var (ticketId, number) = await NewNumberAsync(c, tx, now, token);
            var status = answerDirectly
                ? options.VisitAfterDirectAnswer ? TicketStatus.PendingVisit : TicketStatus.Closed
                : master is not null ? TicketStatus.Merged : TicketStatus.PendingDispatch;
            var registration = new Registration(ticketId, number, status, request, phone, actor, now)
            {
                Action = answerDirectly ? TicketAction.AnswerDirectly : TicketAction.Register,
                Answer = answerDirectly ? request.Answer!.Trim() : null,
                Master = master,
                Dispatch = request.Dispatch is { } named ? DispatchPlan.Named(named) : null,
            };
            if (engine is not null && master is null)
            {
                registration = await RouteAsync(c, tx, registration, engine, token);
            }

            await InsertRegisteredAsync(c, tx, registration, token);
            await AfterRegisterAsync(c, tx, registration, token, repeats);
            return registration.TicketId;
        }, ct);
        return await queries.GetAsync(id, actor, ct, logAccess: false);
    }

    public Task<TicketDetail> DispatchAsync(long id, DispatchRequest request, Actor actor, CancellationToken ct) =>
        TransitionAsync(id, request.Version, actor, TicketAction.Dispatch, async step =>
        {
            await ValidateDispatchAsync(step.Connection, step.Transaction, request.LeadDepartmentId, request.AssistDepartmentIds, "", step.Token);
            await step.DispatchAsync(request.LeadDepartmentId!.Value, request.AssistDepartmentIds ?? []);
            await step.Clocks(request.LeadDepartmentId).StartSignAsync();
            await step.Clocks(request.LeadDepartmentId).StartHandleAsync(); // the handling clock starts at dispatch, not at signing
            return step.Event(request.LeadDepartmentId, null, new { request.LeadDepartmentId, AssistDepartmentIds = request.AssistDepartmentIds ?? [], request.Note });
        }, ct);

    public Task<TicketDetail> SignAsync(long id, VersionOnly request, Actor actor, CancellationToken ct) =>
        TransitionAsync(id, request.Version, actor, TicketAction.Sign, async step =>
        {
            var role = TicketWorkflow.SignerRole(step.Facts, actor)!.Value;
            step.To = TicketWorkflow.Target(step.From, TicketAction.Sign, role);
            await step.ExecuteAsync(TicketSql.Sign, new { TicketId = id, actor.DepartmentId, Role = role.ToString(), actor.UserId, step.NowUtc });
            return step.Event(actor.DepartmentId, null, new { Role = role });
        }, ct);

    public Task<TicketDetail> RequestReturnAsync(long id, ReasonRequest request, Actor actor, CancellationToken ct)
    {
        var reason = RequireReason(request.Reason);
        return TransitionAsync(id, request.Version, actor, TicketAction.RequestReturn,
            step => Task.FromResult(step.Event(actor.DepartmentId, reason, null)), ct);
    }

    public Task<TicketDetail> ApproveReturnAsync(long id, DispatchRequest request, Actor actor, CancellationToken ct) =>
        TransitionAsync(id, request.Version, actor, TicketAction.ApproveReturn, async step =>
        {
            await ValidateDispatchAsync(step.Connection, step.Transaction, request.LeadDepartmentId, request.AssistDepartmentIds, "", step.Token);
            await step.ExecuteAsync(TicketSql.MarkReturned, new { TicketId = id });
            await step.DispatchAsync(request.LeadDepartmentId!.Value, request.AssistDepartmentIds ?? []);
            await step.Clocks(request.LeadDepartmentId).StartSignAsync();
            if (request.ResetHandleDue)
            {
                await step.Clocks(request.LeadDepartmentId).StartHandleAsync(); // otherwise re-dispatch keeps the original handle due time
            }

            return step.Event(request.LeadDepartmentId, null, new
            {
                ReturnedByDepartmentId = step.LeadDepartmentId,
                request.LeadDepartmentId,
                AssistDepartmentIds = request.AssistDepartmentIds ?? [],
                request.Note,
                request.ResetHandleDue,
            });
        }, ct);

    public Task<TicketDetail> RejectReturnAsync(long id, ReasonRequest request, Actor actor, CancellationToken ct)
    {
        var reason = RequireReason(request.Reason);
        return TransitionAsync(id, request.Version, actor, TicketAction.RejectReturn, async step =>
        {
            await step.ExecuteAsync(TicketSql.ResetLeadSign, new { TicketId = id });
            await step.Clocks(step.LeadDepartmentId).StartSignAsync();
            return step.Event(step.LeadDepartmentId, reason, null);
        }, ct);
    }

    public Task<TicketDetail> ReplyAsync(long id, ReplyRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator().Required("result", request.Result, ContentMax).Required("resolved", request.Resolved);
        v.ThrowIfInvalid();
        return TransitionAsync(id, request.Version, actor, TicketAction.Reply, async step =>
        {
            await step.ExecuteAsync(TicketSql.SetReply, new { Id = id, ReplyResult = request.Result!.Trim(), ReplyResolved = request.Resolved, step.NowUtc });
            return step.Event(actor.DepartmentId, null, new { Result = request.Result.Trim(), request.Resolved });
        }, ct);
    }

    public Task<TicketDetail> ApproveReplyAsync(long id, NoteRequest request, Actor actor, CancellationToken ct)
    {
        new Validator().MaxLength("note", request.Note, ReasonMax).ThrowIfInvalid();
        return TransitionAsync(id, request.Version, actor, TicketAction.ApproveReply, async step =>
        {
            await step.Clocks(step.LeadDepartmentId).StartVisitAsync();
            await HandOverReplyToChildrenAsync(step, id); // every merged caller gets a return visit on this reply
            return step.Event(step.LeadDepartmentId, null, request.Note is null ? null : new { request.Note });
        }, ct);
    }

    public Task<TicketDetail> SendBackAsync(long id, ReasonRequest request, Actor actor, CancellationToken ct)
    {
        var reason = RequireReason(request.Reason);
        return TransitionAsync(id, request.Version, actor, TicketAction.SendBack,
            step => Task.FromResult(step.Event(step.LeadDepartmentId, reason, null)), ct);
    }

    public Task<TicketDetail> RecordVisitAsync(long id, VisitRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator().Required("satisfaction", request.Satisfaction).Required("resolved", request.Resolved)
            .MaxLength("comment", request.Comment, ReasonMax);
        if (request.Reopen && request.Satisfaction is not null and not Satisfaction.Unsatisfied)
        {
            v.Add("reopen", "Only an unsatisfied visit can reopen the ticket.");
        }

        v.ThrowIfInvalid();
        return TransitionAsync(id, request.Version, actor, TicketAction.RecordVisit, async step =>
        {
            var difficult = await OnVisitAsync(step, id, request); // repeat complaints: unsatisfied visits, 疑难
            await step.ExecuteAsync(TicketSql.SetVisit, new
            {
                Id = id,
                Satisfaction = request.Satisfaction!.Value.ToString(),
                VisitResolved = request.Resolved,
                VisitComment = Trim(request.Comment),
                ClosedUtc = request.Reopen ? (DateTime?)null : step.NowUtc,
            });
            if (request.Reopen)
            {
                // Unsatisfied through the department's fault: straight back to it, as a second event of this unit.
                step.To = TicketStatus.InProgress;
                await step.Clocks(step.LeadDepartmentId).StartHandleAsync();
                step.Then(TicketAction.Reopen, TicketStatus.Closed, TicketStatus.InProgress, step.LeadDepartmentId, Trim(request.Comment) ?? "回访不满意");
            }

            if (difficult is not null)
            {
                step.Then(TicketAction.Supervise, step.To, step.To, step.LeadDepartmentId, difficult); // 疑难: a supervision order
            }

            return step.Event(step.LeadDepartmentId, null, new { request.Satisfaction, request.Resolved, Comment = Trim(request.Comment) },
                to: TicketStatus.Closed);
        }, ct);
    }

    public Task<TicketDetail> ReopenAsync(long id, ReasonRequest request, Actor actor, CancellationToken ct)
    {
        var reason = RequireReason(request.Reason);
        return TransitionAsync(id, request.Version, actor, TicketAction.Reopen, async step =>
        {
            await RefuseChildReopenAsync(step, id);
            await step.ExecuteAsync(TicketSql.SetClosedUtc, new { Id = id, ClosedUtc = (DateTime?)null });
            await step.Clocks(step.LeadDepartmentId).StartHandleAsync(); // a reopened ticket is handled again, on a new clock
            return step.Event(step.LeadDepartmentId, reason, null);
        }, ct);
    }

    public Task<TicketDetail> WithdrawAsync(long id, ReasonRequest request, Actor actor, CancellationToken ct)
    {
        var reason = RequireReason(request.Reason);
        return TransitionAsync(id, request.Version, actor, TicketAction.Withdraw, async step =>
        {
            await step.ExecuteAsync(TicketSql.EndAssignments, new { TicketId = id, SignState = SignState.Withdrawn.ToString() });
            await step.ExecuteAsync(TicketSql.SetClosedUtc, new { Id = id, ClosedUtc = (DateTime?)step.NowUtc });
            return step.Event(null, reason, null);
        }, ct);
    }

    public Task<TicketDetail> RequestExtensionAsync(long id, ExtensionRequestBody request, Actor actor, CancellationToken ct)
    {
        var reason = RequireReason(request.Reason);
        var v = new Validator().Required("workingDays", request.WorkingDays);
        if (request.WorkingDays is < 1 || request.WorkingDays > deadlineOptions.MaxExtensionWorkingDays)
        {
            v.Add("workingDays", $"Between 1 and {deadlineOptions.MaxExtensionWorkingDays} working days.");
        }

        v.ThrowIfInvalid();
        return TransitionAsync(id, request.Version, actor, TicketAction.RequestExtension, async step =>
        {
            await step.ExecuteAsync(TicketSql.InsertExtension, new
            {
                Id = ids.NewId(),
                TicketId = id,
                actor.DepartmentId,
                RequestedByUserId = actor.UserId,
                request.WorkingDays,
                Reason = reason,
                OldDueUtc = step.HandleDueUtc ?? throw new ConflictException(ConflictCodes.InvalidState, "The ticket has no handle deadline to extend."),
                step.NowUtc,
            });
            return step.Event(actor.DepartmentId, reason, new { request.WorkingDays, HandleDueUtc = step.HandleDueUtc });
        }, ct);
    }

    public Task<TicketDetail> ApproveExtensionAsync(long id, NoteRequest request, Actor actor, CancellationToken ct)
    {
        new Validator().MaxLength("note", request.Note, ReasonMax).ThrowIfInvalid();
        return TransitionAsync(id, request.Version, actor, TicketAction.ApproveExtension, async step =>
        {
            var pending = await step.Connection.QuerySingleAsync<PendingExtension>(new CommandDefinition(TicketSql.SelectPendingExtension, new { TicketId = id }, step.Transaction, cancellationToken: step.Token));
            // The extension counts from the due time it replaces, and clears that due time's yellow and red.
            var calendar = await calendars.CurrentAsync(step.Token);
            var clock = deadlines.Start(new Limit(pending.WorkingDays, LimitUnit.WorkingDays), pending.OldDueUtc, calendar);
            await step.Clocks(step.LeadDepartmentId).SetHandleAsync(clock, calendar);
            await step.ExecuteAsync(TicketSql.DecideExtension, new { pending.Id, Status = "Approved", DecidedByUserId = actor.UserId, DecisionReason = Trim(request.Note), NewDueUtc = (DateTime?)clock.DueUtc, step.NowUtc });
            return step.Event(pending.DepartmentId, Trim(request.Note), new { pending.WorkingDays, OldDueUtc = pending.OldDueUtc, NewDueUtc = clock.DueUtc });
        }, ct);
    }

    public Task<TicketDetail> RejectExtensionAsync(long id, ReasonRequest request, Actor actor, CancellationToken ct)
    {
        var reason = RequireReason(request.Reason);
        return TransitionAsync(id, request.Version, actor, TicketAction.RejectExtension, async step =>
        {
            var pending = await step.Connection.QuerySingleAsync<PendingExtension>(new CommandDefinition(TicketSql.SelectPendingExtension, new { TicketId = id }, step.Transaction, cancellationToken: step.Token));
            await step.ExecuteAsync(TicketSql.DecideExtension, new { pending.Id, Status = "Rejected", DecidedByUserId = actor.UserId, DecisionReason = reason, NewDueUtc = (DateTime?)null, step.NowUtc });
            return step.Event(pending.DepartmentId, reason, new { pending.WorkingDays });
        }, ct);
    }

    /// <summary>The shared shape of a transition; <paramref name="apply"/> does the action's own writes.</summary>
    private async Task<TicketDetail> TransitionAsync(long id, int? version, Actor actor, TicketAction action,
        Func<Step, Task<PendingEvent>> apply, CancellationToken ct)
    {
        if (version is null)
        {
            throw ValidationException.For("version", "Required.");
        }

        await db.WriteAsync(async (c, tx, token) =>
        {
            var state = await c.QuerySingleOrDefaultAsync<StateRow>(new CommandDefinition(TicketSql.SelectState, new { Id = id }, tx, cancellationToken: token))
                ?? throw new NotFoundException($"Ticket {id} not found.");
            var assignments = (await c.QueryAsync<AssignmentRow>(new CommandDefinition(TicketSql.SelectAssignmentFacts, new { TicketId = id }, tx, cancellationToken: token)))
                .Select(a => new AssignmentFact(a.DepartmentId, a.Role, a.SignState, a.IsActive)).ToList();
            if (actor.Role == Role.Liaison && !assignments.Any(a => a.IsActive && a.DepartmentId == actor.DepartmentId))
            {
                throw new NotFoundException($"Ticket {id} not found.");
            }

            var returns = actor.DepartmentId is { } dept
                ? await c.ExecuteScalarAsync<int>(new CommandDefinition(TicketSql.CountReturnsByDepartment, new { TicketId = id, DepartmentId = dept }, tx, cancellationToken: token))
                : 0;
            var now = time.GetUtcNow().UtcDateTime;
            var extensions = await c.QuerySingleAsync<ExtensionCounts>(new CommandDefinition(TicketSql.CountExtensions, new { TicketId = id }, tx, cancellationToken: token));
            var facts = new TicketFacts(state.Status, assignments, state.Satisfaction, returns,
                extensions.Pending > 0, extensions.Approved, state.HandleDueUtc is { } handleDue && handleDue <= now);
            switch (TicketWorkflow.Check(facts, actor, action, Limits))
            {
                case Verdict.Forbidden:
                    throw new ForbiddenException($"{actor.Role} may not {action} this ticket.");
                case Verdict.InvalidState:
                    throw new ConflictException(ConflictCodes.InvalidState, $"{action} is not allowed while the ticket is {state.Status}.", state.Status.ToString(), state.Version);
                case Verdict.ReturnLimitReached:
                    throw new ConflictException(ConflictCodes.ReturnLimitReached,
                        $"Your department has returned this ticket {returns} times; the center assigns it now.", state.Status.ToString(), state.Version);
                case Verdict.ExtensionLimitReached:
                    throw new ConflictException(ConflictCodes.ExtensionLimitReached,
                        $"This ticket has had {extensions.Approved} extension(s), the most allowed.", state.Status.ToString(), state.Version);
                case Verdict.DeadlinePassed:
                    throw new ConflictException(ConflictCodes.DeadlinePassed,
                        "The handle deadline has passed: an extension must be asked for before it.", state.Status.ToString(), state.Version);
            }

            if (state.Version != version)
            {
                throw Stale(state.Status, state.Version);
            }

            var step = new Step(this, c, tx, token, id, facts, state, now, TicketWorkflow.Target(state.Status, action));
            var pending = await apply(step);
            await AdvanceAsync(c, tx, id, version.Value, step.To, now, token);
            await ClearStoppedClocksAsync(c, tx, id, step.To, now, token);
            await AppendEventAsync(c, tx, id, action, state.Status, pending.To ?? step.To, actor, pending.DepartmentId, pending.Reason, pending.Detail, now, token);
            foreach (var next in step.Following)
            {
                await AppendEventAsync(c, tx, id, next.Action, next.From, next.To, actor, next.DepartmentId, next.Reason, null, now, token);
            }
        }, ct);
        return await queries.GetAsync(id, actor, ct, logAccess: false);
    }

    // Primary-constructor parameters, for the nested helpers.
    private DeadlineService Deadlines => deadlines;
    private Database Db => db;
    private IdGenerator Ids => ids;

    private WorkflowLimits Limits => new(options.MaxReturnsPerDepartment, deadlineOptions.MaxExtensionsPerTicket);

    /// <summary>Escalations of a clock that no longer runs in the new status are cleared.</summary>
    private static Task ClearStoppedClocksAsync(DbConnection c, DbTransaction tx, long id, TicketStatus status, DateTime now, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(EscalationSql.Clear, new
        {
            TicketId = id,
            NowUtc = now,
            ClearSign = status != TicketStatus.PendingSign,
            ClearHandle = status is not (TicketStatus.PendingSign or TicketStatus.ReturnRequested or TicketStatus.InProgress),
            ClearVisit = status != TicketStatus.PendingVisit,
            ClearCalendar = !TicketWorkflow.OpenStatuses.Contains(status),
        }, tx, cancellationToken: ct));

    private static async Task AdvanceAsync(DbConnection c, DbTransaction tx, long id, int version, TicketStatus to, DateTime now, CancellationToken ct)
    {
        var rows = await c.ExecuteAsync(new CommandDefinition(TicketSql.AdvanceVersion,
            new { Id = id, Version = version, Status = to.ToString(), NowUtc = now }, tx, cancellationToken: ct));
        if (rows == 0)
        {
            // Someone else moved the ticket between our read and write (possible on SQL Server): theirs stands.
            var current = await c.QuerySingleAsync<StateRow>(new CommandDefinition(TicketSql.SelectState, new { Id = id }, tx, cancellationToken: ct));
            throw Stale(current.Status, current.Version);
        }
    }

    private async Task AppendEventAsync(DbConnection c, DbTransaction tx, long ticketId, TicketAction action, TicketStatus? from, TicketStatus to,
        Actor actor, long? departmentId, string? reason, object? detail, DateTime now, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition(_insertEvent, new
        {
            Id = ids.NewId(),
            TicketId = ticketId,
            Action = action.ToString(),
            FromStatus = from?.ToString(),
            ToStatus = to.ToString(),
            ActorUserId = actor.UserId,
            ActorRole = actor.Role.ToString(),
            DepartmentId = departmentId,
            Reason = reason,
            Detail = detail is null ? null : JsonSerializer.Serialize(detail, EventJson),
            NowUtc = now,
        }, tx, cancellationToken: ct));
    }

    /// <summary>The ticket's id and its number: the day in the centre's time zone and that day's sequence.</summary>
    private async Task<(long Id, string Number)> NewNumberAsync(DbConnection c, DbTransaction tx, DateTime now, CancellationToken ct)
    {
        var day = TimeZoneInfo.ConvertTimeFromUtc(now, _zone).ToString("yyyyMMdd");
        var sequence = await c.QuerySingleAsync<int>(new CommandDefinition(db.Dialect.NextTicketSequence, new { Day = day }, tx, cancellationToken: ct));
        return (ids.NewId(), $"{day}-{sequence:D5}");
    }

    /// <summary>A registration decided and checked, not yet written. <see cref="Status"/> is the state the Register event leaves.</summary>
    private sealed record Registration(long TicketId, string Number, TicketStatus Status, RegisterTicket Request, string? Phone, Actor Actor, DateTime NowUtc)
    {
        public TicketAction Action { get; init; } = TicketAction.Register;
        public string? Answer { get; init; }
        public MasterRow? Master { get; init; }
        /// <summary>Dispatched in the same unit of work (by the agent, by a routing rule, at the window).</summary>
        public DispatchPlan? Dispatch { get; init; }
        public RoutingDecision? Routing { get; init; }
    }

    /// <summary>The departments of a dispatch at registration, and the Dispatch event's detail.</summary>
    private sealed record DispatchPlan(long Lead, long[] Assists, object Detail)
    {
        /// <summary>The departments the agent or the window staff named.</summary>
        public static DispatchPlan Named(DispatchTarget t) =>
            new(t.LeadDepartmentId!.Value, t.AssistDepartmentIds ?? [], new { t.LeadDepartmentId, AssistDepartmentIds = t.AssistDepartmentIds ?? [], t.Note });
    }

    /// <summary>
    /// Writes a registration: the ticket row once, in the state the registration leaves it (dispatched with its sign and
    /// handle clocks started, routed, attached to its master), then its timeline (Register, and Dispatch when it was
    /// dispatched), its assignments and any calendar escalation. The timeline is the same as registering and then
    /// dispatching; only the row is not updated step by step.
    /// </summary>
    private async Task InsertRegisteredAsync(DbConnection c, DbTransaction tx, Registration r, CancellationToken ct)
    {
        var request = r.Request;
        var dispatch = r.Dispatch;
        var clocks = dispatch is null ? null : await StartClocksAsync(request.AppealType!.Value, request.Urgency!.Value, r.NowUtc, ct);
        var status = dispatch is null ? r.Status : TicketStatus.PendingSign;
        await c.ExecuteAsync(new CommandDefinition(TicketSql.Insert, new
        {
            Id = r.TicketId,
            r.Number,
            Status = status.ToString(),
            Channel = request.Channel!.Value.ToString(),
            AppealType = request.AppealType!.Value.ToString(),
            Urgency = request.Urgency!.Value.ToString(),
            request.CategoryId,
            request.AreaId,
            Address = Trim(request.Address),
            AddressKey = Repeat.RepeatText.AddressKey(request.Address), // the "same address" key of repeat detection
            Title = request.Title!.Trim(),
            Content = request.Content!.Trim(),
            CallerName = Trim(request.CallerName),
            CallerPhone = r.Phone,
            request.IsConfidential,
            CallId = Trim(request.CallId),
            r.Answer,
            CreatedByUserId = r.Actor.UserId,
            r.NowUtc,
            ClosedUtc = status == TicketStatus.Closed ? r.NowUtc : (DateTime?)null,
            Version = dispatch is null ? 1 : 2, // the dispatch is the ticket's second step, as when it comes later
            LeadDepartmentId = dispatch?.Lead ?? r.Master?.LeadDepartmentId,
            DispatchedUtc = dispatch is null ? (DateTime?)null : r.NowUtc,
            clocks?.PolicyId,
            SignDueUtc = clocks?.Sign.DueUtc,
            SignWarnUtc = clocks?.Sign.WarnUtc,
            HandleDueUtc = clocks?.Handle.DueUtc,
            HandleWarnUtc = clocks?.Handle.WarnUtc,
            SuperviseUtc = clocks?.Supervise.Utc,
            DeadlineEstimated = clocks is { } e && (e.Sign.Estimated || e.HandleEstimated),
            RoutingVersion = r.Routing?.Version,
            RoutingRuleId = r.Routing?.RuleId,
            RoutingExplanation = r.Routing is null ? null : IntakeRouting.Serialize(r.Routing),
            MasterTicketId = r.Master?.Id,
        }, tx, cancellationToken: ct));

        await AppendEventAsync(c, tx, r.TicketId, r.Action, null, r.Status, r.Actor, null, null, null, r.NowUtc, ct);
        if (dispatch is null)
        {
            return;
        }

        await InsertAssignmentsAsync(c, tx, r.TicketId, dispatch.Lead, dispatch.Assists, r.NowUtc, ct);
        if (clocks!.Sign.Estimated)
        {
            await RaiseCalendarAsync(c, tx, r.TicketId, dispatch.Lead, clocks.Sign.DueUtc, r.NowUtc, ct);
        }

        if (clocks.HandleEstimated)
        {
            await RaiseCalendarAsync(c, tx, r.TicketId, dispatch.Lead, clocks.Handle.DueUtc, r.NowUtc, ct);
        }

        await AppendEventAsync(c, tx, r.TicketId, TicketAction.Dispatch, r.Status, TicketStatus.PendingSign, r.Actor, dispatch.Lead, null, dispatch.Detail, r.NowUtc, ct);
    }

    /// <summary>The sign and handle clocks of a dispatch, from now, on the ticket's policy: the handling clock starts at dispatch, not at signing.</summary>
    private async Task<StartedClocks> StartClocksAsync(AppealType appealType, Urgency urgency, DateTime nowUtc, CancellationToken ct)
    {
        var (policy, calendar) = await deadlines.ResolveAsync(appealType, urgency, nowUtc, ct);
        var handle = deadlines.Start(policy.Handle, nowUtc, calendar);
        return new StartedClocks(policy.Id, deadlines.Start(policy.Sign, nowUtc, calendar), handle, deadlines.SuperviseAt(handle.DueUtc, calendar));
    }

    private sealed record StartedClocks(long PolicyId, Clock Sign, Clock Handle, Due Supervise)
    {
        public bool HandleEstimated => Handle.Estimated || Supervise.Estimated;
    }

    /// <summary>A due time guessed from weekends alone, for a year with no calendar: supervisors must know.</summary>
    private async Task RaiseCalendarAsync(DbConnection c, DbTransaction tx, long ticketId, long? departmentId, DateTime dueUtc, DateTime nowUtc, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(EscalationSql.Raise(db.Dialect), new
        {
            Id = ids.NewId(), TicketId = ticketId, Kind = nameof(EscalationKind.Calendar), Level = nameof(EscalationLevel.Yellow),
            DepartmentId = departmentId, DueUtc = dueUtc, NowUtc = nowUtc,
        }, tx, cancellationToken: ct));

    private async Task DispatchToAsync(DbConnection c, DbTransaction tx, long ticketId, long lead, long[] assists, DateTime now, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition(TicketSql.EndAssignments, new { TicketId = ticketId, SignState = SignState.Withdrawn.ToString() }, tx, cancellationToken: ct));
        await InsertAssignmentsAsync(c, tx, ticketId, lead, assists, now, ct);
        await c.ExecuteAsync(new CommandDefinition(TicketSql.SetDispatched, new { Id = ticketId, LeadDepartmentId = lead, NowUtc = now }, tx, cancellationToken: ct));
    }

    private async Task InsertAssignmentsAsync(DbConnection c, DbTransaction tx, long ticketId, long lead, long[] assists, DateTime now, CancellationToken ct)
    {
        var rows = assists.Select(d => (Department: d, Role: AssignmentRole.Assist)).Prepend((Department: lead, Role: AssignmentRole.Lead))
            .Select(a => new { Id = ids.NewId(), TicketId = ticketId, DepartmentId = a.Department, Role = a.Role.ToString(), NowUtc = now });
        await c.ExecuteAsync(new CommandDefinition(TicketSql.InsertAssignment, rows.ToList(), tx, cancellationToken: ct));
    }

    private static async Task ValidateDispatchAsync(DbConnection c, DbTransaction tx, long? lead, long[]? assists, string prefix, CancellationToken ct)
    {
        var v = new Validator();
        if (lead is null)
        {
            v.Add(prefix + "leadDepartmentId", "Required.");
        }
        else if (await c.ExecuteScalarAsync<int>(new CommandDefinition(TicketSql.CountActiveDepartments, new { Id = lead }, tx, cancellationToken: ct)) == 0)
        {
            v.Add(prefix + "leadDepartmentId", $"No active department {lead}.");
        }

        foreach (var assist in assists ?? [])
        {
            if (assist == lead || assists!.Count(a => a == assist) > 1)
            {
                v.Add(prefix + "assistDepartmentIds", $"Department {assist} is named twice.");
            }
            else if (await c.ExecuteScalarAsync<int>(new CommandDefinition(TicketSql.CountActiveDepartments, new { Id = assist }, tx, cancellationToken: ct)) == 0)
            {
                v.Add(prefix + "assistDepartmentIds", $"No active department {assist}.");
            }
        }

        v.ThrowIfInvalid();
    }

    private static async Task RequireExistsAsync(DbConnection c, DbTransaction tx, string sql, long id, string field, CancellationToken ct)
    {
        if (await c.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { Id = id }, tx, cancellationToken: ct)) == 0)
        {
            throw ValidationException.For(field, $"No active entry {id}.");
        }
    }

    private static string? ValidateRegistration(RegisterTicket r, bool answerDirectly)
    {
        var v = new Validator()
            .Required("channel", r.Channel)
            .Required("appealType", r.AppealType)
            .Required("urgency", r.Urgency)
            .Required("categoryId", r.CategoryId)
            .Required("title", r.Title, TitleMax)
            .Required("content", r.Content, ContentMax)
            .MaxLength("address", r.Address, AddressMax)
            .MaxLength("callerName", r.CallerName, NameMax)
            .MaxLength("callId", r.CallId, 64);
        var phone = PhoneNumber.Normalize(r.CallerPhone);
        if (!string.IsNullOrWhiteSpace(r.CallerPhone) && phone is null)
        {
            v.Add("callerPhone", "Not a mobile (11 digits starting 13-19) or landline number with area code.");
        }
        else if (phone is null && r.Channel == Tickets.Channel.Phone)
        {
            v.Add("callerPhone", "Required for a phone call.");
        }

        if (answerDirectly)
        {
            v.Required("answer", r.Answer, ContentMax);
            if (r.Dispatch is not null)
            {
                v.Add("dispatch", "A ticket answered directly is not dispatched.");
            }
        }

        v.ThrowIfInvalid();
        return phone;
    }

    private static string RequireReason(string? reason)
    {
        new Validator().Required("reason", reason, ReasonMax).ThrowIfInvalid();
        return reason!.Trim();
    }

    private static void RequireRole(Actor actor, params Role[] roles)
    {
        if (!roles.Contains(actor.Role))
        {
            throw new ForbiddenException($"{actor.Role} may not do this.");
        }
    }

    private static ConflictException Stale(TicketStatus status, int version) =>
        new(ConflictCodes.StaleVersion, $"The ticket was changed by someone else (now version {version}, {status}); reload it.", status.ToString(), version);

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record StateRow
    {
        public long Id { get; init; }
        public TicketStatus Status { get; init; }
        public int Version { get; init; }
        public Satisfaction? Satisfaction { get; init; }
        public long? LeadDepartmentId { get; init; }
        public AppealType AppealType { get; init; }
        public Urgency Urgency { get; init; }
        public DateTime? HandleDueUtc { get; init; }
    }

    private sealed record ExtensionCounts
    {
        public int Pending { get; init; }
        public int Approved { get; init; }
    }

    private sealed record PendingExtension
    {
        public long Id { get; init; }
        public long DepartmentId { get; init; }
        public int WorkingDays { get; init; }
        public DateTime OldDueUtc { get; init; }
    }

    /// <summary>
    /// Starts a ticket's deadline clocks from now, on its policy and the working-day calendar. A restarted clock clears the
    /// old due time's escalations.
    /// </summary>
    private sealed class Clocks(TicketService owner, DbConnection c, DbTransaction tx, long ticketId, AppealType appealType, Urgency urgency,
        long? departmentId, DateTime nowUtc, CancellationToken ct)
    {
        public Task StartSignAsync() => StartAsync(p => p.Sign, TicketSql.SetSignClock, EscalationKind.Sign);

        public Task StartHandleAsync() => StartAsync(p => p.Handle, TicketSql.SetHandleClock, EscalationKind.Handle);

        public Task StartVisitAsync() => StartAsync(p => p.Visit, TicketSql.SetVisitClock, EscalationKind.Visit);

        public async Task SetHandleAsync(Clock clock, WorkingCalendar calendar)
        {
            var policy = await owner.Deadlines.ResolveAsync(appealType, urgency, nowUtc, ct);
            await WriteAsync(TicketSql.SetHandleClock, policy.Policy.Id, clock, owner.Deadlines.SuperviseAt(clock.DueUtc, calendar), EscalationKind.Handle);
        }

        private async Task StartAsync(Func<DeadlinePolicy, Limit> limit, string sql, EscalationKind kind)
        {
            var (policy, calendar) = await owner.Deadlines.ResolveAsync(appealType, urgency, nowUtc, ct);
            var clock = owner.Deadlines.Start(limit(policy), nowUtc, calendar);
            await WriteAsync(sql, policy.Id, clock, owner.Deadlines.SuperviseAt(clock.DueUtc, calendar), kind);
        }

        private async Task WriteAsync(string sql, long policyId, Clock clock, Due supervise, EscalationKind kind)
        {
            var estimated = clock.Estimated || (kind == EscalationKind.Handle && supervise.Estimated);
            await c.ExecuteAsync(new CommandDefinition(sql, new
            {
                Id = ticketId,
                PolicyId = policyId,
                clock.DueUtc,
                clock.WarnUtc,
                SuperviseUtc = supervise.Utc,
                Estimated = estimated,
            }, tx, cancellationToken: ct));
            // A restarted clock replaces the escalations of the old due time.
            await c.ExecuteAsync(new CommandDefinition(EscalationSql.Clear, new
            {
                TicketId = ticketId, NowUtc = nowUtc, ClearSign = kind == EscalationKind.Sign, ClearHandle = kind == EscalationKind.Handle,
                ClearVisit = kind == EscalationKind.Visit, ClearCalendar = false,
            }, tx, cancellationToken: ct));
            if (estimated)
            {
                await owner.RaiseCalendarAsync(c, tx, ticketId, departmentId, clock.DueUtc, nowUtc, ct);
            }
        }
    }

    private sealed record AssignmentRow
    {
        public long DepartmentId { get; init; }
        public AssignmentRole Role { get; init; }
        public SignState SignState { get; init; }
        public bool IsActive { get; init; }
    }

    private sealed record PendingEvent(long? DepartmentId, string? Reason, object? Detail, TicketStatus? To);

    private sealed record FollowingEvent(TicketAction Action, TicketStatus From, TicketStatus To, long? DepartmentId, string? Reason);

    /// <summary>One transition in progress: its connection, what was read, and what it will write.</summary>
    private sealed class Step(TicketService owner, DbConnection connection, DbTransaction transaction, CancellationToken token,
        long ticketId, TicketFacts facts, StateRow state, DateTime nowUtc, TicketStatus to)
    {
        public DbConnection Connection => connection;
        public DbTransaction Transaction => transaction;
        public CancellationToken Token => token;
        public TicketFacts Facts => facts;
        public TicketStatus From => facts.Status;
        public long? LeadDepartmentId => state.LeadDepartmentId;
        public DateTime? HandleDueUtc => state.HandleDueUtc;
        public DateTime NowUtc => nowUtc;
        public TicketStatus To { get; set; } = to;
        public List<FollowingEvent> Following { get; } = [];

        public Task<int> ExecuteAsync(string sql, object args) =>
            connection.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: token));

        public Task DispatchAsync(long lead, long[] assists) =>
            owner.DispatchToAsync(connection, transaction, ticketId, lead, assists, nowUtc, token);

        public Clocks Clocks(long? departmentId) =>
            new(owner, connection, transaction, ticketId, state.AppealType, state.Urgency, departmentId, nowUtc, token);

        public PendingEvent Event(long? departmentId, string? reason, object? detail, TicketStatus? to = null) => new(departmentId, reason, detail, to);

        public void Then(TicketAction action, TicketStatus from, TicketStatus to, long? departmentId, string? reason) =>
            Following.Add(new FollowingEvent(action, from, to, departmentId, reason));
    }
}
