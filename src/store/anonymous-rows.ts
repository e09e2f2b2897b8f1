import { randomBytes } from 'node:crypto';

/**
 * The id of an anonymous debate's vote event: random and negative, so it tells nothing of when the
 * event came (ids of named debates count up from 1, apart from these). 53 bits: a JavaScript number.
 */
export const anonymousEventId = (): number => -(Number(randomBytes(8).readBigUInt64BE() >> 11n) + 1);
