import type { Logger } from '../domain/logger.ts';

/**
 * One warn line per kind of trouble and per interval, with how many were left unsaid: a flood of
 * bad requests costs the logs one line a minute, never a line (or a stack trace) each.
 */
export class WarnLimiter {
  private readonly last = new Map<string, { at: number; skipped: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  warn(kind: string, context: Record<string, unknown>, message: string): void {
    const at = this.now();
    const seen = this.last.get(kind);
    if (seen && at - seen.at < this.intervalMs) {
      seen.skipped += 1;
      return;
    }
    this.last.set(kind, { at, skipped: 0 });
    this.logger.warn({ ...context, ...(seen?.skipped ? { alsoSince: seen.skipped } : {}) }, message);
  }
}
