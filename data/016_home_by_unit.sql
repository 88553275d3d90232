-- sangtao schema, migration 16: the home screen of a district's users
-- (issue 14, 200 clerks at once).
--
-- Going back to the home screen as a district's clerk took 37 ms on the
-- bench's 100 000 proposals (make bench), 27 ms of it counting the overdue:
-- every overdue proposal of the province grouped by its pair of units, the
-- pairs then tested against the scope.  With these indexes the count goes
-- the other way: the scope's units (units_path), each one's overdue
-- proposals as an index range (3 ms).  proposals_competent is a prefix of
-- the new index and goes.
CREATE INDEX proposals_unit_due ON proposals(employing_unit_id, deleted, due_date);
CREATE INDEX proposals_competent_due
    ON proposals(competent_unit_id, deleted, due_date, employing_unit_id);
DROP INDEX proposals_competent;

-- The recent activity walks the events newest first and keeps those of the
-- scope's proposals: 12 000 events for a district's eight, each read from
-- the table for its proposal (4 ms).  With proposal_id in the index the walk
-- never leaves it (1 ms).
DROP INDEX events_at;
CREATE INDEX events_at ON events(at, id, proposal_id);
