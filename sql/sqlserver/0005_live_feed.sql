-- The live feed (DESIGN.md "Live updates"): one row per change the hub pushes, numbered by IDENTITY.
-- Triggers write it, so no code path that changes a ticket or an escalation can forget to.
-- IDENTITY values may commit out of order or leave gaps (rollbacks, cache loss after a restart): the tailer delivers
-- only contiguous numbers and waits a bounded time for a missing one before it counts it as a gap.
CREATE TABLE LiveFeed (
    Seq           BIGINT        NOT NULL IDENTITY(1, 1) CONSTRAINT PK_LiveFeed PRIMARY KEY,
    Kind          NVARCHAR(32)  NOT NULL,
    TicketId      BIGINT        NULL,
    EventId       BIGINT        NULL,
    EscalationId  BIGINT        NULL,
    UserId        BIGINT        NULL,
    Payload       NVARCHAR(MAX) NULL,
    OccurredUtc   DATETIME2(3)  NOT NULL
);
GO

CREATE TRIGGER TR_TicketEvent_LiveFeed ON TicketEvent AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO LiveFeed (Kind, TicketId, EventId, OccurredUtc)
    SELECT 'TicketEvent', i.TicketId, i.Id, i.OccurredUtc FROM inserted i ORDER BY i.Id;
END;
GO

CREATE TRIGGER TR_Escalation_LiveFeed ON Escalation AFTER INSERT, UPDATE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO LiveFeed (Kind, TicketId, EscalationId, OccurredUtc)
    SELECT 'EscalationRaised', i.TicketId, i.Id, i.RaisedUtc
    FROM inserted i LEFT JOIN deleted d ON d.Id = i.Id
    WHERE d.Id IS NULL;

    INSERT INTO LiveFeed (Kind, TicketId, EscalationId, OccurredUtc)
    SELECT 'EscalationCleared', i.TicketId, i.Id, i.ClearedUtc
    FROM inserted i JOIN deleted d ON d.Id = i.Id
    WHERE d.ClearedUtc IS NULL AND i.ClearedUtc IS NOT NULL;

    INSERT INTO LiveFeed (Kind, TicketId, EscalationId, OccurredUtc)
    SELECT 'EscalationAcknowledged', i.TicketId, i.Id, i.AcknowledgedUtc
    FROM inserted i JOIN deleted d ON d.Id = i.Id
    WHERE d.AcknowledgedUtc IS NULL AND i.AcknowledgedUtc IS NOT NULL;
END;
GO
