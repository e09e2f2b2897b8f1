import type { VoteSide } from '../../src/api.ts';

/**
 * Component custom ids: short (Discord allows 100 characters), numeric, self-describing, so a
 * click needs no lookup: `db:v:12:p` votes pour on debate 12.
 */
export type ButtonAction =
  | { kind: 'vote'; debate: number; side: VoteSide }
  | { kind: 'add'; debate: number }
  | { kind: 'list'; debate: number; page: number }
  | { kind: 'endorse'; debate: number; argument: number; page: number }
  | { kind: 'delta'; debate: number; argument: number }
  /** The author's edit of their own argument: opens the form filled in. */
  | { kind: 'edit'; debate: number; argument: number }
  | { kind: 'close'; debate: number }
  | { kind: 'reopen'; debate: number }
  /** The confirmation of `oublier-moi` (no debate: it reaches the whole server). */
  | { kind: 'forget'; debate: 0 };

const SIDE_CODES: Record<VoteSide, string> = { pro: 'p', con: 'c', neutral: 'n' };
const CODE_SIDES: Record<string, VoteSide> = { p: 'pro', c: 'con', n: 'neutral' };
const PREFIX = 'db';

export function buttonId(action: ButtonAction): string {
  switch (action.kind) {
    case 'vote':
      return `${PREFIX}:v:${action.debate}:${SIDE_CODES[action.side]}`;
    case 'add':
      return `${PREFIX}:a:${action.debate}`;
    case 'list':
      return `${PREFIX}:l:${action.debate}:${action.page}`;
    case 'endorse':
      return `${PREFIX}:e:${action.debate}:${action.argument}:${action.page}`;
    case 'delta':
      return `${PREFIX}:d:${action.debate}:${action.argument}`;
    case 'edit':
      return `${PREFIX}:u:${action.debate}:${action.argument}`;
    case 'close':
      return `${PREFIX}:x:${action.debate}`;
    case 'reopen':
      return `${PREFIX}:o:${action.debate}`;
    case 'forget':
      return `${PREFIX}:f:0`;
  }
}

const num = (s: string | undefined): number | undefined =>
  s !== undefined && /^\d{1,10}$/.test(s) && Number(s) >= 1 ? Number(s) : undefined;

export function parseButtonId(id: string): ButtonAction | undefined {
  const [prefix, code, a, b, c] = id.split(':');
  if (prefix !== PREFIX) return undefined;
  if (code === 'f' && a === '0' && b === undefined) return { kind: 'forget', debate: 0 };
  const debate = num(a);
  if (debate === undefined) return undefined;
  switch (code) {
    case 'v': {
      const side = b === undefined ? undefined : CODE_SIDES[b];
      return side ? { kind: 'vote', debate, side } : undefined;
    }
    case 'a':
      return { kind: 'add', debate };
    case 'l': {
      const page = num(b);
      return page ? { kind: 'list', debate, page } : undefined;
    }
    case 'e': {
      const argument = num(b);
      const page = num(c) ?? 1;
      return argument ? { kind: 'endorse', debate, argument, page } : undefined;
    }
    case 'd': {
      const argument = num(b);
      return argument ? { kind: 'delta', debate, argument } : undefined;
    }
    case 'u': {
      const argument = num(b);
      return argument ? { kind: 'edit', debate, argument } : undefined;
    }
    case 'x':
      return { kind: 'close', debate };
    case 'o':
      return { kind: 'reopen', debate };
    default:
      return undefined;
  }
}

/** The + Argument form of a debate, and its two fields. */
export const argumentModalId = (debate: number): string => `${PREFIX}:m:${debate}`;
export const MODAL_SIDE_FIELD = 'side';
export const MODAL_TEXT_FIELD = 'text';

export function parseArgumentModalId(id: string): number | undefined {
  const [prefix, code, a] = id.split(':');
  return prefix === PREFIX && code === 'm' ? num(a) : undefined;
}

/** The edit form of one's own argument: `db:me:<debate>:<argument>`. */
export const editModalId = (debate: number, argument: number): string => `${PREFIX}:me:${debate}:${argument}`;

export function parseEditModalId(id: string): { debate: number; argument: number } | undefined {
  const [prefix, code, a, b, extra] = id.split(':');
  const debate = num(a);
  const argument = num(b);
  return prefix === PREFIX && code === 'me' && debate && argument && extra === undefined
    ? { debate, argument }
    : undefined;
}
