-- The sweep's threshold indexes hold open tickets only (filtered) and carry what a raised escalation needs (the due time
-- and the lead department), so a tick reads index pages and never a ticket row (bench/RESULTS.md, "Deadline sweep").
-- Escalations are their own timeline entries: the sweep no longer writes an event per escalation.
DROP INDEX IX_Ticket_Status_SignWarnUtc ON Ticket;
DROP INDEX IX_Ticket_Status_SignDueUtc ON Ticket;
DROP INDEX IX_Ticket_Status_HandleWarnUtc ON Ticket;
DROP INDEX IX_Ticket_Status_HandleDueUtc ON Ticket;
DROP INDEX IX_Ticket_Status_SuperviseUtc ON Ticket;
DROP INDEX IX_Ticket_Status_VisitDueUtc ON Ticket;
CREATE INDEX IX_Ticket_SignWarnUtc_Open ON Ticket (SignWarnUtc) INCLUDE (SignDueUtc, LeadDepartmentId) WHERE Status = 'PendingSign';
CREATE INDEX IX_Ticket_SignDueUtc_Open ON Ticket (SignDueUtc) INCLUDE (LeadDepartmentId) WHERE Status = 'PendingSign';
CREATE INDEX IX_Ticket_HandleWarnUtc_Open ON Ticket (HandleWarnUtc) INCLUDE (HandleDueUtc, LeadDepartmentId) WHERE Status IN ('PendingSign', 'ReturnRequested', 'InProgress');
CREATE INDEX IX_Ticket_HandleDueUtc_Open ON Ticket (HandleDueUtc) INCLUDE (LeadDepartmentId) WHERE Status IN ('PendingSign', 'ReturnRequested', 'InProgress');
CREATE INDEX IX_Ticket_SuperviseUtc_Open ON Ticket (SuperviseUtc) INCLUDE (HandleDueUtc, LeadDepartmentId) WHERE Status IN ('PendingSign', 'ReturnRequested', 'InProgress');
CREATE INDEX IX_Ticket_VisitDueUtc_Open ON Ticket (VisitDueUtc) INCLUDE (LeadDepartmentId) WHERE Status = 'PendingVisit';
