// How long and how much one client may hold of the process's one HTTP server. Slack wants its ack
// within 3 s and Discord within 3 s too: no honest request needs anywhere near these bounds.

/** The request line and headers must arrive within this time (a slow-headers client is cut). */
export const HEADERS_TIMEOUT_MS = 10_000;
/** The whole request, body included. */
export const REQUEST_TIMEOUT_MS = 15_000;
/** An idle keep-alive connection is closed after this time. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** How often the server looks for requests over their time. */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
/** Request headers beyond this size get a 431. */
export const MAX_HEADER_BYTES = 16 * 1024;
/** Open connections at once, by default; beyond, new ones are closed at once (set it under `ulimit -n`). */
export const DEFAULT_MAX_CONNECTIONS = 4_096;

/** Body limits by kind of route: a GET takes none; Slack's largest payloads (a modal's state) stay far under. */
export const BODY_LIMITS = {
  none: 0,
  /** Slack events, commands and interactions. */
  slack: 1024 * 1024,
  /** Discord interactions (a modal submit with five 4,000-character fields is ~25 KB). */
  discord: 256 * 1024,
} as const;
