-- Indexes for province scale (make bench, tests/bench/README.md): at 100 000
-- proposals and 1 000 000 events these turn whole-table reads on every
-- screen into reads of a page of rows.
--
-- The proposal list's default order (updated, newest first): the list walks
-- this index and stops after a page instead of sorting every proposal.
CREATE INDEX proposals_updated ON proposals(updated_at, id);
-- Counts by state for the home screen, read from the index alone: the
-- proposals table's rows carry the long texts, and a count over them read
-- hundreds of megabytes.
CREATE INDEX proposals_counts ON proposals(state, employing_unit_id, competent_unit_id, deleted);
-- Recent activity on the home screen: the newest events first.
CREATE INDEX events_at ON events(at, id);
