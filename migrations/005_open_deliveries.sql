-- Opening a debate is deduplicated where the data lives: the HMAC of the delivery that opened it.
-- A redelivered or retried `lancer` (after a restart, on another instance) finds it here.
ALTER TABLE debates ADD COLUMN open_delivery TEXT;
CREATE UNIQUE INDEX debates_by_open_delivery ON debates (open_delivery) WHERE open_delivery IS NOT NULL;
