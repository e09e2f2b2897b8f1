// Faults a test injects into the fake Web API, per method ('*' matches every method).
// A fault applies to the next `times` calls (default: every call until cleared), or to a
// `fraction` of calls chosen by a seeded generator, so a run is reproducible.

export type FaultKind =
  | { kind: 'rate_limited'; retryAfterSec: number }
  | { kind: 'http_error'; status: number }
  | { kind: 'slow'; delayMs: number }
  /** The connection is cut before any answer (a proxy reset, a network drop). */
  | { kind: 'dropped' }
  | { kind: 'platform_error'; error: string };

export type FaultSpec = FaultKind & { times?: number; fraction?: number };

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultPlan {
  private readonly faults = new Map<string, ActiveFault[]>();
  private seed: number;

  constructor(seed = 42) {
    this.seed = seed;
  }

  add(method: string, spec: FaultSpec): void {
    const list = this.faults.get(method) ?? [];
    list.push({ spec, remaining: spec.times ?? Number.POSITIVE_INFINITY });
    this.faults.set(method, list);
  }

  clear(method?: string): void {
    if (method === undefined) this.faults.clear();
    else this.faults.delete(method);
  }

  /** The faults that apply to this call, consuming one use of each (a slow fault can combine with an error). */
  take(method: string): FaultKind[] {
    const out: FaultKind[] = [];
    for (const key of [method, '*']) {
      const list = this.faults.get(key);
      if (!list) continue;
      for (const f of list) {
        if (f.remaining <= 0) continue;
        if (f.spec.fraction !== undefined && this.random() >= f.spec.fraction) continue;
        f.remaining -= 1;
        out.push(f.spec);
      }
      this.faults.set(
        key,
        list.filter((f) => f.remaining > 0),
      );
    }
    return out;
  }

  /** mulberry32: small, deterministic. */
  private random(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
