-- The SQLite schema's window-case escalation key becomes filtered in 0011, as it was here from 0007: the same definition,
-- restated so that both dialects hold the same migration numbers.
DROP INDEX IX_Escalation_WindowCaseId_Kind_Level_DueUtc ON Escalation;
CREATE UNIQUE INDEX IX_Escalation_WindowCaseId_Kind_Level_DueUtc ON Escalation (WindowCaseId, Kind, Level, DueUtc) WHERE WindowCaseId IS NOT NULL;
