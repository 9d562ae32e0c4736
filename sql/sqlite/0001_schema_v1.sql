-- Schema v1: directory (departments, areas, categories, users) and tickets with their assignments and audit log.
-- Keys are generated in C# (IdGenerator); timestamps are UTC, stored as ISO-8601 text.

CREATE TABLE Area (
    Id          INTEGER NOT NULL PRIMARY KEY,
    Code        TEXT    NOT NULL,
    Name        TEXT    NOT NULL,
    Level       TEXT    NOT NULL,           -- District | Street | Community
    ParentId    INTEGER NULL REFERENCES Area (Id),
    IsActive    INTEGER NOT NULL DEFAULT 1,
    CreatedUtc  TEXT    NOT NULL,
    UpdatedUtc  TEXT    NOT NULL
);
CREATE UNIQUE INDEX IX_Area_Code ON Area (Code);
CREATE INDEX IX_Area_ParentId ON Area (ParentId);

CREATE TABLE Department (
    Id          INTEGER NOT NULL PRIMARY KEY,
    Code        TEXT    NOT NULL,
    Name        TEXT    NOT NULL,
    Kind        TEXT    NOT NULL,           -- Functional | Territorial
    ParentId    INTEGER NULL REFERENCES Department (Id),
    AreaId      INTEGER NULL REFERENCES Area (Id),   -- the area a territorial unit answers for
    IsActive    INTEGER NOT NULL DEFAULT 1,
    CreatedUtc  TEXT    NOT NULL,
    UpdatedUtc  TEXT    NOT NULL
);
CREATE UNIQUE INDEX IX_Department_Code ON Department (Code);
CREATE INDEX IX_Department_ParentId ON Department (ParentId);

CREATE TABLE Category (
    Id          INTEGER NOT NULL PRIMARY KEY,
    Code        TEXT    NOT NULL,
    Name        TEXT    NOT NULL,
    ParentId    INTEGER NULL REFERENCES Category (Id),
    SortOrder   INTEGER NOT NULL DEFAULT 0,
    IsActive    INTEGER NOT NULL DEFAULT 1,
    CreatedUtc  TEXT    NOT NULL,
    UpdatedUtc  TEXT    NOT NULL
);
CREATE UNIQUE INDEX IX_Category_Code ON Category (Code);
CREATE INDEX IX_Category_ParentId ON Category (ParentId);

CREATE TABLE AppUser (
    Id                INTEGER NOT NULL PRIMARY KEY,
    UserName          TEXT    NOT NULL,
    DisplayName       TEXT    NOT NULL,
    PasswordHash      TEXT    NOT NULL,
    Role              TEXT    NOT NULL,     -- Agent | Dispatcher | Liaison | Supervisor | WindowStaff | Admin
    DepartmentId      INTEGER NULL REFERENCES Department (Id),
    IsActive          INTEGER NOT NULL DEFAULT 1,
    FailedLoginCount  INTEGER NOT NULL DEFAULT 0,
    LockoutEndUtc     TEXT    NULL,
    CreatedUtc        TEXT    NOT NULL,
    UpdatedUtc        TEXT    NOT NULL
);
CREATE UNIQUE INDEX IX_AppUser_UserName ON AppUser (UserName);
CREATE INDEX IX_AppUser_DepartmentId ON AppUser (DepartmentId);

CREATE TABLE TicketNumberSequence (
    Day        TEXT    NOT NULL PRIMARY KEY,   -- yyyyMMdd in the center's time zone
    LastValue  INTEGER NOT NULL
);

CREATE TABLE Ticket (
    Id                INTEGER NOT NULL PRIMARY KEY,
    Number            TEXT    NOT NULL,
    Status            TEXT    NOT NULL,
    Channel           TEXT    NOT NULL,
    AppealType        TEXT    NOT NULL,
    Urgency           TEXT    NOT NULL,
    CategoryId        INTEGER NOT NULL REFERENCES Category (Id),
    AreaId            INTEGER NULL REFERENCES Area (Id),
    Address           TEXT    NULL,
    Title             TEXT    NOT NULL,
    Content           TEXT    NOT NULL,
    CallerName        TEXT    NULL,
    CallerPhone       TEXT    NULL,         -- digits only, normalised at intake
    IsConfidential    INTEGER NOT NULL DEFAULT 0,
    CallId            TEXT    NULL,
    Answer            TEXT    NULL,         -- the direct answer given at intake
    LeadDepartmentId  INTEGER NULL REFERENCES Department (Id),
    ReplyResult       TEXT    NULL,
    ReplyResolved     INTEGER NULL,
    Satisfaction      TEXT    NULL,         -- Satisfied | BasicallySatisfied | Unsatisfied
    VisitResolved     INTEGER NULL,
    VisitComment      TEXT    NULL,
    CreatedByUserId   INTEGER NOT NULL REFERENCES AppUser (Id),
    CreatedUtc        TEXT    NOT NULL,
    UpdatedUtc        TEXT    NOT NULL,
    DispatchedUtc     TEXT    NULL,
    RepliedUtc        TEXT    NULL,
    ClosedUtc         TEXT    NULL,
    Version           INTEGER NOT NULL
);
CREATE UNIQUE INDEX IX_Ticket_Number ON Ticket (Number);
CREATE INDEX IX_Ticket_Status_CreatedUtc ON Ticket (Status, CreatedUtc);
CREATE INDEX IX_Ticket_CreatedUtc ON Ticket (CreatedUtc);
CREATE INDEX IX_Ticket_CallerPhone_CreatedUtc ON Ticket (CallerPhone, CreatedUtc);
CREATE INDEX IX_Ticket_LeadDepartmentId_Status ON Ticket (LeadDepartmentId, Status);

-- Lead and assisting departments of a ticket, each with its own sign state. IsActive = 0 once a department
-- has handed the ticket back (approved return) or was replaced by a re-dispatch.
CREATE TABLE TicketDepartment (
    Id              INTEGER NOT NULL PRIMARY KEY,
    TicketId        INTEGER NOT NULL REFERENCES Ticket (Id),
    DepartmentId    INTEGER NOT NULL REFERENCES Department (Id),
    Role            TEXT    NOT NULL,      -- Lead | Assist
    SignState       TEXT    NOT NULL,      -- Pending | Signed | Returned | Withdrawn
    IsActive        INTEGER NOT NULL,
    AssignedUtc     TEXT    NOT NULL,
    SignedUtc       TEXT    NULL,
    SignedByUserId  INTEGER NULL REFERENCES AppUser (Id)
);
CREATE INDEX IX_TicketDepartment_TicketId ON TicketDepartment (TicketId);
CREATE INDEX IX_TicketDepartment_DepartmentId_IsActive_TicketId ON TicketDepartment (DepartmentId, IsActive, TicketId);

-- Append-only audit trail; the source of timelines and live updates.
CREATE TABLE TicketEvent (
    Id            INTEGER NOT NULL PRIMARY KEY,
    TicketId      INTEGER NOT NULL REFERENCES Ticket (Id),
    Action        TEXT    NOT NULL,
    FromStatus    TEXT    NULL,
    ToStatus      TEXT    NOT NULL,
    ActorUserId   INTEGER NOT NULL REFERENCES AppUser (Id),
    ActorRole     TEXT    NOT NULL,
    DepartmentId  INTEGER NULL REFERENCES Department (Id),  -- the department that acted, or was acted upon
    Reason        TEXT    NULL,
    Detail        TEXT    NULL,            -- JSON with action-specific data
    OccurredUtc   TEXT    NOT NULL
);
CREATE INDEX IX_TicketEvent_TicketId_Id ON TicketEvent (TicketId, Id);
CREATE INDEX IX_TicketEvent_TicketId_Action_DepartmentId ON TicketEvent (TicketId, Action, DepartmentId);

-- Who read whose personal data, when (privacy audit).
CREATE TABLE PersonalDataAccess (
    Id           INTEGER NOT NULL PRIMARY KEY,
    TicketId     INTEGER NULL REFERENCES Ticket (Id),
    UserId       INTEGER NOT NULL REFERENCES AppUser (Id),
    Purpose      TEXT    NOT NULL,         -- TicketDetail | CallerHistory
    Subject      TEXT    NULL,             -- the phone number looked up, for caller history
    AccessedUtc  TEXT    NOT NULL
);
CREATE INDEX IX_PersonalDataAccess_TicketId ON PersonalDataAccess (TicketId);
CREATE INDEX IX_PersonalDataAccess_UserId_AccessedUtc ON PersonalDataAccess (UserId, AccessedUtc);
