-- Performance figures (issue 9): what each measured event was measured against, daily roll-ups folded from the event
-- log, screening (甄别) and the monthly bulletins (每月通报). Metric definitions: Hotline.Core/Metrics/MetricDefinitions.cs.

-- The event log carries what a Sign or an ApproveReply is measured against, copied from the ticket in the same
-- statement, so on-time counts can be recomputed from the log alone after the ticket's clocks have moved on.
ALTER TABLE TicketEvent ADD DueUtc TEXT NULL;       -- Sign: the sign due time; ApproveReply: the handle due time (approved extensions included)
ALTER TABLE TicketEvent ADD StartedUtc TEXT NULL;   -- ApproveReply: when the ticket was (last) dispatched
ALTER TABLE TicketEvent ADD DoneUtc TEXT NULL;      -- ApproveReply: when the approved reply was sent

CREATE TRIGGER TR_TicketEvent_Measure AFTER INSERT ON TicketEvent
WHEN NEW.Action IN ('Sign', 'ApproveReply')
BEGIN
    UPDATE TicketEvent SET
        DueUtc = (SELECT CASE WHEN NEW.Action = 'Sign' THEN t.SignDueUtc ELSE t.HandleDueUtc END FROM Ticket t WHERE t.Id = NEW.TicketId),
        StartedUtc = (SELECT CASE WHEN NEW.Action = 'ApproveReply' THEN t.DispatchedUtc END FROM Ticket t WHERE t.Id = NEW.TicketId),
        DoneUtc = (SELECT CASE WHEN NEW.Action = 'ApproveReply' THEN t.RepliedUtc END FROM Ticket t WHERE t.Id = NEW.TicketId)
    WHERE Id = NEW.Id;
END;

-- A month recomputed from raw data reads the events of its days by time (appended in time order: a cheap index).
CREATE INDEX IX_TicketEvent_OccurredUtc ON TicketEvent (OccurredUtc);

-- Per department and local day (yyyy-MM-dd in the center's time zone): the counters every metric is a ratio of.
CREATE TABLE MetricDaily (
    Day              TEXT    NOT NULL,
    DepartmentId     INTEGER NOT NULL,
    Received         INTEGER NOT NULL,
    Repeated         INTEGER NOT NULL,
    Signed           INTEGER NOT NULL,
    SignedOnTime     INTEGER NOT NULL,
    Returned         INTEGER NOT NULL,
    Completed        INTEGER NOT NULL,
    CompletedOnTime  INTEGER NOT NULL,
    HandlingDays     INTEGER NOT NULL,
    Visited          INTEGER NOT NULL,
    Satisfied        INTEGER NOT NULL,
    Resolved         INTEGER NOT NULL,
    Reopened         INTEGER NOT NULL,
    Overdue          INTEGER NOT NULL,
    PRIMARY KEY (Day, DepartmentId)
) WITHOUT ROWID;

-- Intake per local day, category and street (a community counts for its street or town; 0: no area): hot issues and
-- the heat map. Clustered by day, so a month is one range.
CREATE TABLE IntakeDaily (
    Day         TEXT    NOT NULL,
    CategoryId  INTEGER NOT NULL,
    AreaId      INTEGER NOT NULL,
    Received    INTEGER NOT NULL,
    PRIMARY KEY (Day, CategoryId, AreaId)
) WITHOUT ROWID;

-- How far the roll-ups have folded the live feed (commit-ordered event numbers).
CREATE TABLE MetricCursor (
    Name        TEXT    NOT NULL PRIMARY KEY,
    Position    INTEGER NOT NULL,
    UpdatedUtc  TEXT    NOT NULL
);
INSERT INTO MetricCursor (Name, Position, UpdatedUtc) VALUES ('Rollup', 0, '2026-01-01 00:00:00');

-- 甄别: the center excludes a ticket from a department's figures, with a reason; revoking is recorded, never deleted.
CREATE TABLE MetricScreening (
    Id                INTEGER NOT NULL PRIMARY KEY,
    TicketId          INTEGER NOT NULL REFERENCES Ticket (Id),
    DepartmentId      INTEGER NOT NULL REFERENCES Department (Id),
    Reason            TEXT    NOT NULL,
    CreatedByUserId   INTEGER NOT NULL REFERENCES AppUser (Id),
    CreatedUtc        TEXT    NOT NULL,
    RevokedByUserId   INTEGER NULL REFERENCES AppUser (Id),
    RevokedUtc        TEXT    NULL,
    RevokeReason      TEXT    NULL
);
CREATE INDEX IX_MetricScreening_TicketId ON MetricScreening (TicketId);
CREATE INDEX IX_MetricScreening_DepartmentId ON MetricScreening (DepartmentId);

-- A published bulletin is an immutable snapshot: regenerating a month adds a version.
CREATE TABLE Bulletin (
    Id                 INTEGER NOT NULL PRIMARY KEY,
    Month              TEXT    NOT NULL,      -- yyyy-MM
    Version            INTEGER NOT NULL,
    Source             TEXT    NOT NULL,      -- Job | OnDemand
    GeneratedByUserId  INTEGER NULL REFERENCES AppUser (Id),
    GeneratedUtc       TEXT    NOT NULL,
    Content            TEXT    NOT NULL       -- the bulletin as JSON
);
CREATE UNIQUE INDEX IX_Bulletin_Month_Version ON Bulletin (Month, Version);

CREATE TRIGGER TR_Bulletin_NoUpdate BEFORE UPDATE ON Bulletin
BEGIN
    SELECT RAISE(ABORT, 'A published bulletin is immutable: generate a new version.');
END;

CREATE TRIGGER TR_Bulletin_NoDelete BEFORE DELETE ON Bulletin
BEGIN
    SELECT RAISE(ABORT, 'A published bulletin is immutable: generate a new version.');
END;
