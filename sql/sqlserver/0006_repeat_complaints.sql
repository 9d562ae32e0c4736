-- Repeat complaints (重复诉求): candidates at intake, links and merges (并单), repeat clusters, difficult tickets (疑难).
ALTER TABLE Ticket ADD
    MasterTicketId     BIGINT        NULL CONSTRAINT FK_Ticket_MasterTicket REFERENCES Ticket (Id),
    AddressKey         NVARCHAR(200) NULL,
    UnsatisfiedVisits  INT           NOT NULL CONSTRAINT DF_Ticket_UnsatisfiedVisits DEFAULT 0,
    IsDifficult        BIT           NOT NULL CONSTRAINT DF_Ticket_IsDifficult DEFAULT 0;
GO
CREATE INDEX IX_Ticket_AreaId_CategoryId_CreatedUtc ON Ticket (AreaId, CategoryId, CreatedUtc);
CREATE INDEX IX_Ticket_AddressKey_CategoryId_CreatedUtc ON Ticket (AddressKey, CategoryId, CreatedUtc);
CREATE INDEX IX_Ticket_MasterTicketId ON Ticket (MasterTicketId);

CREATE TABLE TicketLink (
    Id               BIGINT        NOT NULL CONSTRAINT PK_TicketLink PRIMARY KEY,
    TicketId         BIGINT        NOT NULL CONSTRAINT FK_TicketLink_Ticket REFERENCES Ticket (Id),
    LinkedTicketId   BIGINT        NOT NULL CONSTRAINT FK_TicketLink_LinkedTicket REFERENCES Ticket (Id),
    Kind             NVARCHAR(16)  NOT NULL,
    Score            FLOAT         NULL,
    Evidence         NVARCHAR(MAX) NULL,
    Reason           NVARCHAR(1000) NULL,
    CreatedByUserId  BIGINT        NOT NULL CONSTRAINT FK_TicketLink_CreatedBy REFERENCES AppUser (Id),
    CreatedUtc       DATETIME2(3)  NOT NULL
);
CREATE INDEX IX_TicketLink_TicketId ON TicketLink (TicketId);
CREATE INDEX IX_TicketLink_LinkedTicketId ON TicketLink (LinkedTicketId);

CREATE TABLE RepeatCluster (
    Id              BIGINT        NOT NULL CONSTRAINT PK_RepeatCluster PRIMARY KEY,
    Kind            NVARCHAR(16)  NOT NULL,
    ClusterKey      NVARCHAR(300) NOT NULL,
    CategoryId      BIGINT        NOT NULL CONSTRAINT FK_RepeatCluster_Category REFERENCES Category (Id),
    AreaId          BIGINT        NULL CONSTRAINT FK_RepeatCluster_Area REFERENCES Area (Id),
    AddressKey      NVARCHAR(200) NULL,
    CallerPhone     NVARCHAR(20)  NULL,
    Size            INT           NOT NULL,
    FirstUtc        DATETIME2(3)  NOT NULL,
    LastUtc         DATETIME2(3)  NOT NULL,
    AnchorTicketId  BIGINT        NOT NULL CONSTRAINT FK_RepeatCluster_AnchorTicket REFERENCES Ticket (Id),
    WarnedUtc       DATETIME2(3)  NULL,
    CreatedUtc      DATETIME2(3)  NOT NULL,
    UpdatedUtc      DATETIME2(3)  NOT NULL
);
CREATE INDEX IX_RepeatCluster_ClusterKey_LastUtc ON RepeatCluster (ClusterKey, LastUtc);
CREATE INDEX IX_RepeatCluster_LastUtc ON RepeatCluster (LastUtc);

CREATE TABLE RepeatClusterMember (
    Id          BIGINT        NOT NULL CONSTRAINT PK_RepeatClusterMember PRIMARY KEY,
    ClusterId   BIGINT        NOT NULL CONSTRAINT FK_RepeatClusterMember_Cluster REFERENCES RepeatCluster (Id),
    TicketId    BIGINT        NOT NULL CONSTRAINT FK_RepeatClusterMember_Ticket REFERENCES Ticket (Id),
    JoinedUtc   DATETIME2(3)  NOT NULL,
    Evidence    NVARCHAR(MAX) NOT NULL
);
CREATE UNIQUE INDEX IX_RepeatClusterMember_ClusterId_TicketId ON RepeatClusterMember (ClusterId, TicketId);
CREATE INDEX IX_RepeatClusterMember_TicketId ON RepeatClusterMember (TicketId);
