-- Migration 0007's unique key of window-case escalations held an entry for every ticket escalation too (WindowCaseId NULL):
-- one more random index write per escalation the deadline sweep raises. It now holds the window cases' rows only, as on
-- SQL Server (an equality on WindowCaseId implies IS NOT NULL, so the lookups still use it).
DROP INDEX IX_Escalation_WindowCaseId_Kind_Level_DueUtc;
CREATE UNIQUE INDEX IX_Escalation_WindowCaseId_Kind_Level_DueUtc ON Escalation (WindowCaseId, Kind, Level, DueUtc) WHERE WindowCaseId IS NOT NULL;
