using System.Globalization;
using System.Text;
using CsvHelper;
using Hotline.Core.Tickets;

namespace Hotline.Core.Window;

/// <summary>The case ledger (台账) as CSV: UTF-8 with BOM so Excel opens it, times in the center's time zone, Chinese labels.</summary>
public static class WindowCsv
{
    public static readonly string[] Headers =
    [
        "编号", "状态", "申请人", "联系电话", "事项名称", "事项编码", "受阻大厅", "受阻窗口", "受阻部门", "工作人员", "受阻时间", "原因类别",
        "情况描述", "诉求", "不予受理类别", "不予受理理由", "引导去向", "处理方式", "主办单位", "关联工单", "工单状态", "来源工单", "办理期限",
        "处理结果", "答复内容", "答复时间", "回访满意度", "是否解决", "回访意见", "系统性整改", "整改内容", "整改单位", "登记人", "登记时间", "办结时间",
    ];

    public static readonly IReadOnlyDictionary<WindowCaseStatus, string> Statuses = new Dictionary<WindowCaseStatus, string>
    {
        [WindowCaseStatus.Registered] = "已登记",
        [WindowCaseStatus.Handling] = "办理中",
        [WindowCaseStatus.PendingVisit] = "待回访",
        [WindowCaseStatus.Closed] = "已办结",
        [WindowCaseStatus.OutOfScope] = "不予受理",
    };

    public static readonly IReadOnlyDictionary<WindowCause, string> Causes = new Dictionary<WindowCause, string>
    {
        [WindowCause.Materials] = "材料问题",
        [WindowCause.PolicyUnclear] = "政策不明确",
        [WindowCause.MultiDepartment] = "涉及多部门",
        [WindowCause.SystemFailure] = "系统故障",
        [WindowCause.Conduct] = "工作作风",
        [WindowCause.Overdue] = "超时未办",
        [WindowCause.Other] = "其他",
    };

    public static readonly IReadOnlyDictionary<WindowMode, string> Modes = new Dictionary<WindowMode, string>
    {
        [WindowMode.OnTheSpot] = "当场办结",
        [WindowMode.Department] = "转部门办理",
        [WindowMode.JointReview] = "多部门会审",
        [WindowMode.Leadership] = "提级办理",
    };

    public static readonly IReadOnlyDictionary<OutOfScopeKind, string> OutOfScopeKinds = new Dictionary<OutOfScopeKind, string>
    {
        [OutOfScopeKind.Litigation] = "涉诉",
        [OutOfScopeKind.Petition] = "信访",
        [OutOfScopeKind.ContraryToPolicy] = "不符合政策",
    };

    public static readonly IReadOnlyDictionary<Satisfaction, string> Satisfactions = new Dictionary<Satisfaction, string>
    {
        [Satisfaction.Satisfied] = "满意",
        [Satisfaction.BasicallySatisfied] = "基本满意",
        [Satisfaction.Unsatisfied] = "不满意",
    };

    public static byte[] Write(IReadOnlyList<WindowCaseDetail> rows, TimeZoneInfo zone)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var header in Headers)
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var r in rows)
            {
                csv.WriteField(r.Number);
                csv.WriteField(Statuses[r.Status]);
                csv.WriteField(Safe(r.ApplicantName));
                csv.WriteField(r.ApplicantPhone ?? "");
                csv.WriteField(Safe(r.ServiceItemName));
                csv.WriteField(Safe(r.ServiceItemCode));
                csv.WriteField(Safe(r.FailedHall));
                csv.WriteField(Safe(r.FailedWindow));
                csv.WriteField(r.FailedDepartmentName ?? "");
                csv.WriteField(Safe(r.FailedStaff));
                csv.WriteField(Local(r.FailedUtc, zone));
                csv.WriteField(Causes[r.Cause]);
                csv.WriteField(Safe(r.Description));
                csv.WriteField(Safe(r.Request));
                csv.WriteField(r.OutOfScopeKind is { } k ? OutOfScopeKinds[k] : "");
                csv.WriteField(Safe(r.OutOfScopeReason));
                csv.WriteField(Safe(r.Referral));
                csv.WriteField(r.Mode is { } m ? Modes[m] : "");
                csv.WriteField(r.LeadDepartmentName ?? "");
                csv.WriteField(r.TicketNumber ?? "");
                csv.WriteField(r.TicketStatus?.ToString() ?? "");
                csv.WriteField(r.SourceTicketNumber ?? "");
                csv.WriteField(Local(r.DueUtc, zone));
                csv.WriteField(Safe(r.Decision));
                csv.WriteField(Safe(r.ReplyContent));
                csv.WriteField(Local(r.RepliedUtc, zone));
                csv.WriteField(r.Satisfaction is { } s ? Satisfactions[s] : "");
                csv.WriteField(r.VisitResolved is { } resolved ? resolved ? "是" : "否" : "");
                csv.WriteField(Safe(r.VisitComment));
                csv.WriteField(r.FixMade is { } fix ? fix ? "是" : "否" : "");
                csv.WriteField(Safe(r.FixDescription));
                csv.WriteField(Safe(r.FixBy));
                csv.WriteField(r.CreatedByName ?? "");
                csv.WriteField(Local(r.CreatedUtc, zone));
                csv.WriteField(Local(r.ClosedUtc, zone));
                csv.NextRecord();
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>A citizen's text that Excel would take for a formula (=, +, -, @) is written with a leading apostrophe.</summary>
    public static string Safe(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value ?? "";

    private static string Local(DateTime? utc, TimeZoneInfo zone) =>
        utc is { } u ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(u, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
}
