-- A receipt (Dispatch, ApproveReturn) records whether its appeal repeats (MetricDefinitions.RepeatAppealSql: the same
-- caller phone had a ticket of the same category in the 30 days before), set when the event is written. A ticket's
-- caller, category and creation never change, so the flag is a fact of the event; counting a month's repeat appeals
-- then reads the events alone instead of two ticket lookups per receipt. NULL on every other event.
ALTER TABLE TicketEvent ADD COLUMN IsRepeat INTEGER NULL;
UPDATE TicketEvent
SET IsRepeat = (
    SELECT COUNT(*) FROM Ticket t
    WHERE t.Id = TicketEvent.TicketId AND t.CallerPhone IS NOT NULL AND EXISTS (
        SELECT 1 FROM Ticket p
        WHERE p.CallerPhone = t.CallerPhone AND p.CreatedUtc >= (date(t.CreatedUtc, '-30 days') || substr(t.CreatedUtc, 11))
            AND p.CreatedUtc < t.CreatedUtc AND p.CategoryId = t.CategoryId AND p.Id <> t.Id))
WHERE Action IN ('Dispatch', 'ApproveReturn');
