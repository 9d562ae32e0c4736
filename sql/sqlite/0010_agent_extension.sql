-- The seat's phone extension (分机号) of an agent or dispatcher: the phone system names the seat that rings, and the
-- screen pop (来电弹屏) finds the agent by it. Unique among those who have one.
ALTER TABLE AppUser ADD Extension TEXT NULL;
CREATE UNIQUE INDEX IX_AppUser_Extension ON AppUser (Extension) WHERE Extension IS NOT NULL;
