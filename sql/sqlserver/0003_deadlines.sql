-- Working-day calendar, deadline policies, due times on tickets, extensions and escalations.
CREATE TABLE CalendarYear (
    Year        INT          NOT NULL CONSTRAINT PK_CalendarYear PRIMARY KEY,
    Source      NVARCHAR(200) NOT NULL,
    UpdatedUtc  DATETIME2(3) NOT NULL
);

-- Only the exceptions to Monday-Friday: holidays, and weekend days made working days (调休).
CREATE TABLE CalendarDay (
    Day           DATE          NOT NULL CONSTRAINT PK_CalendarDay PRIMARY KEY,
    Year          INT           NOT NULL CONSTRAINT FK_CalendarDay_Year REFERENCES CalendarYear (Year),
    IsWorkingDay  BIT           NOT NULL,
    Note          NVARCHAR(50)  NULL
);
CREATE INDEX IX_CalendarDay_Year ON CalendarDay (Year);

CREATE TABLE DeadlinePolicy (
    Id                BIGINT       NOT NULL CONSTRAINT PK_DeadlinePolicy PRIMARY KEY,
    AppealType        NVARCHAR(16) NULL,
    Urgency           NVARCHAR(16) NOT NULL,
    SignValue         INT          NOT NULL,
    SignUnit          NVARCHAR(16) NOT NULL,
    HandleValue       INT          NOT NULL,
    HandleUnit        NVARCHAR(16) NOT NULL,
    VisitValue        INT          NOT NULL,
    VisitUnit         NVARCHAR(16) NOT NULL,
    EffectiveFromUtc  DATETIME2(3) NOT NULL,
    EffectiveToUtc    DATETIME2(3) NULL,
    CreatedUtc        DATETIME2(3) NOT NULL
);
CREATE INDEX IX_DeadlinePolicy_Urgency_AppealType ON DeadlinePolicy (Urgency, AppealType);

ALTER TABLE Ticket ADD
    PolicyId            BIGINT       NULL CONSTRAINT FK_Ticket_Policy REFERENCES DeadlinePolicy (Id),
    DeadlineEstimated   BIT          NOT NULL CONSTRAINT DF_Ticket_DeadlineEstimated DEFAULT 0,
    SignDueUtc          DATETIME2(3) NULL,
    SignWarnUtc         DATETIME2(3) NULL,
    HandleDueUtc        DATETIME2(3) NULL,
    HandleWarnUtc       DATETIME2(3) NULL,
    VisitDueUtc         DATETIME2(3) NULL,
    VisitWarnUtc        DATETIME2(3) NULL,
    SuperviseUtc        DATETIME2(3) NULL;
GO
CREATE INDEX IX_Ticket_Status_SignWarnUtc ON Ticket (Status, SignWarnUtc);
CREATE INDEX IX_Ticket_Status_SignDueUtc ON Ticket (Status, SignDueUtc);
CREATE INDEX IX_Ticket_Status_HandleWarnUtc ON Ticket (Status, HandleWarnUtc);
CREATE INDEX IX_Ticket_Status_HandleDueUtc ON Ticket (Status, HandleDueUtc);
CREATE INDEX IX_Ticket_Status_SuperviseUtc ON Ticket (Status, SuperviseUtc);
CREATE INDEX IX_Ticket_Status_VisitDueUtc ON Ticket (Status, VisitDueUtc);

CREATE TABLE SweepState (
    Name          NVARCHAR(64) NOT NULL CONSTRAINT PK_SweepState PRIMARY KEY,
    LastSweptUtc  DATETIME2(3) NOT NULL
);

CREATE TABLE ExtensionRequest (
    Id                   BIGINT         NOT NULL CONSTRAINT PK_ExtensionRequest PRIMARY KEY,
    TicketId             BIGINT         NOT NULL CONSTRAINT FK_ExtensionRequest_Ticket REFERENCES Ticket (Id),
    DepartmentId         BIGINT         NOT NULL CONSTRAINT FK_ExtensionRequest_Department REFERENCES Department (Id),
    RequestedByUserId    BIGINT         NOT NULL CONSTRAINT FK_ExtensionRequest_RequestedBy REFERENCES AppUser (Id),
    WorkingDays          INT            NOT NULL,
    Reason               NVARCHAR(1000) NOT NULL,
    Status               NVARCHAR(16)   NOT NULL,
    RequestedUtc         DATETIME2(3)   NOT NULL,
    DecidedByUserId      BIGINT         NULL CONSTRAINT FK_ExtensionRequest_DecidedBy REFERENCES AppUser (Id),
    DecidedUtc           DATETIME2(3)   NULL,
    DecisionReason       NVARCHAR(1000) NULL,
    OldDueUtc            DATETIME2(3)   NOT NULL,
    NewDueUtc            DATETIME2(3)   NULL
);
CREATE INDEX IX_ExtensionRequest_TicketId ON ExtensionRequest (TicketId);

CREATE TABLE Escalation (
    Id                    BIGINT       NOT NULL CONSTRAINT PK_Escalation PRIMARY KEY,
    TicketId              BIGINT       NOT NULL CONSTRAINT FK_Escalation_Ticket REFERENCES Ticket (Id),
    Kind                  NVARCHAR(16) NOT NULL,
    Level                 NVARCHAR(16) NOT NULL,
    DepartmentId          BIGINT       NULL CONSTRAINT FK_Escalation_Department REFERENCES Department (Id),
    DueUtc                DATETIME2(3) NOT NULL,
    RaisedUtc             DATETIME2(3) NOT NULL,
    AcknowledgedByUserId  BIGINT       NULL CONSTRAINT FK_Escalation_AcknowledgedBy REFERENCES AppUser (Id),
    AcknowledgedUtc       DATETIME2(3) NULL,
    ClearedUtc            DATETIME2(3) NULL
);
-- Each (ticket, kind, level) is raised once per due time: the sweep is idempotent, an extension may raise anew.
CREATE UNIQUE INDEX IX_Escalation_TicketId_Kind_Level_DueUtc ON Escalation (TicketId, Kind, Level, DueUtc);
CREATE INDEX IX_Escalation_ClearedUtc_RaisedUtc ON Escalation (ClearedUtc, RaisedUtc);

-- The system account that raises escalations and urges: it cannot sign in.
INSERT INTO AppUser (Id, UserName, DisplayName, PasswordHash, Role, DepartmentId, IsActive, FailedLoginCount, CreatedUtc, UpdatedUtc)
VALUES (1, 'system', N'系统', '!', 'Admin', NULL, 0, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00');

-- The official schedules (State Council notices) for 2025 and 2026.
INSERT INTO CalendarYear (Year, Source, UpdatedUtc) VALUES (2025, N'国务院办公厅关于2025年部分节假日安排的通知', '2026-01-01 00:00:00'), (2026, N'国务院办公厅关于2026年部分节假日安排的通知', '2026-01-01 00:00:00');
INSERT INTO CalendarDay (Day, Year, IsWorkingDay, Note) VALUES
    ('2025-01-01', 2025, 0, N'元旦'),
    ('2025-01-26', 2025, 1, N'春节调休上班'),
    ('2025-01-28', 2025, 0, N'春节'),
    ('2025-01-29', 2025, 0, N'春节'),
    ('2025-01-30', 2025, 0, N'春节'),
    ('2025-01-31', 2025, 0, N'春节'),
    ('2025-02-01', 2025, 0, N'春节'),
    ('2025-02-02', 2025, 0, N'春节'),
    ('2025-02-03', 2025, 0, N'春节'),
    ('2025-02-04', 2025, 0, N'春节'),
    ('2025-02-08', 2025, 1, N'春节调休上班'),
    ('2025-04-04', 2025, 0, N'清明节'),
    ('2025-04-05', 2025, 0, N'清明节'),
    ('2025-04-06', 2025, 0, N'清明节'),
    ('2025-04-27', 2025, 1, N'劳动节调休上班'),
    ('2025-05-01', 2025, 0, N'劳动节'),
    ('2025-05-02', 2025, 0, N'劳动节'),
    ('2025-05-03', 2025, 0, N'劳动节'),
    ('2025-05-04', 2025, 0, N'劳动节'),
    ('2025-05-05', 2025, 0, N'劳动节'),
    ('2025-05-31', 2025, 0, N'端午节'),
    ('2025-06-01', 2025, 0, N'端午节'),
    ('2025-06-02', 2025, 0, N'端午节'),
    ('2025-09-28', 2025, 1, N'国庆节调休上班'),
    ('2025-10-01', 2025, 0, N'国庆节、中秋节'),
    ('2025-10-02', 2025, 0, N'国庆节、中秋节'),
    ('2025-10-03', 2025, 0, N'国庆节、中秋节'),
    ('2025-10-04', 2025, 0, N'国庆节、中秋节'),
    ('2025-10-05', 2025, 0, N'国庆节、中秋节'),
    ('2025-10-06', 2025, 0, N'国庆节、中秋节'),
    ('2025-10-07', 2025, 0, N'国庆节、中秋节'),
    ('2025-10-08', 2025, 0, N'国庆节、中秋节'),
    ('2025-10-11', 2025, 1, N'国庆节调休上班'),
    ('2026-01-01', 2026, 0, N'元旦'),
    ('2026-01-02', 2026, 0, N'元旦'),
    ('2026-01-03', 2026, 0, N'元旦'),
    ('2026-01-04', 2026, 1, N'元旦调休上班'),
    ('2026-02-14', 2026, 1, N'春节调休上班'),
    ('2026-02-15', 2026, 0, N'春节'),
    ('2026-02-16', 2026, 0, N'春节'),
    ('2026-02-17', 2026, 0, N'春节'),
    ('2026-02-18', 2026, 0, N'春节'),
    ('2026-02-19', 2026, 0, N'春节'),
    ('2026-02-20', 2026, 0, N'春节'),
    ('2026-02-21', 2026, 0, N'春节'),
    ('2026-02-22', 2026, 0, N'春节'),
    ('2026-02-23', 2026, 0, N'春节'),
    ('2026-02-28', 2026, 1, N'春节调休上班'),
    ('2026-04-04', 2026, 0, N'清明节'),
    ('2026-04-05', 2026, 0, N'清明节'),
    ('2026-04-06', 2026, 0, N'清明节'),
    ('2026-05-01', 2026, 0, N'劳动节'),
    ('2026-05-02', 2026, 0, N'劳动节'),
    ('2026-05-03', 2026, 0, N'劳动节'),
    ('2026-05-04', 2026, 0, N'劳动节'),
    ('2026-05-05', 2026, 0, N'劳动节'),
    ('2026-05-09', 2026, 1, N'劳动节调休上班'),
    ('2026-06-19', 2026, 0, N'端午节'),
    ('2026-06-20', 2026, 0, N'端午节'),
    ('2026-06-21', 2026, 0, N'端午节'),
    ('2026-09-20', 2026, 1, N'国庆节调休上班'),
    ('2026-09-25', 2026, 0, N'中秋节'),
    ('2026-09-26', 2026, 0, N'中秋节'),
    ('2026-09-27', 2026, 0, N'中秋节'),
    ('2026-10-01', 2026, 0, N'国庆节'),
    ('2026-10-02', 2026, 0, N'国庆节'),
    ('2026-10-03', 2026, 0, N'国庆节'),
    ('2026-10-04', 2026, 0, N'国庆节'),
    ('2026-10-05', 2026, 0, N'国庆节'),
    ('2026-10-06', 2026, 0, N'国庆节'),
    ('2026-10-07', 2026, 0, N'国庆节'),
    ('2026-10-10', 2026, 1, N'国庆节调休上班');

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
