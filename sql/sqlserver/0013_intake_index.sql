-- A month's intake by category and area (the bulletin's hot issues recomputed from raw data, and the month before for the
-- rising categories) reads the index alone instead of a ticket row per ticket (bench/RESULTS.md, "Monthly bulletin"). The
-- new index starts with the old one's key, so every range on CreatedUtc still uses it; a ticket still writes one entry.
DROP INDEX IX_Ticket_CreatedUtc ON Ticket;
CREATE INDEX IX_Ticket_CreatedUtc_CategoryId_AreaId ON Ticket (CreatedUtc, CategoryId, AreaId);
