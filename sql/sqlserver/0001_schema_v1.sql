-- Schema v1: directory (departments, areas, categories, users) and tickets with their assignments and audit log.
-- Keys are generated in C# (IdGenerator); timestamps are UTC DATETIME2; Chinese text is NVARCHAR.

CREATE TABLE Area (
    Id          BIGINT        NOT NULL CONSTRAINT PK_Area PRIMARY KEY,
    Code        NVARCHAR(32)  NOT NULL,
    Name        NVARCHAR(100) NOT NULL,
    Level       NVARCHAR(16)  NOT NULL,
    ParentId    BIGINT        NULL CONSTRAINT FK_Area_Parent REFERENCES Area (Id),
    IsActive    BIT           NOT NULL CONSTRAINT DF_Area_IsActive DEFAULT 1,
    CreatedUtc  DATETIME2(3)  NOT NULL,
    UpdatedUtc  DATETIME2(3)  NOT NULL
);
CREATE UNIQUE INDEX IX_Area_Code ON Area (Code);
CREATE INDEX IX_Area_ParentId ON Area (ParentId);

CREATE TABLE Department (
    Id          BIGINT        NOT NULL CONSTRAINT PK_Department PRIMARY KEY,
    Code        NVARCHAR(32)  NOT NULL,
    Name        NVARCHAR(100) NOT NULL,
    Kind        NVARCHAR(16)  NOT NULL,
    ParentId    BIGINT        NULL CONSTRAINT FK_Department_Parent REFERENCES Department (Id),
    AreaId      BIGINT        NULL CONSTRAINT FK_Department_Area REFERENCES Area (Id),
    IsActive    BIT           NOT NULL CONSTRAINT DF_Department_IsActive DEFAULT 1,
    CreatedUtc  DATETIME2(3)  NOT NULL,
    UpdatedUtc  DATETIME2(3)  NOT NULL
);
CREATE UNIQUE INDEX IX_Department_Code ON Department (Code);
CREATE INDEX IX_Department_ParentId ON Department (ParentId);

CREATE TABLE Category (
    Id          BIGINT        NOT NULL CONSTRAINT PK_Category PRIMARY KEY,
    Code        NVARCHAR(32)  NOT NULL,
    Name        NVARCHAR(100) NOT NULL,
    ParentId    BIGINT        NULL CONSTRAINT FK_Category_Parent REFERENCES Category (Id),
    SortOrder   INT           NOT NULL CONSTRAINT DF_Category_SortOrder DEFAULT 0,
    IsActive    BIT           NOT NULL CONSTRAINT DF_Category_IsActive DEFAULT 1,
    CreatedUtc  DATETIME2(3)  NOT NULL,
    UpdatedUtc  DATETIME2(3)  NOT NULL
);
CREATE UNIQUE INDEX IX_Category_Code ON Category (Code);
CREATE INDEX IX_Category_ParentId ON Category (ParentId);

CREATE TABLE AppUser (
    Id                BIGINT        NOT NULL CONSTRAINT PK_AppUser PRIMARY KEY,
    UserName          NVARCHAR(64)  NOT NULL,
    DisplayName       NVARCHAR(100) NOT NULL,
    PasswordHash      NVARCHAR(400) NOT NULL,
    Role              NVARCHAR(16)  NOT NULL,
    DepartmentId      BIGINT        NULL CONSTRAINT FK_AppUser_Department REFERENCES Department (Id),
    IsActive          BIT           NOT NULL CONSTRAINT DF_AppUser_IsActive DEFAULT 1,
    FailedLoginCount  INT           NOT NULL CONSTRAINT DF_AppUser_FailedLoginCount DEFAULT 0,
    LockoutEndUtc     DATETIME2(3)  NULL,
    CreatedUtc        DATETIME2(3)  NOT NULL,
    UpdatedUtc        DATETIME2(3)  NOT NULL
);
CREATE UNIQUE INDEX IX_AppUser_UserName ON AppUser (UserName);
CREATE INDEX IX_AppUser_DepartmentId ON AppUser (DepartmentId);

CREATE TABLE TicketNumberSequence (
    Day        CHAR(8) NOT NULL CONSTRAINT PK_TicketNumberSequence PRIMARY KEY,
    LastValue  INT     NOT NULL
);

CREATE TABLE Ticket (
    Id                BIGINT         NOT NULL CONSTRAINT PK_Ticket PRIMARY KEY,
    Number            NVARCHAR(20)   NOT NULL,
    Status            NVARCHAR(24)   NOT NULL,
    Channel           NVARCHAR(16)   NOT NULL,
    AppealType        NVARCHAR(16)   NOT NULL,
    Urgency           NVARCHAR(16)   NOT NULL,
    CategoryId        BIGINT         NOT NULL CONSTRAINT FK_Ticket_Category REFERENCES Category (Id),
    AreaId            BIGINT         NULL CONSTRAINT FK_Ticket_Area REFERENCES Area (Id),
    Address           NVARCHAR(200)  NULL,
    Title             NVARCHAR(100)  NOT NULL,
    Content           NVARCHAR(4000) NOT NULL,
    CallerName        NVARCHAR(50)   NULL,
    CallerPhone       VARCHAR(20)    NULL,
    IsConfidential    BIT            NOT NULL CONSTRAINT DF_Ticket_IsConfidential DEFAULT 0,
    CallId            NVARCHAR(64)   NULL,
    Answer            NVARCHAR(4000) NULL,
    LeadDepartmentId  BIGINT         NULL CONSTRAINT FK_Ticket_LeadDepartment REFERENCES Department (Id),
    ReplyResult       NVARCHAR(4000) NULL,
    ReplyResolved     BIT            NULL,
    Satisfaction      NVARCHAR(24)   NULL,
    VisitResolved     BIT            NULL,
    VisitComment      NVARCHAR(1000) NULL,
    CreatedByUserId   BIGINT         NOT NULL CONSTRAINT FK_Ticket_CreatedBy REFERENCES AppUser (Id),
    CreatedUtc        DATETIME2(3)   NOT NULL,
    UpdatedUtc        DATETIME2(3)   NOT NULL,
    DispatchedUtc     DATETIME2(3)   NULL,
    RepliedUtc        DATETIME2(3)   NULL,
    ClosedUtc         DATETIME2(3)   NULL,
    Version           INT            NOT NULL
);
CREATE UNIQUE INDEX IX_Ticket_Number ON Ticket (Number);
CREATE INDEX IX_Ticket_Status_CreatedUtc ON Ticket (Status, CreatedUtc);
CREATE INDEX IX_Ticket_CreatedUtc ON Ticket (CreatedUtc);
CREATE INDEX IX_Ticket_CallerPhone_CreatedUtc ON Ticket (CallerPhone, CreatedUtc);
CREATE INDEX IX_Ticket_LeadDepartmentId_Status ON Ticket (LeadDepartmentId, Status);

CREATE TABLE TicketDepartment (
    Id              BIGINT       NOT NULL CONSTRAINT PK_TicketDepartment PRIMARY KEY,
    TicketId        BIGINT       NOT NULL CONSTRAINT FK_TicketDepartment_Ticket REFERENCES Ticket (Id),
    DepartmentId    BIGINT       NOT NULL CONSTRAINT FK_TicketDepartment_Department REFERENCES Department (Id),
    Role            NVARCHAR(16) NOT NULL,
    SignState       NVARCHAR(16) NOT NULL,
    IsActive        BIT          NOT NULL,
    AssignedUtc     DATETIME2(3) NOT NULL,
    SignedUtc       DATETIME2(3) NULL,
    SignedByUserId  BIGINT       NULL CONSTRAINT FK_TicketDepartment_SignedBy REFERENCES AppUser (Id)
);
CREATE INDEX IX_TicketDepartment_TicketId ON TicketDepartment (TicketId);
CREATE INDEX IX_TicketDepartment_DepartmentId_IsActive_TicketId ON TicketDepartment (DepartmentId, IsActive, TicketId);

CREATE TABLE TicketEvent (
    Id            BIGINT         NOT NULL CONSTRAINT PK_TicketEvent PRIMARY KEY,
    TicketId      BIGINT         NOT NULL CONSTRAINT FK_TicketEvent_Ticket REFERENCES Ticket (Id),
    Action        NVARCHAR(32)   NOT NULL,
    FromStatus    NVARCHAR(24)   NULL,
    ToStatus      NVARCHAR(24)   NOT NULL,
    ActorUserId   BIGINT         NOT NULL CONSTRAINT FK_TicketEvent_Actor REFERENCES AppUser (Id),
    ActorRole     NVARCHAR(16)   NOT NULL,
    DepartmentId  BIGINT         NULL CONSTRAINT FK_TicketEvent_Department REFERENCES Department (Id),
    Reason        NVARCHAR(1000) NULL,
    Detail        NVARCHAR(MAX)  NULL,
    OccurredUtc   DATETIME2(3)   NOT NULL
);
CREATE INDEX IX_TicketEvent_TicketId_Id ON TicketEvent (TicketId, Id);
CREATE INDEX IX_TicketEvent_TicketId_Action_DepartmentId ON TicketEvent (TicketId, Action, DepartmentId);

CREATE TABLE PersonalDataAccess (
    Id           BIGINT       NOT NULL CONSTRAINT PK_PersonalDataAccess PRIMARY KEY,
    TicketId     BIGINT       NULL CONSTRAINT FK_PersonalDataAccess_Ticket REFERENCES Ticket (Id),
    UserId       BIGINT       NOT NULL CONSTRAINT FK_PersonalDataAccess_User REFERENCES AppUser (Id),
    Purpose      NVARCHAR(32) NOT NULL,
    Subject      VARCHAR(20)  NULL,
    AccessedUtc  DATETIME2(3) NOT NULL
);
CREATE INDEX IX_PersonalDataAccess_TicketId ON PersonalDataAccess (TicketId);
CREATE INDEX IX_PersonalDataAccess_UserId_AccessedUtc ON PersonalDataAccess (UserId, AccessedUtc);
