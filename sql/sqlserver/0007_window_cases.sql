-- The "办不成事" window (issue 8): cases a citizen could not get done elsewhere in the service hall, their immutable
-- coordination log, and their escalations on the supervisors' one board.
CREATE TABLE WindowCase (
    Id                   BIGINT         NOT NULL CONSTRAINT PK_WindowCase PRIMARY KEY,
    Number               NVARCHAR(20)   NOT NULL,
    Status               NVARCHAR(16)   NOT NULL,
    ApplicantName        NVARCHAR(50)   NOT NULL,
    ApplicantPhone       VARCHAR(20)    NULL,
    ServiceItemName      NVARCHAR(100)  NOT NULL,
    ServiceItemCode      NVARCHAR(50)   NULL,
    FailedHall           NVARCHAR(100)  NULL,
    FailedWindow         NVARCHAR(50)   NULL,
    FailedDepartmentId   BIGINT         NULL CONSTRAINT FK_WindowCase_FailedDepartment REFERENCES Department (Id),
    FailedStaff          NVARCHAR(50)   NULL,
    FailedUtc            DATETIME2(3)   NOT NULL,
    Cause                NVARCHAR(24)   NOT NULL,
    Description          NVARCHAR(4000) NOT NULL,
    Request              NVARCHAR(1000) NOT NULL,
    OutOfScopeKind       NVARCHAR(24)   NULL,
    OutOfScopeReason     NVARCHAR(1000) NULL,
    Referral             NVARCHAR(1000) NULL,
    Mode                 NVARCHAR(16)   NULL,
    LeadDepartmentId     BIGINT         NULL CONSTRAINT FK_WindowCase_LeadDepartment REFERENCES Department (Id),
    TicketId             BIGINT         NULL CONSTRAINT FK_WindowCase_Ticket REFERENCES Ticket (Id),
    SourceTicketId       BIGINT         NULL CONSTRAINT FK_WindowCase_SourceTicket REFERENCES Ticket (Id),
    HandlingStartedUtc   DATETIME2(3)   NULL,
    DueUtc               DATETIME2(3)   NULL,
    WarnUtc              DATETIME2(3)   NULL,
    DeadlineEstimated    BIT            NOT NULL CONSTRAINT DF_WindowCase_DeadlineEstimated DEFAULT 0,
    Decision             NVARCHAR(4000) NULL,
    ReplyContent         NVARCHAR(4000) NULL,
    RepliedUtc           DATETIME2(3)   NULL,
    Satisfaction         NVARCHAR(24)   NULL,
    VisitResolved        BIT            NULL,
    VisitComment         NVARCHAR(1000) NULL,
    VisitedUtc           DATETIME2(3)   NULL,
    FixMade              BIT            NULL,
    FixDescription       NVARCHAR(1000) NULL,
    FixBy                NVARCHAR(100)  NULL,
    ClosedUtc            DATETIME2(3)   NULL,
    CreatedByUserId      BIGINT         NOT NULL CONSTRAINT FK_WindowCase_CreatedBy REFERENCES AppUser (Id),
    CreatedUtc           DATETIME2(3)   NOT NULL,
    UpdatedUtc           DATETIME2(3)   NOT NULL,
    Version              INT            NOT NULL
);
CREATE UNIQUE INDEX IX_WindowCase_Number ON WindowCase (Number);
CREATE INDEX IX_WindowCase_Status_CreatedUtc ON WindowCase (Status, CreatedUtc);
CREATE INDEX IX_WindowCase_CreatedByUserId_Status ON WindowCase (CreatedByUserId, Status);
CREATE INDEX IX_WindowCase_TicketId ON WindowCase (TicketId);
CREATE INDEX IX_WindowCase_SourceTicketId ON WindowCase (SourceTicketId);
CREATE INDEX IX_WindowCase_CreatedUtc ON WindowCase (CreatedUtc);
CREATE INDEX IX_WindowCase_Status_WarnUtc ON WindowCase (Status, WarnUtc);
CREATE INDEX IX_WindowCase_Status_DueUtc ON WindowCase (Status, DueUtc);

CREATE TABLE WindowCaseLog (
    Id            BIGINT         NOT NULL CONSTRAINT PK_WindowCaseLog PRIMARY KEY,
    WindowCaseId  BIGINT         NOT NULL CONSTRAINT FK_WindowCaseLog_WindowCase REFERENCES WindowCase (Id),
    Kind          NVARCHAR(24)   NOT NULL,
    Content       NVARCHAR(4000) NULL,
    FromStatus    NVARCHAR(16)   NULL,
    ToStatus      NVARCHAR(16)   NOT NULL,
    ActorUserId   BIGINT         NOT NULL CONSTRAINT FK_WindowCaseLog_Actor REFERENCES AppUser (Id),
    OccurredUtc   DATETIME2(3)   NOT NULL
);
CREATE INDEX IX_WindowCaseLog_WindowCaseId_Id ON WindowCaseLog (WindowCaseId, Id);

-- One board for supervisors: an escalation is about a ticket or about a window case. The unique index on TicketId is
-- rebuilt filtered (SQL Server counts NULLs as equal in a unique index); the live-feed trigger of 0005 reads
-- inserted.TicketId, which may now be NULL, and needs no change.
DROP INDEX IX_Escalation_TicketId_Kind_Level_DueUtc ON Escalation;
ALTER TABLE Escalation ALTER COLUMN TicketId BIGINT NULL;
ALTER TABLE Escalation ADD WindowCaseId BIGINT NULL CONSTRAINT FK_Escalation_WindowCase REFERENCES WindowCase (Id);
GO
ALTER TABLE Escalation ADD CONSTRAINT CK_Escalation_Subject CHECK (TicketId IS NOT NULL OR WindowCaseId IS NOT NULL);
CREATE UNIQUE INDEX IX_Escalation_TicketId_Kind_Level_DueUtc ON Escalation (TicketId, Kind, Level, DueUtc) WHERE TicketId IS NOT NULL;
CREATE UNIQUE INDEX IX_Escalation_WindowCaseId_Kind_Level_DueUtc ON Escalation (WindowCaseId, Kind, Level, DueUtc) WHERE WindowCaseId IS NOT NULL;
