-- Responsibility list (责任清单): versioned routing rules, and what routed each ticket.
-- Version 0 of RoutingRule is the draft being edited; publishing copies it as version n (RoutingListVersion.Id).

CREATE TABLE RoutingListVersion (
    Id                 INTEGER NOT NULL PRIMARY KEY,   -- the version number: 1, 2, ...
    RuleCount          INTEGER NOT NULL,
    Note               TEXT    NULL,
    PublishedByUserId  INTEGER NULL REFERENCES AppUser (Id),   -- null: the demo seed
    PublishedUtc       TEXT    NOT NULL
);

CREATE TABLE RoutingRule (
    Id                   INTEGER NOT NULL PRIMARY KEY,
    Version              INTEGER NOT NULL,      -- 0 = draft, n = published version n
    RuleNo               INTEGER NOT NULL,      -- the rule's number, stable across versions
    Name                 TEXT    NOT NULL,
    CategoryId           INTEGER NULL REFERENCES Category (Id),   -- the node and its subtree; null = any
    AreaId               INTEGER NULL REFERENCES Area (Id),       -- the node and its subtree; null = any
    AppealType           TEXT    NULL,
    Channel              TEXT    NULL,
    Keywords             TEXT    NULL,          -- any of, '|'-separated
    ExcludedKeywords     TEXT    NULL,          -- none of, '|'-separated
    LeadDepartmentId     INTEGER NULL REFERENCES Department (Id),
    LeadTerritorial      INTEGER NOT NULL DEFAULT 0,   -- lead is the territorial unit of the ticket's area
    AssistDepartmentIds  TEXT    NULL,          -- ','-separated department ids
    AssistTerritorial    INTEGER NOT NULL DEFAULT 0,
    Priority             INTEGER NOT NULL DEFAULT 0,
    EffectiveFromUtc     TEXT    NULL,
    EffectiveToUtc       TEXT    NULL,          -- exclusive
    CreatedUtc           TEXT    NOT NULL,
    UpdatedUtc           TEXT    NOT NULL
);
CREATE UNIQUE INDEX IX_RoutingRule_Version_RuleNo ON RoutingRule (Version, RuleNo);

ALTER TABLE Ticket ADD RoutingVersion INTEGER NULL;
ALTER TABLE Ticket ADD RoutingRuleId INTEGER NULL REFERENCES RoutingRule (Id);
ALTER TABLE Ticket ADD RoutingExplanation TEXT NULL;   -- JSON: the decision and why
CREATE INDEX IX_Ticket_RoutingRuleId ON Ticket (RoutingRuleId);
