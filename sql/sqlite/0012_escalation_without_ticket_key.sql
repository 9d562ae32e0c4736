-- The deadline sweep raises thousands of escalations at once (a catch-up after an outage: over 100,000 on 10 million
-- tickets), and SQLite checks a foreign key by reading the parent row: one random page of the Ticket table per
-- escalation, the largest cost left in the sweep (bench/RESULTS.md, "Deadline sweep"). Escalations are raised only for
-- tickets and cases the same transaction has just read, and neither is ever deleted, so Escalation keeps its references
-- to departments and users but no longer declares those to Ticket and WindowCase. SQLite cannot drop a constraint: the
-- table is rebuilt with its rows, its indexes (0007, 0011) and the live-feed triggers (0005).
CREATE TABLE Escalation_0012 (
    Id                    INTEGER NOT NULL PRIMARY KEY,
    TicketId              INTEGER NULL,           -- Ticket (Id); not declared, see above
    WindowCaseId          INTEGER NULL,           -- WindowCase (Id); not declared, see above
    Kind                  TEXT    NOT NULL,
    Level                 TEXT    NOT NULL,
    DepartmentId          INTEGER NULL REFERENCES Department (Id),
    DueUtc                TEXT    NOT NULL,
    RaisedUtc             TEXT    NOT NULL,
    AcknowledgedByUserId  INTEGER NULL REFERENCES AppUser (Id),
    AcknowledgedUtc       TEXT    NULL,
    ClearedUtc            TEXT    NULL,
    CHECK (TicketId IS NOT NULL OR WindowCaseId IS NOT NULL)
);
INSERT INTO Escalation_0012 (Id, TicketId, WindowCaseId, Kind, Level, DepartmentId, DueUtc, RaisedUtc, AcknowledgedByUserId, AcknowledgedUtc, ClearedUtc)
SELECT Id, TicketId, WindowCaseId, Kind, Level, DepartmentId, DueUtc, RaisedUtc, AcknowledgedByUserId, AcknowledgedUtc, ClearedUtc FROM Escalation;
DROP TABLE Escalation;
ALTER TABLE Escalation_0012 RENAME TO Escalation;
CREATE UNIQUE INDEX IX_Escalation_TicketId_Kind_Level_DueUtc ON Escalation (TicketId, Kind, Level, DueUtc);
CREATE UNIQUE INDEX IX_Escalation_WindowCaseId_Kind_Level_DueUtc ON Escalation (WindowCaseId, Kind, Level, DueUtc) WHERE WindowCaseId IS NOT NULL;
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
