using System.Data.Common;
using Dapper;
using Hotline.Core.Calendar;
using Hotline.Core.Callers;
using Hotline.Core.Common;
using Hotline.Core.Data;
using Hotline.Core.Deadlines;
using Hotline.Core.Directory;
using Hotline.Core.Tickets;

namespace Hotline.Core.Window;

/// <summary>
/// The "办不成事" window: intake, graded handling (departments' work through a linked ticket), the coordination log, the
/// reply and the mandatory return visit with the systemic fix. Each action is one unit of work that checks the version
/// the user saw and appends to the case's immutable log.
/// </summary>
public sealed class WindowService(Database db, IdGenerator ids, TimeProvider time, TicketOptions ticketOptions, WindowOptions options,
    DeadlineOptions deadlineOptions, CalendarService calendars, TicketService tickets, TicketQueries ticketQueries)
{
    public const int NameMax = 50;
    public const int ItemNameMax = 100;
    public const int CodeMax = 50;
    public const int HallMax = 100;
    public const int TextMax = 4000;
    public const int ShortTextMax = 1000;
    public const int MaxWorkingDays = 30;

    private readonly TimeZoneInfo _zone = ticketOptions.ResolveTimeZone();

    public static bool CanRead(Actor actor) => actor.Role is Role.WindowStaff or Role.Supervisor or Role.Dispatcher or Role.Admin;

    public async Task<WindowCaseDetail> IntakeAsync(WindowIntake request, Actor actor, CancellationToken ct)
    {
        RequireWindowStaff(actor);
        var v = new Validator()
            .Required("applicantName", request.ApplicantName, NameMax)
            .Required("serviceItemName", request.ServiceItemName, ItemNameMax)
            .MaxLength("serviceItemCode", request.ServiceItemCode, CodeMax)
            .MaxLength("failedHall", request.FailedHall, HallMax)
            .MaxLength("failedWindow", request.FailedWindow, NameMax)
            .MaxLength("failedStaff", request.FailedStaff, NameMax)
            .Required("failedUtc", request.FailedUtc)
            .Required("cause", request.Cause)
            .Required("description", request.Description, TextMax)
            .Required("request", request.Request, ShortTextMax);
        var phone = PhoneNumber.Normalize(request.ApplicantPhone);
        if (string.IsNullOrWhiteSpace(request.ApplicantPhone))
        {
            v.Add("applicantPhone", "Required: the window calls the citizen back.");
        }
        else if (phone is null)
        {
            v.Add("applicantPhone", "Not a mobile (11 digits starting 13-19) or landline number with area code.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (request.FailedUtc is { } failed && failed.ToUniversalTime() > now.AddMinutes(5))
        {
            v.Add("failedUtc", "Cannot be in the future.");
        }

        if (request.OutOfScope is { } scope)
        {
            v.Required("outOfScope.kind", scope.Kind).Required("outOfScope.reason", scope.Reason, ShortTextMax)
                .Required("outOfScope.referral", scope.Referral, ShortTextMax);
        }

        v.ThrowIfInvalid();
        var id = await db.WriteAsync(async (c, tx, token) =>
        {
            if (request.FailedDepartmentId is { } dept)
            {
                await RequireDepartmentAsync(c, tx, dept, "failedDepartmentId", token);
            }

            return await InsertCaseAsync(c, tx, request, phone, null, actor, now, token);
        }, ct);
        return await GetAsync(id, actor, ct);
    }

    /// <summary>The center forwards a 12345 ticket to the window: a case that names the ticket, and the ticket's timeline that names the case.</summary>
    public async Task<WindowCaseDetail> ForwardAsync(ForwardToWindow request, Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.Dispatcher)
        {
            throw new ForbiddenException("The center forwards tickets to the window.");
        }

        new Validator().Required("ticketId", request.TicketId).Required("version", request.Version).MaxLength("note", request.Note, ShortTextMax).ThrowIfInvalid();
        var id = await db.WriteAsync(async (c, tx, token) =>
        {
            var ticket = await c.QuerySingleOrDefaultAsync<ForwardedTicket>(new CommandDefinition(WindowSql.SelectTicketForForward, new { Id = request.TicketId }, tx, cancellationToken: token))
                ?? throw new NotFoundException($"Ticket {request.TicketId} not found.");
            if (await c.ExecuteScalarAsync<int>(new CommandDefinition(WindowSql.CountCasesFromTicket, new { TicketId = ticket.Id }, tx, cancellationToken: token)) > 0)
            {
                throw new ConflictException(ConflictCodes.Duplicate, "This ticket was forwarded to the window already.", ticket.Status.ToString(), ticket.Version);
            }

            var now = time.GetUtcNow().UtcDateTime;
            // A 举报 reporter's identity stays with the center: the window sees the matter, never who reported it.
            var reporterHidden = ticket.AppealType == AppealType.Report;
            var intake = new WindowIntake
            {
                ApplicantName = reporterHidden ? "（举报人信息保密）" : ticket.CallerName ?? "（12345来电人）",
                ServiceItemName = Clip(ticket.Title, ItemNameMax),
                FailedUtc = ticket.CreatedUtc,
                Cause = WindowCause.Other,
                Description = ticket.Content,
                Request = Clip(ticket.Title, ShortTextMax),
            };
            var caseId = await InsertCaseAsync(c, tx, intake, reporterHidden ? null : ticket.CallerPhone, ticket.Id, actor, now, token);
            var number = await c.ExecuteScalarAsync<string>(new CommandDefinition(WindowSql.SelectNumber, new { Id = caseId }, tx, cancellationToken: token));
            await tickets.ForwardToWindowAsync(c, tx, ticket.Id, ticket.Status, request.Version!.Value, actor, number!, request.Note, now, token);
            return caseId;
        }, ct);
        return await GetAsync(id, actor, ct);
    }

    public async Task<WindowCaseDetail> HandleAsync(long id, WindowHandleRequest request, Actor actor, CancellationToken ct)
    {
        RequireWindowStaff(actor);
        var v = new Validator().Required("version", request.Version).Required("mode", request.Mode).MaxLength("note", request.Note, ShortTextMax);
        var withTicket = request.Mode is WindowMode.Department or WindowMode.JointReview;
        if (withTicket)
        {
            v.Required("leadDepartmentId", request.LeadDepartmentId).Required("categoryId", request.CategoryId);
        }

        if (request.Mode == WindowMode.JointReview && (request.AssistDepartmentIds is null || request.AssistDepartmentIds.Length == 0))
        {
            v.Add("assistDepartmentIds", "A joint review (会审) needs at least one assisting department.");
        }

        if (request.Mode == WindowMode.Department && request.AssistDepartmentIds is { Length: > 0 })
        {
            v.Add("assistDepartmentIds", "Several departments: choose a joint review (会审).");
        }

        if (request.WorkingDays is < 1 or > MaxWorkingDays)
        {
            v.Add("workingDays", $"Between 1 and {MaxWorkingDays} working days.");
        }

        if (request.Mode == WindowMode.OnTheSpot && request.WorkingDays is not null)
        {
            v.Add("workingDays", "A case resolved on the spot has no deadline.");
        }

        v.ThrowIfInvalid();
        var mode = request.Mode!.Value;
        var calendar = await calendars.CurrentAsync(ct);
        var id2 = await db.WriteAsync(async (c, tx, token) =>
        {
            var state = await StateAsync(c, tx, id, token);
            // Registered cases are graded; a case in hand may only be escalated to the leadership (提级).
            var allowed = state.Status == WindowCaseStatus.Registered
                || (state.Status == WindowCaseStatus.Handling && mode == WindowMode.Leadership && state.Mode != WindowMode.Leadership);
            CheckState(state, request.Version!.Value, allowed);
            var now = time.GetUtcNow().UtcDateTime;
            long? ticketId = null;
            if (withTicket)
            {
                var detail = await c.QuerySingleAsync<WindowCaseDetail>(new CommandDefinition(WindowSql.SelectDetail, new { Id = id }, tx, cancellationToken: token));
                var register = new RegisterTicket(Channel.Window, detail.ApplicantPhone, detail.ApplicantName,
                    detail.Cause == WindowCause.Conduct ? AppealType.Complaint : AppealType.HelpRequest, Urgency.Normal, request.CategoryId, null, null,
                    Clip($"【办不成事】{detail.ServiceItemName}", TicketService.TitleMax),
                    Clip($"{detail.Description}\n诉求：{detail.Request}\n（办不成事窗口 {detail.Number}）", TicketService.ContentMax), false, null,
                    new DispatchTarget(request.LeadDepartmentId, request.AssistDepartmentIds ?? [], request.Note));
                ticketId = await tickets.RegisterForWindowAsync(c, tx, register, actor, now, token);
            }
            else if (mode == WindowMode.Leadership && request.LeadDepartmentId is { } lead)
            {
                await RequireDepartmentAsync(c, tx, lead, "leadDepartmentId", token);
            }

            DateTime? due = null, warn = null;
            var estimated = false;
            if (mode != WindowMode.OnTheSpot)
            {
                var days = request.WorkingDays ?? options.WorkingDaysFor(mode);
                var d = calendar.AddWorkingDays(now, days);
                due = d.Utc;
                warn = d.Utc - TimeSpan.FromTicks((long)((d.Utc - now).Ticks * deadlineOptions.YellowFraction));
                estimated = d.Estimated;
            }

            await AdvanceAsync(c, tx, id, request.Version!.Value, WindowCaseStatus.Handling, now, token);
            await c.ExecuteAsync(new CommandDefinition(WindowSql.ClearEscalations, new { Id = id, NowUtc = now }, tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition(WindowSql.SetHandling, new
            {
                Id = id,
                Mode = mode.ToString(),
                LeadDepartmentId = request.LeadDepartmentId ?? state.LeadDepartmentId,
                TicketId = ticketId,
                NowUtc = now,
                DueUtc = due,
                WarnUtc = warn,
                DeadlineEstimated = estimated,
            }, tx, cancellationToken: token));
            // The log speaks the center's language and time, as the sweep's system texts do.
            var text = WindowCsv.Modes[mode]
                + (due is { } x ? $" · 期限 {TimeZoneInfo.ConvertTimeFromUtc(x, _zone):yyyy-MM-dd HH:mm}" : "")
                + (request.Note is { Length: > 0 } n ? $" · {n.Trim()}" : "");
            await LogAsync(c, tx, id, WindowLogKind.Handle, text, state.Status, WindowCaseStatus.Handling, actor, now, token);
            return id;
        }, ct);
        return await GetAsync(id2, actor, ct);
    }

    /// <summary>A call, a meeting or a note: appended to the log; the case's version stays, so nobody's open form goes stale.</summary>
    public async Task<WindowCaseDetail> AddLogAsync(long id, WindowLogRequest request, Actor actor, CancellationToken ct)
    {
        RequireWindowStaff(actor);
        var v = new Validator().Required("kind", request.Kind).Required("content", request.Content, TextMax);
        if (request.Kind is not null and not (WindowLogKind.Call or WindowLogKind.Meeting or WindowLogKind.Note))
        {
            v.Add("kind", "Call, Meeting or Note.");
        }

        v.ThrowIfInvalid();
        await db.WriteAsync(async (c, tx, token) =>
        {
            var state = await StateAsync(c, tx, id, token);
            if (state.Status is WindowCaseStatus.Closed or WindowCaseStatus.OutOfScope)
            {
                throw new ConflictException(ConflictCodes.InvalidState, "The case is closed.", state.Status.ToString(), state.Version);
            }

            var now = time.GetUtcNow().UtcDateTime;
            await c.ExecuteAsync(new CommandDefinition(WindowSql.Touch, new { Id = id, NowUtc = now }, tx, cancellationToken: token));
            await LogAsync(c, tx, id, request.Kind!.Value, request.Content!.Trim(), state.Status, state.Status, actor, now, token);
        }, ct);
        return await GetAsync(id, actor, ct);
    }

    /// <summary>The decision and the reply to the citizen; where departments work on a ticket, only after the lead department replied.</summary>
    public async Task<WindowCaseDetail> ReplyAsync(long id, WindowReplyRequest request, Actor actor, CancellationToken ct)
    {
        RequireWindowStaff(actor);
        new Validator().Required("version", request.Version).Required("decision", request.Decision, TextMax).Required("reply", request.Reply, TextMax).ThrowIfInvalid();
        await db.WriteAsync(async (c, tx, token) =>
        {
            var state = await StateAsync(c, tx, id, token);
            CheckState(state, request.Version!.Value, state.Status == WindowCaseStatus.Handling);
            if (state.TicketId is { } ticketId && state.Mode != WindowMode.Leadership
                && await c.ExecuteScalarAsync<DateTime?>(new CommandDefinition(WindowSql.SelectTicketReply, new { Id = ticketId }, tx, cancellationToken: token)) is null)
            {
                throw new ConflictException(ConflictCodes.InvalidState, "The department has not replied on the linked ticket yet.", state.Status.ToString(), state.Version);
            }

            var now = time.GetUtcNow().UtcDateTime;
            await AdvanceAsync(c, tx, id, request.Version!.Value, WindowCaseStatus.PendingVisit, now, token);
            await c.ExecuteAsync(new CommandDefinition(WindowSql.SetReply, new { Id = id, Decision = request.Decision!.Trim(), ReplyContent = request.Reply!.Trim(), NowUtc = now }, tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition(WindowSql.ClearEscalations, new { Id = id, NowUtc = now }, tx, cancellationToken: token));
            await LogAsync(c, tx, id, WindowLogKind.Reply, $"{request.Decision.Trim()}\n{request.Reply.Trim()}", state.Status, WindowCaseStatus.PendingVisit, actor, now, token);
        }, ct);
        return await GetAsync(id, actor, ct);
    }

    /// <summary>The mandatory return visit, with whether a systemic fix was made (what, by whom): closes the case.</summary>
    public async Task<WindowCaseDetail> VisitAsync(long id, WindowVisitRequest request, Actor actor, CancellationToken ct)
    {
        RequireWindowStaff(actor);
        var v = new Validator().Required("version", request.Version).Required("satisfaction", request.Satisfaction).Required("resolved", request.Resolved)
            .MaxLength("comment", request.Comment, ShortTextMax).Required("fixMade", request.FixMade);
        if (request.FixMade is true)
        {
            v.Required("fixDescription", request.FixDescription, ShortTextMax).Required("fixBy", request.FixBy, HallMax);
        }

        v.ThrowIfInvalid();
        await db.WriteAsync(async (c, tx, token) =>
        {
            var state = await StateAsync(c, tx, id, token);
            CheckState(state, request.Version!.Value, state.Status == WindowCaseStatus.PendingVisit);
            var now = time.GetUtcNow().UtcDateTime;
            var fix = request.FixMade!.Value;
            await AdvanceAsync(c, tx, id, request.Version!.Value, WindowCaseStatus.Closed, now, token);
            await c.ExecuteAsync(new CommandDefinition(WindowSql.SetVisit, new
            {
                Id = id,
                Satisfaction = request.Satisfaction!.Value.ToString(),
                VisitResolved = request.Resolved,
                VisitComment = Trim(request.Comment),
                FixMade = fix,
                FixDescription = fix ? request.FixDescription!.Trim() : null,
                FixBy = fix ? request.FixBy!.Trim() : null,
                NowUtc = now,
            }, tx, cancellationToken: token));
            var text = $"{WindowCsv.Satisfactions[request.Satisfaction!.Value]} · {(request.Resolved == true ? "已解决" : "未解决")}"
                + (Trim(request.Comment) is { } comment ? $" · {comment}" : "")
                + (fix ? $" · 系统性整改：{request.FixDescription!.Trim()}（{request.FixBy!.Trim()}）" : " · 无系统性整改");
            await LogAsync(c, tx, id, WindowLogKind.Visit, text, state.Status, WindowCaseStatus.Closed, actor, now, token);
        }, ct);
        return await GetAsync(id, actor, ct);
    }

    public async Task<WindowCaseDetail> GetAsync(long id, Actor actor, CancellationToken ct)
    {
        RequireReader(actor);
        var (detail, log) = await db.ReadAsync(async (c, token) =>
        {
            var d = await c.QuerySingleOrDefaultAsync<WindowCaseDetail>(new CommandDefinition(WindowSql.SelectDetail, new { Id = id }, cancellationToken: token))
                ?? throw new NotFoundException($"Window case {id} not found.");
            var l = (await c.QueryAsync<WindowLogEntry>(new CommandDefinition(WindowSql.SelectLog, new { Id = id }, cancellationToken: token))).ToList();
            return (d, l);
        }, ct);
        var ticket = detail.TicketId is { } t ? await ticketQueries.GetAsync(t, actor, ct, logAccess: false) : null;
        return Mask(detail, actor) with { Log = log, Ticket = ticket, AllowedActions = Allowed(detail, ticket, actor) };
    }

    public async Task<WindowCasePage> ListAsync(WindowCaseFilter filter, Actor actor, CancellationToken ct)
    {
        RequireReader(actor);
        var v = new Validator();
        if (filter.Page < 1)
        {
            v.Add("page", "Must be 1 or more.");
        }

        if (filter.PageSize is < 1 or > 200)
        {
            v.Add("pageSize", "Must be between 1 and 200.");
        }

        v.ThrowIfInvalid();
        var args = Args(filter, actor);
        return await db.ReadAsync(async (c, token) =>
        {
            var total = await c.ExecuteScalarAsync<int>(new CommandDefinition(WindowSql.Count(db.Dialect, filter), args, cancellationToken: token));
            var items = (await c.QueryAsync<WindowCaseSummary>(new CommandDefinition(WindowSql.List(db.Dialect, filter), args, cancellationToken: token)))
                .Select(s => MaskSummary(s, actor)).ToList();
            return new WindowCasePage(items, total, filter.Page, filter.PageSize);
        }, ct);
    }

    /// <summary>The ledger (台账) as CSV, UTF-8 with BOM so Excel opens it; every row the filter keeps.</summary>
    public async Task<byte[]> ExportAsync(WindowCaseFilter filter, Actor actor, CancellationToken ct)
    {
        RequireReader(actor);
        var args = Args(filter, actor);
        var rows = await db.ReadAsync(async (c, token) =>
            (await c.QueryAsync<WindowCaseDetail>(new CommandDefinition(WindowSql.Export(db.Dialect, filter), args, cancellationToken: token))).ToList(), ct);
        return WindowCsv.Write(rows.Select(r => Mask(r, actor)).ToList(), _zone);
    }

    public async Task<WindowFigures> FiguresAsync(DateTime? fromUtc, DateTime? toUtc, Actor actor, CancellationToken ct)
    {
        RequireReader(actor);
        var args = new { FromUtc = fromUtc, ToUtc = toUtc, NowUtc = time.GetUtcNow().UtcDateTime };
        return await db.ReadAsync(async (c, token) =>
        {
            var totals = await c.QuerySingleAsync<Totals>(new CommandDefinition(WindowSql.FigureTotals, args, cancellationToken: token));
            async Task<List<FigureCount>> Read(string sql) =>
                (await c.QueryAsync<FigureCount>(new CommandDefinition(sql, args, cancellationToken: token))).ToList();
            return new WindowFigures
            {
                FromUtc = fromUtc,
                ToUtc = toUtc,
                Total = totals.Total,
                OutOfScope = totals.OutOfScope,
                Open = totals.Open,
                Closed = totals.Closed,
                Overdue = totals.Overdue,
                FixMade = totals.FixMade,
                FixShare = totals.Closed == 0 ? 0 : Math.Round((double)totals.FixMade / totals.Closed, 4),
                ByCause = await Read(WindowSql.FiguresByCause),
                ByDepartment = await Read(WindowSql.FiguresByDepartment),
                ByServiceItem = await Read(WindowSql.FiguresByServiceItem),
                ByMode = await Read(WindowSql.FiguresByMode),
            };
        }, ct);
    }

    /// <summary>The window cases a ticket is linked to, for the ticket's detail (any reader of the ticket may see the link).</summary>
    public async Task<IReadOnlyList<WindowTicketLink>> LinksForTicketAsync(long ticketId, Actor actor, CancellationToken ct)
    {
        await ticketQueries.GetAsync(ticketId, actor, ct, logAccess: false); // 404 unless the caller may read the ticket
        return await db.ReadAsync(async (c, token) =>
            (await c.QueryAsync<WindowTicketLink>(new CommandDefinition(WindowSql.SelectTicketLinks, new { TicketId = ticketId }, cancellationToken: token))).ToList(), ct);
    }

    private async Task<long> InsertCaseAsync(DbConnection c, DbTransaction tx, WindowIntake r, string? phone, long? sourceTicketId, Actor actor, DateTime now, CancellationToken token)
    {
        var day = TimeZoneInfo.ConvertTimeFromUtc(now, _zone).ToString("yyyyMMdd");
        var prefix = $"CK{day}-";
        var sequence = await c.ExecuteScalarAsync<int>(new CommandDefinition(WindowSql.CountNumbersOfDay(db.Dialect), new { Prefix = prefix + "%" }, tx, cancellationToken: token)) + 1;
        var id = ids.NewId();
        var outOfScope = r.OutOfScope;
        var status = outOfScope is null ? WindowCaseStatus.Registered : WindowCaseStatus.OutOfScope;
        await c.ExecuteAsync(new CommandDefinition(WindowSql.Insert, new
        {
            Id = id,
            Number = $"{prefix}{sequence:D4}",
            Status = status.ToString(),
            ApplicantName = r.ApplicantName!.Trim(),
            ApplicantPhone = phone,
            ServiceItemName = r.ServiceItemName!.Trim(),
            ServiceItemCode = Trim(r.ServiceItemCode),
            FailedHall = Trim(r.FailedHall),
            FailedWindow = Trim(r.FailedWindow),
            r.FailedDepartmentId,
            FailedStaff = Trim(r.FailedStaff),
            FailedUtc = r.FailedUtc!.Value.ToUniversalTime(),
            Cause = r.Cause!.Value.ToString(),
            Description = r.Description!.Trim(),
            Request = r.Request!.Trim(),
            OutOfScopeKind = outOfScope?.Kind?.ToString(),
            OutOfScopeReason = Trim(outOfScope?.Reason),
            Referral = Trim(outOfScope?.Referral),
            SourceTicketId = sourceTicketId,
            ClosedUtc = outOfScope is null ? (DateTime?)null : now,
            CreatedByUserId = actor.UserId,
            NowUtc = now,
        }, tx, cancellationToken: token));
        var (kind, text) = outOfScope is null
            ? sourceTicketId is null ? (WindowLogKind.Intake, (string?)null) : (WindowLogKind.Forwarded, "12345 工单转办")
            : (WindowLogKind.OutOfScope, $"{WindowCsv.OutOfScopeKinds[outOfScope.Kind!.Value]}：{outOfScope.Reason!.Trim()} · 引导：{outOfScope.Referral!.Trim()}");
        await LogAsync(c, tx, id, kind, text, null, status, actor, now, token);
        return id;
    }

    private async Task LogAsync(DbConnection c, DbTransaction tx, long caseId, WindowLogKind kind, string? content, WindowCaseStatus? from, WindowCaseStatus to,
        Actor actor, DateTime now, CancellationToken token) =>
        await c.ExecuteAsync(new CommandDefinition(WindowSql.InsertLog, new
        {
            Id = ids.NewId(),
            WindowCaseId = caseId,
            Kind = kind.ToString(),
            Content = content,
            FromStatus = from?.ToString(),
            ToStatus = to.ToString(),
            ActorUserId = actor.UserId,
            NowUtc = now,
        }, tx, cancellationToken: token));

    private static async Task<CaseState> StateAsync(DbConnection c, DbTransaction tx, long id, CancellationToken token) =>
        await c.QuerySingleOrDefaultAsync<CaseState>(new CommandDefinition(WindowSql.SelectState, new { Id = id }, tx, cancellationToken: token))
        ?? throw new NotFoundException($"Window case {id} not found.");

    private static void CheckState(CaseState state, int version, bool allowed)
    {
        if (state.Version != version)
        {
            throw new ConflictException(ConflictCodes.StaleVersion, "The case changed since you loaded it.", state.Status.ToString(), state.Version);
        }

        if (!allowed)
        {
            throw new ConflictException(ConflictCodes.InvalidState, $"Not allowed while the case is {state.Status}.", state.Status.ToString(), state.Version);
        }
    }

    private static async Task AdvanceAsync(DbConnection c, DbTransaction tx, long id, int version, WindowCaseStatus to, DateTime now, CancellationToken token)
    {
        var rows = await c.ExecuteAsync(new CommandDefinition(WindowSql.Advance, new { Id = id, Version = version, Status = to.ToString(), NowUtc = now }, tx, cancellationToken: token));
        if (rows == 0)
        {
            var current = await StateAsync(c, tx, id, token);
            throw new ConflictException(ConflictCodes.StaleVersion, "The case changed since you loaded it.", current.Status.ToString(), current.Version);
        }
    }

    private static async Task RequireDepartmentAsync(DbConnection c, DbTransaction tx, long id, string field, CancellationToken token)
    {
        if (await c.ExecuteScalarAsync<int>(new CommandDefinition(WindowSql.CountActiveDepartment, new { Id = id }, tx, cancellationToken: token)) == 0)
        {
            throw ValidationException.For(field, $"No active department {id}.");
        }
    }

    private object Args(WindowCaseFilter f, Actor actor)
    {
        var args = new DynamicParameters(new
        {
            Cause = f.Cause?.ToString(),
            Mode = f.Mode?.ToString(),
            f.DepartmentId,
            f.ServiceItem,
            ServiceItemLike = f.ServiceItem is null ? null : $"%{f.ServiceItem}%",
            f.FromUtc,
            f.ToUtc,
            f.Text,
            TextLike = f.Text is null ? null : $"%{f.Text}%",
            actor.UserId,
            NowUtc = time.GetUtcNow().UtcDateTime,
            Skip = (f.Page - 1) * f.PageSize,
            Take = f.PageSize,
        });
        for (var i = 0; i < f.Statuses.Count; i++)
        {
            args.Add($"Status{i}", f.Statuses[i].ToString());
        }

        return args;
    }

    private static IReadOnlyList<string> Allowed(WindowCaseDetail d, TicketDetail? ticket, Actor actor)
    {
        if (actor.Role != Role.WindowStaff)
        {
            return [];
        }

        var departmentReplied = d.TicketId is null || d.Mode == WindowMode.Leadership || ticket?.RepliedUtc is not null;
        return d.Status switch
        {
            WindowCaseStatus.Registered => ["handle", "log"],
            WindowCaseStatus.Handling => (d.Mode == WindowMode.Leadership ? new[] { "log" } : ["escalate", "log"])
                .Concat(departmentReplied ? ["reply"] : Array.Empty<string>()).ToList(),
            WindowCaseStatus.PendingVisit => ["visit", "log"],
            _ => [],
        };
    }

    private static WindowCaseDetail Mask(WindowCaseDetail d, Actor actor) =>
        actor.Role == Role.WindowStaff || d.ApplicantPhone is null ? d : d with { ApplicantPhone = PhoneNumber.Mask(d.ApplicantPhone) };

    private static WindowCaseSummary MaskSummary(WindowCaseSummary s, Actor actor) =>
        actor.Role == Role.WindowStaff || s.ApplicantPhone is null ? s : s with { ApplicantPhone = PhoneNumber.Mask(s.ApplicantPhone) };

    private static void RequireWindowStaff(Actor actor)
    {
        if (actor.Role != Role.WindowStaff)
        {
            throw new ForbiddenException("Window staff handle window cases.");
        }
    }

    private static void RequireReader(Actor actor)
    {
        if (!CanRead(actor))
        {
            throw new ForbiddenException("Window cases are for window staff, supervisors, the center and administrators.");
        }
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];

    private sealed record CaseState
    {
        public long Id { get; init; }
        public WindowCaseStatus Status { get; init; }
        public int Version { get; init; }
        public WindowMode? Mode { get; init; }
        public long? TicketId { get; init; }
        public long? LeadDepartmentId { get; init; }
    }

    private sealed record ForwardedTicket
    {
        public long Id { get; init; }
        public TicketStatus Status { get; init; }
        public AppealType AppealType { get; init; }
        public int Version { get; init; }
        public string Title { get; init; } = "";
        public string Content { get; init; } = "";
        public string? CallerName { get; init; }
        public string? CallerPhone { get; init; }
        public string? Address { get; init; }
        public DateTime CreatedUtc { get; init; }
    }

    private sealed record Totals
    {
        public int Total { get; init; }
        public int OutOfScope { get; init; }
        public int Open { get; init; }
        public int Closed { get; init; }
        public int Overdue { get; init; }
        public int FixMade { get; init; }
    }
}
