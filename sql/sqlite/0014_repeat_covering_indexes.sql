-- Repeat lookups at intake read index entries only: each lookup's index also holds the keys the detector compares
-- (caller, category, area, address key), so the up to 150 earlier tickets of a busy place cost a few index pages
-- instead of a ticket row each. These columns never change after registration, so the wider entries cost no extra
-- writes later in a ticket's life.
DROP INDEX IX_Ticket_CallerPhone_CreatedUtc;
CREATE INDEX IX_Ticket_CallerPhone_CreatedUtc ON Ticket (CallerPhone, CreatedUtc, CategoryId, AreaId, AddressKey);
DROP INDEX IX_Ticket_AreaId_CategoryId_CreatedUtc;
CREATE INDEX IX_Ticket_AreaId_CategoryId_CreatedUtc ON Ticket (AreaId, CategoryId, CreatedUtc, CallerPhone, AddressKey);
DROP INDEX IX_Ticket_AddressKey_CategoryId_CreatedUtc;
CREATE INDEX IX_Ticket_AddressKey_CategoryId_CreatedUtc ON Ticket (AddressKey, CategoryId, CreatedUtc, CallerPhone, AreaId);
