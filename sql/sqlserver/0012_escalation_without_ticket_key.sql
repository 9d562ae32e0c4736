-- As in the SQLite schema: Escalation no longer declares its references to Ticket and WindowCase (raised only for rows the
-- same transaction has just read, never deleted), so both engines behave alike; departments and users stay declared.
ALTER TABLE Escalation DROP CONSTRAINT FK_Escalation_Ticket;
ALTER TABLE Escalation DROP CONSTRAINT FK_Escalation_WindowCase;
