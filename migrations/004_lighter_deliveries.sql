-- Every click writes its delivery key; an index on its time cost one more page per vote.
-- The periodic prune (every 30 s) scans the table instead: a day of keys at most.
DROP INDEX deliveries_by_time;
