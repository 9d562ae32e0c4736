-- Repeat complaints (重复诉求): candidates at intake, links and merges (并单), repeat clusters, difficult tickets (疑难).

-- MasterTicketId: a child appeal points at its master (linked at intake or merged by the center).
-- AddressKey: the folded address up to its house number (滨江路88号), the "same address" lookup key.
-- UnsatisfiedVisits / IsDifficult: two unsatisfied return visits flag a ticket 疑难 and raise a supervision order.
ALTER TABLE Ticket ADD MasterTicketId INTEGER NULL REFERENCES Ticket (Id);
ALTER TABLE Ticket ADD AddressKey TEXT NULL;
ALTER TABLE Ticket ADD UnsatisfiedVisits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE Ticket ADD IsDifficult INTEGER NOT NULL DEFAULT 0;
-- Candidate lookup at intake reads index ranges only (caller: IX_Ticket_CallerPhone_CreatedUtc), never the table.
CREATE INDEX IX_Ticket_AreaId_CategoryId_CreatedUtc ON Ticket (AreaId, CategoryId, CreatedUtc);
CREATE INDEX IX_Ticket_AddressKey_CategoryId_CreatedUtc ON Ticket (AddressKey, CategoryId, CreatedUtc);
CREATE INDEX IX_Ticket_MasterTicketId ON Ticket (MasterTicketId);

-- A recorded relation between an appeal and an earlier ticket: Child (attached at intake), Related (registered as new,
-- link kept), Merged / Unmerged (the center's 并单 and its undoing). Score and Evidence: what the detector proposed.
CREATE TABLE TicketLink (
    Id               INTEGER NOT NULL PRIMARY KEY,
    TicketId         INTEGER NOT NULL REFERENCES Ticket (Id),
    LinkedTicketId   INTEGER NOT NULL REFERENCES Ticket (Id),
    Kind             TEXT    NOT NULL,       -- Child | Related | Merged | Unmerged
    Score            REAL    NULL,
    Evidence         TEXT    NULL,           -- JSON: the reasons shown to the agent
    Reason           TEXT    NULL,
    CreatedByUserId  INTEGER NOT NULL REFERENCES AppUser (Id),
    CreatedUtc       TEXT    NOT NULL
);
CREATE INDEX IX_TicketLink_TicketId ON TicketLink (TicketId);
CREATE INDEX IX_TicketLink_LinkedTicketId ON TicketLink (LinkedTicketId);

-- Repeat clusters: the same caller and matter (Caller), or the same place and category (Place).
CREATE TABLE RepeatCluster (
    Id              INTEGER NOT NULL PRIMARY KEY,
    Kind            TEXT    NOT NULL,        -- Caller | Place
    ClusterKey      TEXT    NOT NULL,        -- caller:{phone}:{category} | addr:{addressKey}:{category} | area:{area}:{category}
    CategoryId      INTEGER NOT NULL REFERENCES Category (Id),
    AreaId          INTEGER NULL REFERENCES Area (Id),
    AddressKey      TEXT    NULL,
    CallerPhone     TEXT    NULL,
    Size            INTEGER NOT NULL,        -- appeals (tickets) in the cluster
    FirstUtc        TEXT    NOT NULL,
    LastUtc         TEXT    NOT NULL,
    AnchorTicketId  INTEGER NOT NULL REFERENCES Ticket (Id),  -- the first ticket: escalations are attached to it
    WarnedUtc       TEXT    NULL,            -- the threshold escalation was raised
    CreatedUtc      TEXT    NOT NULL,
    UpdatedUtc      TEXT    NOT NULL
);
CREATE INDEX IX_RepeatCluster_ClusterKey_LastUtc ON RepeatCluster (ClusterKey, LastUtc);
CREATE INDEX IX_RepeatCluster_LastUtc ON RepeatCluster (LastUtc);

-- Each member with the evidence that joined it (JSON: reasons, the ticket it matched, the text similarity).
CREATE TABLE RepeatClusterMember (
    Id          INTEGER NOT NULL PRIMARY KEY,
    ClusterId   INTEGER NOT NULL REFERENCES RepeatCluster (Id),
    TicketId    INTEGER NOT NULL REFERENCES Ticket (Id),
    JoinedUtc   TEXT    NOT NULL,
    Evidence    TEXT    NOT NULL
);
CREATE UNIQUE INDEX IX_RepeatClusterMember_ClusterId_TicketId ON RepeatClusterMember (ClusterId, TicketId);
CREATE INDEX IX_RepeatClusterMember_TicketId ON RepeatClusterMember (TicketId);
