namespace Hotline.Core.Tickets;

public enum TicketStatus
{
    PendingDispatch,
    PendingSign,
    ReturnRequested,
    InProgress,
    PendingReview,
    PendingVisit,
    Closed,
    Withdrawn,
    Merged,
}

public enum Channel
{
    Phone,
    Web,
    WeChat,
    App,
    Email,
    Window,
    Forwarded,
}

public enum AppealType
{
    Consultation,
    HelpRequest,
    Complaint,
    Report,
    Suggestion,
    Praise,
}

public enum Urgency
{
    Emergency,
    Urgent,
    Normal,
}

public enum Satisfaction
{
    Satisfied,
    BasicallySatisfied,
    Unsatisfied,
}

public enum AssignmentRole
{
    Lead,
    Assist,
}

public enum SignState
{
    Pending,
    Signed,
    Returned,
    Withdrawn,
}

public enum TicketAction
{
    Register,
    AnswerDirectly,
    Dispatch,
    Sign,
    RequestReturn,
    ApproveReturn,
    RejectReturn,
    Reply,
    ApproveReply,
    SendBack,
    RecordVisit,
    Reopen,
    Withdraw,
    RequestExtension,
    ApproveExtension,
    RejectExtension,
    Escalate,
    Urge,
    Supervise,
    /// <summary>The center forwarded the ticket to the "办不成事" window (issue 8); the status stays, the case links back.</summary>
    ForwardToWindow,

    // Repeat complaints (并单): a child appeal attached at intake (an event on the master), merge and un-merge by the center.
    Link,
    Merge,
    Unmerge,
}
