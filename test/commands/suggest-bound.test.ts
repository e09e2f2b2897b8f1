// "Did you mean" compares only words of a plausible length, with keywords of about their length.
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse.ts';
import { closest, editDistance, SUGGEST_MAX_LENGTH } from '../../src/commands/suggest.ts';
import { KEYWORDS } from '../../src/commands/words.ts';

describe('did you mean', () => {
  it('still finds typos of every keyword', () => {
    expect(closest('lancr', KEYWORDS)).toBe('lancer');
    expect(closest('exporterr', KEYWORDS)).toBe('exporter');
    for (const keyword of KEYWORDS.filter((word) => word.length > 2))
      expect(closest(`${keyword}z`, KEYWORDS)).toBeDefined();
  });

  it('offers nothing for a word no keyword is near in length, however long', () => {
    expect(Math.max(...KEYWORDS.map((word) => word.length))).toBeLessThanOrEqual(SUGGEST_MAX_LENGTH);
    const long = 'lancer'.repeat(600);
    expect(closest(long, KEYWORDS)).toBeUndefined();
    expect(parseCommand(long)).toMatchObject({ ok: true, value: { kind: 'help', suggestion: undefined } });
    // What the bound spares: the full comparison of such a word is 3,600 × 6 cells per keyword.
    expect(editDistance(long.slice(0, 60), 'lancer')).toBe(54);
  });
});
