-- The "办不成事" window (issue 8): cases a citizen could not get done elsewhere in the service hall, their immutable
-- coordination log, and their escalations on the supervisors' one board.
CREATE TABLE WindowCase (
    Id                   INTEGER NOT NULL PRIMARY KEY,
    Number               TEXT    NOT NULL,            -- CKyyyyMMdd-nnnn in the center's time zone
    Status               TEXT    NOT NULL,            -- Registered | Handling | PendingVisit | Closed | OutOfScope
    ApplicantName        TEXT    NOT NULL,
    ApplicantPhone       TEXT    NULL,
    ServiceItemName      TEXT    NOT NULL,
    ServiceItemCode      TEXT    NULL,
    FailedHall           TEXT    NULL,
    FailedWindow         TEXT    NULL,
    FailedDepartmentId   INTEGER NULL REFERENCES Department (Id),
    FailedStaff          TEXT    NULL,
    FailedUtc            TEXT    NOT NULL,            -- when the citizen tried and failed
    Cause                TEXT    NOT NULL,            -- Materials | PolicyUnclear | MultiDepartment | SystemFailure | Conduct | Overdue | Other
    Description          TEXT    NOT NULL,
    Request              TEXT    NOT NULL,            -- what the citizen wants
    OutOfScopeKind       TEXT    NULL,                -- Litigation | Petition | ContraryToPolicy
    OutOfScopeReason     TEXT    NULL,
    Referral             TEXT    NULL,
    Mode                 TEXT    NULL,                -- OnTheSpot | Department | JointReview | Leadership
    LeadDepartmentId     INTEGER NULL REFERENCES Department (Id),
    TicketId             INTEGER NULL REFERENCES Ticket (Id),   -- the ticket the departments work on
    SourceTicketId       INTEGER NULL REFERENCES Ticket (Id),   -- the 12345 ticket forwarded to the window
    HandlingStartedUtc   TEXT    NULL,
    DueUtc               TEXT    NULL,
    WarnUtc              TEXT    NULL,
    DeadlineEstimated    INTEGER NOT NULL DEFAULT 0,
    Decision             TEXT    NULL,
    ReplyContent         TEXT    NULL,
    RepliedUtc           TEXT    NULL,
    Satisfaction         TEXT    NULL,
    VisitResolved        INTEGER NULL,
    VisitComment         TEXT    NULL,
    VisitedUtc           TEXT    NULL,
    FixMade              INTEGER NULL,
    FixDescription       TEXT    NULL,
    FixBy                TEXT    NULL,
    ClosedUtc            TEXT    NULL,
    CreatedByUserId      INTEGER NOT NULL REFERENCES AppUser (Id),
    CreatedUtc           TEXT    NOT NULL,
    UpdatedUtc           TEXT    NOT NULL,
    Version              INTEGER NOT NULL
);
CREATE UNIQUE INDEX IX_WindowCase_Number ON WindowCase (Number);
CREATE INDEX IX_WindowCase_Status_CreatedUtc ON WindowCase (Status, CreatedUtc);
CREATE INDEX IX_WindowCase_CreatedByUserId_Status ON WindowCase (CreatedByUserId, Status);
CREATE INDEX IX_WindowCase_TicketId ON WindowCase (TicketId);
CREATE INDEX IX_WindowCase_SourceTicketId ON WindowCase (SourceTicketId);
CREATE INDEX IX_WindowCase_CreatedUtc ON WindowCase (CreatedUtc);
-- The sweep reads thresholds crossed since its last tick: index ranges, as for tickets.
CREATE INDEX IX_WindowCase_Status_WarnUtc ON WindowCase (Status, WarnUtc);
CREATE INDEX IX_WindowCase_Status_DueUtc ON WindowCase (Status, DueUtc);

-- Append-only: calls, meetings, notes and every action on the case (who, when, what).
CREATE TABLE WindowCaseLog (
    Id            INTEGER NOT NULL PRIMARY KEY,
    WindowCaseId  INTEGER NOT NULL REFERENCES WindowCase (Id),
    Kind          TEXT    NOT NULL,
    Content       TEXT    NULL,
    FromStatus    TEXT    NULL,
    ToStatus      TEXT    NOT NULL,
    ActorUserId   INTEGER NOT NULL REFERENCES AppUser (Id),
    OccurredUtc   TEXT    NOT NULL
);
CREATE INDEX IX_WindowCaseLog_WindowCaseId_Id ON WindowCaseLog (WindowCaseId, Id);

-- One board for supervisors: an escalation is about a ticket or about a window case. SQLite cannot drop NOT NULL,
-- so the table is rebuilt with its rows, indexes and the live-feed triggers of 0005.
CREATE TABLE Escalation_0007 (
    Id                    INTEGER NOT NULL PRIMARY KEY,
    TicketId              INTEGER NULL REFERENCES Ticket (Id),
    WindowCaseId          INTEGER NULL REFERENCES WindowCase (Id),
    Kind                  TEXT    NOT NULL,       -- Sign | Handle | Visit | Calendar | Window (and later kinds)
    Level                 TEXT    NOT NULL,       -- Yellow | Red | Supervise
    DepartmentId          INTEGER NULL REFERENCES Department (Id),
    DueUtc                TEXT    NOT NULL,
    RaisedUtc             TEXT    NOT NULL,
    AcknowledgedByUserId  INTEGER NULL REFERENCES AppUser (Id),
    AcknowledgedUtc       TEXT    NULL,
    ClearedUtc            TEXT    NULL,
    CHECK (TicketId IS NOT NULL OR WindowCaseId IS NOT NULL)
);
INSERT INTO Escalation_0007 (Id, TicketId, WindowCaseId, Kind, Level, DepartmentId, DueUtc, RaisedUtc, AcknowledgedByUserId, AcknowledgedUtc, ClearedUtc)
SELECT Id, TicketId, NULL, Kind, Level, DepartmentId, DueUtc, RaisedUtc, AcknowledgedByUserId, AcknowledgedUtc, ClearedUtc FROM Escalation;
DROP TABLE Escalation;
ALTER TABLE Escalation_0007 RENAME TO Escalation;
CREATE UNIQUE INDEX IX_Escalation_TicketId_Kind_Level_DueUtc ON Escalation (TicketId, Kind, Level, DueUtc);
CREATE UNIQUE INDEX IX_Escalation_WindowCaseId_Kind_Level_DueUtc ON Escalation (WindowCaseId, Kind, Level, DueUtc);   -- NULLs are distinct in SQLite's unique indexes
CREATE INDEX IX_Escalation_ClearedUtc_RaisedUtc ON Escalation (ClearedUtc, RaisedUtc);

CREATE TRIGGER TR_Escalation_LiveFeed_Raised AFTER INSERT ON Escalation
BEGIN
    INSERT INTO LiveFeed (Kind, TicketId, EscalationId, OccurredUtc) VALUES ('EscalationRaised', NEW.TicketId, NEW.Id, NEW.RaisedUtc);
END;

CREATE TRIGGER TR_Escalation_LiveFeed_Cleared AFTER UPDATE OF ClearedUtc ON Escalation
WHEN OLD.ClearedUtc IS NULL AND NEW.ClearedUtc IS NOT NULL
BEGIN
    INSERT INTO LiveFeed (Kind, TicketId, EscalationId, OccurredUtc) VALUES ('EscalationCleared', NEW.TicketId, NEW.Id, NEW.ClearedUtc);
END;

CREATE TRIGGER TR_Escalation_LiveFeed_Acknowledged AFTER UPDATE OF AcknowledgedUtc ON Escalation
WHEN OLD.AcknowledgedUtc IS NULL AND NEW.AcknowledgedUtc IS NOT NULL
BEGIN
    INSERT INTO LiveFeed (Kind, TicketId, EscalationId, OccurredUtc) VALUES ('EscalationAcknowledged', NEW.TicketId, NEW.Id, NEW.AcknowledgedUtc);
END;
