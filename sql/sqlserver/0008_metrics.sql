-- Performance figures (issue 9): what each measured event was measured against, daily roll-ups folded from the event
-- log, screening (甄别) and the monthly bulletins (每月通报). Metric definitions: Hotline.Core/Metrics/MetricDefinitions.cs.

-- The event log carries what a Sign or an ApproveReply is measured against, copied from the ticket in the same
-- statement, so on-time counts can be recomputed from the log alone after the ticket's clocks have moved on.
ALTER TABLE TicketEvent ADD DueUtc DATETIME2(3) NULL, StartedUtc DATETIME2(3) NULL, DoneUtc DATETIME2(3) NULL;
GO

CREATE TRIGGER TR_TicketEvent_Measure ON TicketEvent AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    UPDATE e SET
        DueUtc = CASE WHEN i.Action = 'Sign' THEN t.SignDueUtc ELSE t.HandleDueUtc END,
        StartedUtc = CASE WHEN i.Action = 'ApproveReply' THEN t.DispatchedUtc END,
        DoneUtc = CASE WHEN i.Action = 'ApproveReply' THEN t.RepliedUtc END
    FROM TicketEvent e
    JOIN inserted i ON i.Id = e.Id
    JOIN Ticket t ON t.Id = i.TicketId
    WHERE i.Action IN ('Sign', 'ApproveReply');
END;
GO

-- A month recomputed from raw data reads the events of its days by time (appended in time order: a cheap index).
CREATE INDEX IX_TicketEvent_OccurredUtc ON TicketEvent (OccurredUtc);

-- Per department and local day (in the center's time zone): the counters every metric is a ratio of.
CREATE TABLE MetricDaily (
    Day              NVARCHAR(10) NOT NULL,
    DepartmentId     BIGINT       NOT NULL,
    Received         INT          NOT NULL,
    Repeated         INT          NOT NULL,
    Signed           INT          NOT NULL,
    SignedOnTime     INT          NOT NULL,
    Returned         INT          NOT NULL,
    Completed        INT          NOT NULL,
    CompletedOnTime  INT          NOT NULL,
    HandlingDays     INT          NOT NULL,
    Visited          INT          NOT NULL,
    Satisfied        INT          NOT NULL,
    Resolved         INT          NOT NULL,
    Reopened         INT          NOT NULL,
    Overdue          INT          NOT NULL,
    CONSTRAINT PK_MetricDaily PRIMARY KEY (Day, DepartmentId)
);

-- Intake per local day, category and street (a community counts for its street or town; 0: no area): hot issues and
-- the heat map. Clustered by day, so a month is one range.
CREATE TABLE IntakeDaily (
    Day         NVARCHAR(10) NOT NULL,
    CategoryId  BIGINT       NOT NULL,
    AreaId      BIGINT       NOT NULL,
    Received    INT          NOT NULL,
    CONSTRAINT PK_IntakeDaily PRIMARY KEY (Day, CategoryId, AreaId)
);

-- How far the roll-ups have folded the live feed (commit-ordered event numbers).
CREATE TABLE MetricCursor (
    Name        NVARCHAR(32) NOT NULL CONSTRAINT PK_MetricCursor PRIMARY KEY,
    Position    BIGINT       NOT NULL,
    UpdatedUtc  DATETIME2(3) NOT NULL
);
INSERT INTO MetricCursor (Name, Position, UpdatedUtc) VALUES ('Rollup', 0, '2026-01-01 00:00:00');

-- 甄别: the center excludes a ticket from a department's figures, with a reason; revoking is recorded, never deleted.
CREATE TABLE MetricScreening (
    Id                BIGINT         NOT NULL CONSTRAINT PK_MetricScreening PRIMARY KEY,
    TicketId          BIGINT         NOT NULL CONSTRAINT FK_MetricScreening_Ticket REFERENCES Ticket (Id),
    DepartmentId      BIGINT         NOT NULL CONSTRAINT FK_MetricScreening_Department REFERENCES Department (Id),
    Reason            NVARCHAR(1000) NOT NULL,
    CreatedByUserId   BIGINT         NOT NULL CONSTRAINT FK_MetricScreening_CreatedBy REFERENCES AppUser (Id),
    CreatedUtc        DATETIME2(3)   NOT NULL,
    RevokedByUserId   BIGINT         NULL CONSTRAINT FK_MetricScreening_RevokedBy REFERENCES AppUser (Id),
    RevokedUtc        DATETIME2(3)   NULL,
    RevokeReason      NVARCHAR(1000) NULL
);
CREATE INDEX IX_MetricScreening_TicketId ON MetricScreening (TicketId);
CREATE INDEX IX_MetricScreening_DepartmentId ON MetricScreening (DepartmentId);

-- A published bulletin is an immutable snapshot: regenerating a month adds a version.
CREATE TABLE Bulletin (
    Id                 BIGINT        NOT NULL CONSTRAINT PK_Bulletin PRIMARY KEY,
    Month              NVARCHAR(7)   NOT NULL,
    Version            INT           NOT NULL,
    Source             NVARCHAR(16)  NOT NULL,
    GeneratedByUserId  BIGINT        NULL CONSTRAINT FK_Bulletin_GeneratedBy REFERENCES AppUser (Id),
    GeneratedUtc       DATETIME2(3)  NOT NULL,
    Content            NVARCHAR(MAX) NOT NULL
);
CREATE UNIQUE INDEX IX_Bulletin_Month_Version ON Bulletin (Month, Version);
GO

CREATE TRIGGER TR_Bulletin_Immutable ON Bulletin AFTER UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, 'A published bulletin is immutable: generate a new version.', 1;
END;
GO
