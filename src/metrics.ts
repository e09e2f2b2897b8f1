import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * What `GET /metrics` shows, in Prometheus's text format: one registry per process, the counters
 * named by what they count. Labels are few and bounded (platforms, command kinds, outcomes).
 */
export class DebatMetrics {
  readonly registry = new Registry();

  /** Commands answered, by platform, command kind and outcome (`ok`, an error code, `internal`). */
  readonly acks = new Counter({
    name: 'debat_acks_total',
    help: 'Commands and clicks answered, by platform, command kind and outcome',
    labelNames: ['platform', 'kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly ackSeconds = new Histogram({
    name: 'debat_ack_seconds',
    help: 'Time from a command reaching the core to its answer, stored',
    labelNames: ['platform', 'kind'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly scoreboardEdits = new Counter({
    name: 'debat_scoreboard_edits_total',
    help: 'Live scoreboard messages edited, by platform',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });

  readonly scoreboardRateLimited = new Counter({
    name: 'debat_scoreboard_rate_limited_total',
    help: 'Scoreboard edits the platform answered with 429, by platform',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });

  readonly summariesPosted = new Counter({
    name: 'debat_summaries_posted_total',
    help: 'Weekly summaries posted, by platform',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });

  readonly storeErrors = new Counter({
    name: 'debat_store_errors_total',
    help: 'Store operations that failed unexpectedly',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'debat_' });
    // Three default gauges end in `_total`, a name Prometheus keeps for counters (promtool refuses
    // them); each is the sum of its labelled gauge (`debat_nodejs_active_handles{type}`…), kept.
    for (const name of ['active_handles', 'active_requests', 'active_resources'])
      this.registry.removeSingleMetric(`debat_nodejs_${name}_total`);
  }
}

/** The process's metrics: every part of one process counts into the same registry. */
export const metrics = new DebatMetrics();

/** Counts a command's answer and its time: `outcome` is `ok`, the error's code, `repeat` or `internal`. */
export function recordAnswer(
  platform: string,
  kind: string,
  outcome: string,
  startedAt: number,
  registry: DebatMetrics = metrics,
): void {
  registry.acks.inc({ platform, kind, outcome });
  registry.ackSeconds.observe({ platform, kind }, (performance.now() - startedAt) / 1000);
}

/** The outcome label of a command's replies: the first error's code, or `ok`. */
export function outcomeLabel(replies: readonly { view: { kind: string } }[]): string {
  for (const reply of replies) {
    const view = reply.view as { kind: string; error?: { code?: string } };
    if (view.kind === 'error') return view.error?.code ?? 'error';
  }
  return 'ok';
}
