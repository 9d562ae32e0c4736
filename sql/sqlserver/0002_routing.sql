-- Responsibility list (责任清单): versioned routing rules, and what routed each ticket.
-- Version 0 of RoutingRule is the draft being edited; publishing copies it as version n (RoutingListVersion.Id).

CREATE TABLE RoutingListVersion (
    Id                 INT            NOT NULL CONSTRAINT PK_RoutingListVersion PRIMARY KEY,
    RuleCount          INT            NOT NULL,
    Note               NVARCHAR(200)  NULL,
    PublishedByUserId  BIGINT         NULL CONSTRAINT FK_RoutingListVersion_PublishedBy REFERENCES AppUser (Id),
    PublishedUtc       DATETIME2(3)   NOT NULL
);

CREATE TABLE RoutingRule (
    Id                   BIGINT         NOT NULL CONSTRAINT PK_RoutingRule PRIMARY KEY,
    Version              INT            NOT NULL,
    RuleNo               INT            NOT NULL,
    Name                 NVARCHAR(100)  NOT NULL,
    CategoryId           BIGINT         NULL CONSTRAINT FK_RoutingRule_Category REFERENCES Category (Id),
    AreaId               BIGINT         NULL CONSTRAINT FK_RoutingRule_Area REFERENCES Area (Id),
    AppealType           NVARCHAR(16)   NULL,
    Channel              NVARCHAR(16)   NULL,
    Keywords             NVARCHAR(2000) NULL,
    ExcludedKeywords     NVARCHAR(2000) NULL,
    LeadDepartmentId     BIGINT         NULL CONSTRAINT FK_RoutingRule_LeadDepartment REFERENCES Department (Id),
    LeadTerritorial      BIT            NOT NULL CONSTRAINT DF_RoutingRule_LeadTerritorial DEFAULT 0,
    AssistDepartmentIds  NVARCHAR(400)  NULL,
    AssistTerritorial    BIT            NOT NULL CONSTRAINT DF_RoutingRule_AssistTerritorial DEFAULT 0,
    Priority             INT            NOT NULL CONSTRAINT DF_RoutingRule_Priority DEFAULT 0,
    EffectiveFromUtc     DATETIME2(3)   NULL,
    EffectiveToUtc       DATETIME2(3)   NULL,
    CreatedUtc           DATETIME2(3)   NOT NULL,
    UpdatedUtc           DATETIME2(3)   NOT NULL
);
CREATE UNIQUE INDEX IX_RoutingRule_Version_RuleNo ON RoutingRule (Version, RuleNo);

ALTER TABLE Ticket ADD
    RoutingVersion      INT           NULL,
    RoutingRuleId       BIGINT        NULL CONSTRAINT FK_Ticket_RoutingRule REFERENCES RoutingRule (Id),
    RoutingExplanation  NVARCHAR(MAX) NULL;
GO
CREATE INDEX IX_Ticket_RoutingRuleId ON Ticket (RoutingRuleId);
