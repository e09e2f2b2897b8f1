// The attacker of the forensic tests: someone holding the files (database, log, backup, dump) who
// wants to know who cast which anonymous vote, and in which order. Each attack returns what it
// found; a test asserts that it found nothing.

import type { Platform } from '../../src/domain/types.ts';
import { participantKey } from '../../src/engine/identity.ts';

/** Every run of characters a key could be written with (text, hex, base64, base64url), 16 long or more. */
export function secretCandidates(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/[A-Za-z0-9+/=_-]{16,}/g)) found.add(match[0]);
  return [...found];
}

/** A key column's value in a row of an anonymous debate (a voter's, an endorser's, an author's, its opener's). */
export interface AnonymousRow {
  key: string;
  debateUid: string;
}

/**
 * Tries every user id the database lists under every candidate key: a row whose key is the user
 * id itself, or the HMAC the bot would compute for that user, is linked. Returns the links found.
 */
export function linkAttempt(options: {
  rows: readonly AnonymousRow[];
  userIds: readonly string[];
  candidates: readonly string[];
  platform: Platform;
  workspaceId: string;
}): { key: string; userId: string }[] {
  const byKey = new Map(options.rows.map((row) => [row.key, row]));
  const links: { key: string; userId: string }[] = [];
  const debates = [...new Set(options.rows.map((row) => row.debateUid))];
  for (const userId of options.userIds) {
    if (byKey.has(userId)) links.push({ key: userId, userId });
    for (const secret of options.candidates)
      for (const uid of debates) {
        const key = participantKey(
          secret,
          { uid, anonymous: true },
          { platform: options.platform, workspaceId: options.workspaceId, userId },
        );
        if (byKey.get(key)?.debateUid === uid) links.push({ key, userId });
      }
  }
  return links;
}

/**
 * Whether an order the attacker read from the files tells the order the votes were cast in: the
 * share of pairs of voters it puts the way they came (or all the other way), 90% or more. A
 * random order puts about half of them either way (with 16 voters, 90% is 4 standard deviations
 * away); an order kept from the insertion puts nearly all of them right.
 */
export function ordersMatch(observed: readonly string[], cast: readonly string[]): boolean {
  const position = new Map(observed.map((key, index) => [key, index]));
  const seen = cast.filter((key) => position.has(key));
  if (seen.length < 2) return false;
  let agree = 0;
  let pairs = 0;
  for (let i = 0; i < seen.length; i += 1)
    for (let j = i + 1; j < seen.length; j += 1) {
      pairs += 1;
      if (position.get(seen[i]!)! < position.get(seen[j]!)!) agree += 1;
    }
  return agree >= 0.9 * pairs || agree <= 0.1 * pairs;
}

/** The rows of each table in a pg_dump, in the dump's order, as column → text. */
export function dumpTables(dump: string): Map<string, Record<string, string>[]> {
  const tables = new Map<string, Record<string, string>[]>();
  const copy = /^COPY public\.(\w+) \(([^)]*)\) FROM stdin;\n([\s\S]*?)^\\\.$/gm;
  for (const [, table, columns, body] of dump.matchAll(copy)) {
    const names = columns!.split(', ');
    const rows = body!
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => Object.fromEntries(line.split('\t').map((value, index) => [names[index]!, value])));
    tables.set(table!, rows);
  }
  return tables;
}
