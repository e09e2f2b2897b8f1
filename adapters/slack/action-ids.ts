// The ids Slack hands back: button action_ids with their values, modal and shortcut callback ids.
// Values carry only numbers (debate, argument, page) and a side: never user text.
import type { VoteSide } from '../../src/api.ts';

export const ACTION = {
  /** Followed by `.pro`, `.con` or `.neutral`: action ids are unique within a block. */
  vote: 'debat.vote',
  addArgument: 'debat.add',
  arguments: 'debat.args',
  endorse: 'debat.endorse',
  delta: 'debat.delta',
  /** The author's "Modifier" on their own argument in the list: opens the edit form. */
  edit: 'debat.edit',
  close: 'debat.close',
  reopen: 'debat.reopen',
  /** The confirmation of `oublier-moi`. */
  forget: 'debat.forget',
} as const;

/** The argument modal (from the + Argument button or the message shortcut). */
export const ARGUMENT_MODAL = 'debat.argument';
/** The edit form of one's own argument. */
export const EDIT_MODAL = 'debat.edit-form';
/** The message shortcut "Ajouter au débat"; also in manifest.json. */
export const ADD_TO_DEBATE_SHORTCUT = 'debat_add_to_debate';

export const MODAL_BLOCK = { side: 'side', text: 'text' } as const;

const VOTE_SIDES: readonly VoteSide[] = ['pro', 'con', 'neutral'];

const ints = (value: string | undefined, count: number): number[] | undefined => {
  const parts = (value ?? '').split(':');
  if (parts.length !== count) return undefined;
  const numbers = parts.map(Number);
  return numbers.every((n) => Number.isSafeInteger(n) && n >= 1) ? numbers : undefined;
};

export const voteValue = (debate: number, side: VoteSide): string => `${debate}:${side}`;
export function readVote(value: string | undefined): { debate: number; side: VoteSide } | undefined {
  const [debate, side] = (value ?? '').split(':');
  const number = Number(debate);
  const found = VOTE_SIDES.find((s) => s === side);
  return found && Number.isSafeInteger(number) && number >= 1 ? { debate: number, side: found } : undefined;
}

export const debateValue = (debate: number): string => String(debate);
export const readDebate = (value: string | undefined): number | undefined => ints(value, 1)?.[0];

export const pageValue = (debate: number, page: number): string => `${debate}:${page}`;
export function readPage(value: string | undefined): { debate: number; page: number } | undefined {
  const n = ints(value, 2);
  return n && { debate: n[0]!, page: n[1]! };
}

export const endorseValue = (debate: number, argument: number, page: number): string =>
  `${debate}:${argument}:${page}`;
export function readEndorse(value: string | undefined) {
  const n = ints(value, 3);
  return n && { debate: n[0]!, argument: n[1]!, page: n[2]! };
}

export const deltaValue = (debate: number, argument: number): string => `${debate}:${argument}`;
export function readDelta(value: string | undefined): { debate: number; argument: number } | undefined {
  const n = ints(value, 2);
  return n && { debate: n[0]!, argument: n[1]! };
}

export const editValue = (debate: number, argument: number): string => `${debate}:${argument}`;
export const readEdit = readDelta;
