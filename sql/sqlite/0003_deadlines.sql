-- Working-day calendar, deadline policies, due times on tickets, extensions and escalations.
CREATE TABLE CalendarYear (
    Year        INTEGER NOT NULL PRIMARY KEY,
    Source      TEXT    NOT NULL,
    UpdatedUtc  TEXT    NOT NULL
);

-- Only the exceptions to Monday-Friday: holidays, and weekend days made working days (调休).
CREATE TABLE CalendarDay (
    Day           TEXT    NOT NULL PRIMARY KEY,   -- yyyy-MM-dd
    Year          INTEGER NOT NULL REFERENCES CalendarYear (Year),
    IsWorkingDay  INTEGER NOT NULL,
    Note          TEXT    NULL
);
CREATE INDEX IX_CalendarDay_Year ON CalendarDay (Year);

CREATE TABLE DeadlinePolicy (
    Id                INTEGER NOT NULL PRIMARY KEY,
    AppealType        TEXT    NULL,               -- null: any appeal type
    Urgency           TEXT    NOT NULL,
    SignValue         INTEGER NOT NULL,
    SignUnit          TEXT    NOT NULL,           -- Minutes | WorkingDays
    HandleValue       INTEGER NOT NULL,
    HandleUnit        TEXT    NOT NULL,
    VisitValue        INTEGER NOT NULL,
    VisitUnit         TEXT    NOT NULL,
    EffectiveFromUtc  TEXT    NOT NULL,
    EffectiveToUtc    TEXT    NULL,
    CreatedUtc        TEXT    NOT NULL
);
CREATE INDEX IX_DeadlinePolicy_Urgency_AppealType ON DeadlinePolicy (Urgency, AppealType);

ALTER TABLE Ticket ADD PolicyId INTEGER NULL REFERENCES DeadlinePolicy (Id);
ALTER TABLE Ticket ADD DeadlineEstimated INTEGER NOT NULL DEFAULT 0;   -- a due time fell in a year with no calendar
ALTER TABLE Ticket ADD SignDueUtc TEXT NULL;
ALTER TABLE Ticket ADD SignWarnUtc TEXT NULL;                        -- yellow from here: 20% of the limit left
ALTER TABLE Ticket ADD HandleDueUtc TEXT NULL;
ALTER TABLE Ticket ADD HandleWarnUtc TEXT NULL;
ALTER TABLE Ticket ADD VisitDueUtc TEXT NULL;
ALTER TABLE Ticket ADD VisitWarnUtc TEXT NULL;
ALTER TABLE Ticket ADD SuperviseUtc TEXT NULL;                       -- the handle due time plus N working days: 督办
-- The sweep reads thresholds crossed since its last tick: index ranges, so its cost follows what is due.
CREATE INDEX IX_Ticket_Status_SignWarnUtc ON Ticket (Status, SignWarnUtc);
CREATE INDEX IX_Ticket_Status_SignDueUtc ON Ticket (Status, SignDueUtc);
CREATE INDEX IX_Ticket_Status_HandleWarnUtc ON Ticket (Status, HandleWarnUtc);
CREATE INDEX IX_Ticket_Status_HandleDueUtc ON Ticket (Status, HandleDueUtc);
CREATE INDEX IX_Ticket_Status_SuperviseUtc ON Ticket (Status, SuperviseUtc);
CREATE INDEX IX_Ticket_Status_VisitDueUtc ON Ticket (Status, VisitDueUtc);

-- Where each sweep stopped, so that the next one (or a catch-up after an outage) starts there.
CREATE TABLE SweepState (
    Name          TEXT NOT NULL PRIMARY KEY,
    LastSweptUtc  TEXT NOT NULL
);

CREATE TABLE ExtensionRequest (
    Id                   INTEGER NOT NULL PRIMARY KEY,
    TicketId             INTEGER NOT NULL REFERENCES Ticket (Id),
    DepartmentId         INTEGER NOT NULL REFERENCES Department (Id),
    RequestedByUserId    INTEGER NOT NULL REFERENCES AppUser (Id),
    WorkingDays          INTEGER NOT NULL,
    Reason               TEXT    NOT NULL,
    Status               TEXT    NOT NULL,        -- Pending | Approved | Rejected
    RequestedUtc         TEXT    NOT NULL,
    DecidedByUserId      INTEGER NULL REFERENCES AppUser (Id),
    DecidedUtc           TEXT    NULL,
    DecisionReason       TEXT    NULL,
    OldDueUtc            TEXT    NOT NULL,
    NewDueUtc            TEXT    NULL
);
CREATE INDEX IX_ExtensionRequest_TicketId ON ExtensionRequest (TicketId);

CREATE TABLE Escalation (
    Id                    INTEGER NOT NULL PRIMARY KEY,
    TicketId              INTEGER NOT NULL REFERENCES Ticket (Id),
    Kind                  TEXT    NOT NULL,       -- Sign | Handle | Visit | Calendar
    Level                 TEXT    NOT NULL,       -- Yellow | Red | Supervise
    DepartmentId          INTEGER NULL REFERENCES Department (Id),
    DueUtc                TEXT    NOT NULL,
    RaisedUtc             TEXT    NOT NULL,
    AcknowledgedByUserId  INTEGER NULL REFERENCES AppUser (Id),
    AcknowledgedUtc       TEXT    NULL,
    ClearedUtc            TEXT    NULL            -- the ticket moved on, or an extension replaced the due time
);
-- Each (ticket, kind, level) is raised once per due time: the sweep is idempotent, an extension may raise anew.
CREATE UNIQUE INDEX IX_Escalation_TicketId_Kind_Level_DueUtc ON Escalation (TicketId, Kind, Level, DueUtc);
CREATE INDEX IX_Escalation_ClearedUtc_RaisedUtc ON Escalation (ClearedUtc, RaisedUtc);

-- The system account that raises escalations and urges: it cannot sign in.
INSERT INTO AppUser (Id, UserName, DisplayName, PasswordHash, Role, DepartmentId, IsActive, FailedLoginCount, CreatedUtc, UpdatedUtc)
VALUES (1, 'system', '系统', '!', 'Admin', NULL, 0, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00');

-- The official schedules (State Council notices) for 2025 and 2026.
INSERT INTO CalendarYear (Year, Source, UpdatedUtc) VALUES (2025, '国务院办公厅关于2025年部分节假日安排的通知', '2026-01-01 00:00:00'), (2026, '国务院办公厅关于2026年部分节假日安排的通知', '2026-01-01 00:00:00');
INSERT INTO CalendarDay (Day, Year, IsWorkingDay, Note) VALUES
    ('2025-01-01', 2025, 0, '元旦'),
    ('2025-01-26', 2025, 1, '春节调休上班'),
    ('2025-01-28', 2025, 0, '春节'),
    ('2025-01-29', 2025, 0, '春节'),
    ('2025-01-30', 2025, 0, '春节'),
    ('2025-01-31', 2025, 0, '春节'),
    ('2025-02-01', 2025, 0, '春节'),
    ('2025-02-02', 2025, 0, '春节'),
    ('2025-02-03', 2025, 0, '春节'),
    ('2025-02-04', 2025, 0, '春节'),
    ('2025-02-08', 2025, 1, '春节调休上班'),
    ('2025-04-04', 2025, 0, '清明节'),
    ('2025-04-05', 2025, 0, '清明节'),
    ('2025-04-06', 2025, 0, '清明节'),
    ('2025-04-27', 2025, 1, '劳动节调休上班'),
    ('2025-05-01', 2025, 0, '劳动节'),
    ('2025-05-02', 2025, 0, '劳动节'),
    ('2025-05-03', 2025, 0, '劳动节'),
    ('2025-05-04', 2025, 0, '劳动节'),
    ('2025-05-05', 2025, 0, '劳动节'),
    ('2025-05-31', 2025, 0, '端午节'),
    ('2025-06-01', 2025, 0, '端午节'),
    ('2025-06-02', 2025, 0, '端午节'),
    ('2025-09-28', 2025, 1, '国庆节调休上班'),
    ('2025-10-01', 2025, 0, '国庆节、中秋节'),
    ('2025-10-02', 2025, 0, '国庆节、中秋节'),
    ('2025-10-03', 2025, 0, '国庆节、中秋节'),
    ('2025-10-04', 2025, 0, '国庆节、中秋节'),
    ('2025-10-05', 2025, 0, '国庆节、中秋节'),
    ('2025-10-06', 2025, 0, '国庆节、中秋节'),
    ('2025-10-07', 2025, 0, '国庆节、中秋节'),
    ('2025-10-08', 2025, 0, '国庆节、中秋节'),
    ('2025-10-11', 2025, 1, '国庆节调休上班'),
    ('2026-01-01', 2026, 0, '元旦'),
    ('2026-01-02', 2026, 0, '元旦'),
    ('2026-01-03', 2026, 0, '元旦'),
    ('2026-01-04', 2026, 1, '元旦调休上班'),
    ('2026-02-14', 2026, 1, '春节调休上班'),
    ('2026-02-15', 2026, 0, '春节'),
    ('2026-02-16', 2026, 0, '春节'),
    ('2026-02-17', 2026, 0, '春节'),
    ('2026-02-18', 2026, 0, '春节'),
    ('2026-02-19', 2026, 0, '春节'),
    ('2026-02-20', 2026, 0, '春节'),
    ('2026-02-21', 2026, 0, '春节'),
    ('2026-02-22', 2026, 0, '春节'),
    ('2026-02-23', 2026, 0, '春节'),
    ('2026-02-28', 2026, 1, '春节调休上班'),
    ('2026-04-04', 2026, 0, '清明节'),
    ('2026-04-05', 2026, 0, '清明节'),
    ('2026-04-06', 2026, 0, '清明节'),
    ('2026-05-01', 2026, 0, '劳动节'),
    ('2026-05-02', 2026, 0, '劳动节'),
    ('2026-05-03', 2026, 0, '劳动节'),
    ('2026-05-04', 2026, 0, '劳动节'),
    ('2026-05-05', 2026, 0, '劳动节'),
    ('2026-05-09', 2026, 1, '劳动节调休上班'),
    ('2026-06-19', 2026, 0, '端午节'),
    ('2026-06-20', 2026, 0, '端午节'),
    ('2026-06-21', 2026, 0, '端午节'),
    ('2026-09-20', 2026, 1, '国庆节调休上班'),
    ('2026-09-25', 2026, 0, '中秋节'),
    ('2026-09-26', 2026, 0, '中秋节'),
    ('2026-09-27', 2026, 0, '中秋节'),
    ('2026-10-01', 2026, 0, '国庆节'),
    ('2026-10-02', 2026, 0, '国庆节'),
    ('2026-10-03', 2026, 0, '国庆节'),
    ('2026-10-04', 2026, 0, '国庆节'),
    ('2026-10-05', 2026, 0, '国庆节'),
    ('2026-10-06', 2026, 0, '国庆节'),
    ('2026-10-07', 2026, 0, '国庆节'),
    ('2026-10-10', 2026, 1, '国庆节调休上班');

-- Default deadline policies (DESIGN.md): natural minutes or working days.
INSERT INTO DeadlinePolicy (Id, AppealType, Urgency, SignValue, SignUnit, HandleValue, HandleUnit, VisitValue, VisitUnit, EffectiveFromUtc, EffectiveToUtc, CreatedUtc) VALUES
    (1, NULL, 'Emergency', 30, 'Minutes', 120, 'Minutes', 2, 'WorkingDays', '2025-01-01 00:00:00', NULL, '2026-01-01 00:00:00'),
    (2, NULL, 'Urgent', 120, 'Minutes', 1440, 'Minutes', 2, 'WorkingDays', '2025-01-01 00:00:00', NULL, '2026-01-01 00:00:00'),
    (3, 'Consultation', 'Normal', 1, 'WorkingDays', 3, 'WorkingDays', 2, 'WorkingDays', '2025-01-01 00:00:00', NULL, '2026-01-01 00:00:00'),
    (4, 'HelpRequest', 'Normal', 1, 'WorkingDays', 5, 'WorkingDays', 2, 'WorkingDays', '2025-01-01 00:00:00', NULL, '2026-01-01 00:00:00'),
    (5, 'Complaint', 'Normal', 1, 'WorkingDays', 5, 'WorkingDays', 2, 'WorkingDays', '2025-01-01 00:00:00', NULL, '2026-01-01 00:00:00'),
    (6, 'Report', 'Normal', 1, 'WorkingDays', 10, 'WorkingDays', 2, 'WorkingDays', '2025-01-01 00:00:00', NULL, '2026-01-01 00:00:00'),
    (7, 'Suggestion', 'Normal', 1, 'WorkingDays', 10, 'WorkingDays', 2, 'WorkingDays', '2025-01-01 00:00:00', NULL, '2026-01-01 00:00:00'),
    (8, 'Praise', 'Normal', 1, 'WorkingDays', 3, 'WorkingDays', 2, 'WorkingDays', '2025-01-01 00:00:00', NULL, '2026-01-01 00:00:00');
