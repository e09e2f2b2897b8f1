// What a reply in a debate's thread means, on every platform: a reply that starts with a side
// (`pour:`, `contre :`, `pro:`, `con:`, `for:`, `against:`, `+`, `-`, `−`) is an argument of that
// side; anything else (and agreement noise such as `+1` or `++`) is conversation, left alone.
import type { Side } from '../domain/types.ts';
import { fold } from './fold.ts';

const SIDE_WORDS: Readonly<Record<string, Side>> = {
  pour: 'pro',
  pro: 'pro',
  for: 'pro',
  contre: 'con',
  con: 'con',
  against: 'con',
};
const WORD_PREFIX = /^\s*(\p{L}+)\s*:\s*([\s\S]*)$/u;
/** `+`, the hyphen-minus, the minus sign and the en dash people type for "against". */
const SIGN_PREFIX = /^\s*([+\-−–])\s*([\s\S]*)$/u;
/** "+1", "-1", "++", "+ !": agreement noise, not arguments. */
const NOISE = /^[\d\s+\-−–.,;:!?=]*$/u;

export interface ThreadArgument {
  side: Side;
  /** The argument's text, still to be validated like any argument (it may be empty). */
  text: string;
}

export function readThreadReply(reply: string): ThreadArgument | undefined {
  const word = WORD_PREFIX.exec(reply);
  if (word) {
    const side = Object.hasOwn(SIDE_WORDS, fold(word[1]!)) ? SIDE_WORDS[fold(word[1]!)] : undefined;
    return side ? { side, text: word[2]!.trim() } : undefined;
  }
  const sign = SIGN_PREFIX.exec(reply);
  if (!sign || NOISE.test(sign[2]!) || /^[+\-−–]/u.test(sign[2]!)) return undefined;
  return { side: sign[1] === '+' ? 'pro' : 'con', text: sign[2]!.trim() };
}

/** Whether a thread message is worth handing to the core (most thread messages are conversation). */
export const looksLikeArgument = (reply: string): boolean => readThreadReply(reply) !== undefined;
