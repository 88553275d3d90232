-- Reserved: migration 013 belongs to another branch of this series (issue 12
-- gave this branch 014).  When that branch's data/013_*.sql is merged, delete
-- this file; it changes nothing.
SELECT 1;
