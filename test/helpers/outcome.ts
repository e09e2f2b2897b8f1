import { expect } from 'vitest';
import type { Outcome } from '../../src/engine/outcome.ts';
import type { View } from '../../src/views/types.ts';

/** The first reply's view, checked to be of the expected kind. */
export function firstView<K extends View['kind']>(outcome: Outcome, kind: K): Extract<View, { kind: K }> {
  const view = outcome.replies[0]?.view;
  expect(view?.kind, JSON.stringify(view)).toBe(kind);
  return view as Extract<View, { kind: K }>;
}

export function errorCode(outcome: Outcome): string {
  return firstView(outcome, 'error').error.code;
}
