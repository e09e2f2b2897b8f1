/**
 * Fault injection for the fake REST: the next N matching calls, or a fraction of them, answer
 * 429 (with the headers @discordjs/rest reads), 500, or a given Discord error code.
 * Fractions use a seeded generator so a run is reproducible.
 */
import type { DiscordErrorBody } from './errors.ts';

export type Fault =
  | { kind: 'rateLimit'; retryAfter?: number; global?: boolean; scope?: 'user' | 'shared' | 'global' }
  | { kind: 'serverError'; status?: number }
  | { kind: 'discordError'; status: number; error: DiscordErrorBody };

export interface FaultTarget {
  method: string;
  route: string;
  path: string;
}

export type FaultMatch = string | readonly string[] | ((t: FaultTarget) => boolean);

interface Rule {
  fault: Fault;
  remaining: number | null;
  fraction: number | null;
  match: FaultMatch | undefined;
}

export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

function matches(match: FaultMatch | undefined, t: FaultTarget): boolean {
  if (match === undefined) return true;
  if (typeof match === 'string') return t.route === match;
  if (typeof match === 'function') return match(t);
  return match.includes(t.route);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function faultAnswer(fault: Fault, route: string): FaultAnswer {
  if (fault.kind === 'serverError') {
    return {
      status: fault.status ?? 500,
      headers: {},
      body: { code: 0, message: '500: Internal Server Error' },
    };
  }
  if (fault.kind === 'discordError') return { status: fault.status, headers: {}, body: fault.error };
  const retryAfter = fault.retryAfter ?? 0.05;
  const headers: Record<string, string> = {
    'retry-after': String(retryAfter),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset-after': String(retryAfter),
    'x-ratelimit-reset': String(Date.now() / 1000 + retryAfter),
    'x-ratelimit-bucket': `fake-${route}`,
    'x-ratelimit-scope': fault.scope ?? (fault.global ? 'global' : 'user'),
  };
  if (fault.global) headers['x-ratelimit-global'] = 'true';
  return {
    status: 429,
    headers,
    body: { message: 'You are being rate limited.', retry_after: retryAfter, global: fault.global ?? false },
  };
}

export class FaultInjector {
  #rules: Rule[] = [];
  #random: () => number;
  /** How many faults were answered, per route. */
  readonly injected = new Map<string, number>();

  constructor(seed = 42) {
    this.#random = mulberry32(seed);
  }

  /** The next `count` matching calls answer with `fault`. */
  next(count: number, fault: Fault, match?: FaultMatch): void {
    this.#rules.push({ fault, remaining: count, fraction: null, match });
  }

  /** A `fraction` (0..1) of matching calls answer with `fault`, until cleared. */
  fraction(fraction: number, fault: Fault, match?: FaultMatch): void {
    this.#rules.push({ fault, remaining: null, fraction, match });
  }

  clear(): void {
    this.#rules = [];
  }

  /** The fault to answer this call with, if any (consumes one use of a counted rule). */
  take(t: FaultTarget): Fault | null {
    for (const rule of this.#rules) {
      if (!matches(rule.match, t)) continue;
      if (rule.remaining !== null) {
        if (rule.remaining <= 0) continue;
        rule.remaining--;
      } else if (rule.fraction !== null && this.#random() >= rule.fraction) continue;
      this.injected.set(t.route, (this.injected.get(t.route) ?? 0) + 1);
      this.#rules = this.#rules.filter((r) => r.remaining === null || r.remaining > 0);
      return rule.fault;
    }
    return null;
  }
}
