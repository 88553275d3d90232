-- Indexes for the reports (src/report_periodic.c, src/report_overdue.c).  On
-- the province-scale bench database (100 000 proposals, 1 000 000 events)
-- the year's periodic report read every event and every proposal row, long
-- texts included, and took 2.5 s; with these it reads index entries only.
--
-- Flows by date: submissions, returns, starts, suspensions, terminations.
CREATE INDEX events_action_at ON events(action, at, proposal_id);
-- The state a proposal was in at a given day: its last state change before
-- it, one seek per proposal.
CREATE INDEX events_state_at ON events(proposal_id, at, id, to_state)
    WHERE to_state IS NOT NULL;
-- The proposals of a unit subtree with what the report groups them by, read
-- without the rows' long texts.
CREATE INDEX proposals_report ON proposals(deleted, employing_unit_id, competent_unit_id,
                                           field_id, state, period_to, decision_kind);
-- Decisions, results, evaluations, commendations, sessions by their dates.
CREATE INDEX decisions_date ON decisions(doc_date, kind, proposal_id);
CREATE INDEX result_reports_date ON result_reports(report_date, proposal_id);
CREATE INDEX evaluations_date ON evaluations(meeting_date, proposal_id);
CREATE INDEX commendations_date ON commendations(doc_date, proposal_id);
CREATE INDEX dissemination_date ON dissemination(session_date, unit_id);
