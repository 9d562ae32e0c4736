-- The live feed (DESIGN.md "Live updates"): one row per change the hub pushes, numbered in commit order.
-- Triggers write it, so no code path that changes a ticket or an escalation can forget to.
-- SQLite has one writer at a time and AUTOINCREMENT is rolled back with its transaction: Seq has no gaps and
-- never commits out of order.
CREATE TABLE LiveFeed (
    Seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    Kind          TEXT    NOT NULL,       -- TicketEvent | EscalationRaised | EscalationCleared | EscalationAcknowledged | IncomingCall
    TicketId      INTEGER NULL,
    EventId       INTEGER NULL,
    EscalationId  INTEGER NULL,
    UserId        INTEGER NULL,           -- IncomingCall: the agent it is for
    Payload       TEXT    NULL,           -- IncomingCall: JSON { callerPhone, callId }
    OccurredUtc   TEXT    NOT NULL
);

CREATE TRIGGER TR_TicketEvent_LiveFeed AFTER INSERT ON TicketEvent
BEGIN
    INSERT INTO LiveFeed (Kind, TicketId, EventId, OccurredUtc) VALUES ('TicketEvent', NEW.TicketId, NEW.Id, NEW.OccurredUtc);
END;

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
