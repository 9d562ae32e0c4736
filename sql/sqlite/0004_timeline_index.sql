-- Every timeline event wrote two random-keyed index entries by TicketId; the sweep writes 1,000+ events a tick, and each
-- such entry is a page of its own in the commit (bench/RESULTS.md, "Deadline sweep"). The one query that used the
-- second index (returns of a ticket by a department) reads the few events of one ticket through IX_TicketEvent_TicketId_Id.
DROP INDEX IX_TicketEvent_TicketId_Action_DepartmentId;
