-- Mirrors 005_open_deliveries.sql: a debate keeps the delivery that opened it, so a retried open
-- (after a restart, on another instance) finds its debate.
ALTER TABLE debates ADD COLUMN open_delivery text;
CREATE UNIQUE INDEX debates_by_open_delivery ON debates (open_delivery) WHERE open_delivery IS NOT NULL;
