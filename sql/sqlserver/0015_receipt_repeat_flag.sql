-- A receipt (Dispatch, ApproveReturn) records whether its appeal repeats (MetricDefinitions.RepeatAppealSql: the same
-- caller phone had a ticket of the same category in the 30 days before), set when the event is written. A ticket's
-- caller, category and creation never change, so the flag is a fact of the event; counting a month's repeat appeals
-- then reads the events alone instead of two ticket lookups per receipt. NULL on every other event.
ALTER TABLE TicketEvent ADD IsRepeat BIT NULL;
GO
UPDATE e
SET IsRepeat = CASE WHEN EXISTS (
    SELECT 1 FROM Ticket t
    WHERE t.Id = e.TicketId AND t.CallerPhone IS NOT NULL AND EXISTS (
        SELECT 1 FROM Ticket p
        WHERE p.CallerPhone = t.CallerPhone AND p.CreatedUtc >= DATEADD(DAY, -30, t.CreatedUtc)
            AND p.CreatedUtc < t.CreatedUtc AND p.CategoryId = t.CategoryId AND p.Id <> t.Id)) THEN 1 ELSE 0 END
FROM TicketEvent e
WHERE e.Action IN ('Dispatch', 'ApproveReturn');
