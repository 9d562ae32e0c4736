-- The sweep's threshold indexes hold open tickets only and carry what a raised escalation needs (the due time and the
-- lead department), so a tick reads index pages and never a ticket row: on 10 million tickets each ticket row read was
-- a random page, three per escalation (bench/RESULTS.md, "Deadline sweep"). Their WHERE clauses are the sweep's own,
-- word for word, which is what lets SQLite use a partial index; Status leads the key all the same, so that the planner,
-- with or without ANALYZE statistics, sees the index match the sweep's status and range better than any other.
DROP INDEX IX_Ticket_Status_SignWarnUtc;
DROP INDEX IX_Ticket_Status_SignDueUtc;
DROP INDEX IX_Ticket_Status_HandleWarnUtc;
DROP INDEX IX_Ticket_Status_HandleDueUtc;
DROP INDEX IX_Ticket_Status_SuperviseUtc;
DROP INDEX IX_Ticket_Status_VisitDueUtc;
CREATE INDEX IX_Ticket_SignWarnUtc_Open ON Ticket (Status, SignWarnUtc, SignDueUtc, LeadDepartmentId) WHERE Status = 'PendingSign';
CREATE INDEX IX_Ticket_SignDueUtc_Open ON Ticket (Status, SignDueUtc, LeadDepartmentId) WHERE Status = 'PendingSign';
CREATE INDEX IX_Ticket_HandleWarnUtc_Open ON Ticket (Status, HandleWarnUtc, HandleDueUtc, LeadDepartmentId) WHERE Status IN ('PendingSign', 'ReturnRequested', 'InProgress');
CREATE INDEX IX_Ticket_HandleDueUtc_Open ON Ticket (Status, HandleDueUtc, LeadDepartmentId) WHERE Status IN ('PendingSign', 'ReturnRequested', 'InProgress');
CREATE INDEX IX_Ticket_SuperviseUtc_Open ON Ticket (Status, SuperviseUtc, HandleDueUtc, LeadDepartmentId) WHERE Status IN ('PendingSign', 'ReturnRequested', 'InProgress');
CREATE INDEX IX_Ticket_VisitDueUtc_Open ON Ticket (Status, VisitDueUtc, LeadDepartmentId) WHERE Status = 'PendingVisit';

-- Escalations are their own timeline entries (the ticket detail reads them beside its events): the sweep no longer
-- writes an Escalate, Urge or Supervise event per escalation, which cost a random page of IX_TicketEvent_TicketId_Id
-- each. The timeline shows the escalation rows instead of the sweep events of before (TicketQueries).
