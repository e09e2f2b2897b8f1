import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoteSide } from '../../src/domain/types.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { firstView } from '../helpers/outcome.ts';

let bed: TestBed;
beforeAll(async () => {
  bed = await testEngine();
});
afterAll(() => bed.cleanup());

const WORD: Record<VoteSide, string> = { pro: 'pour', con: 'contre', neutral: 'neutre' };

describe('the tally', () => {
  it('equals the latest vote of each distinct voter after any sequence of votes', async () => {
    let debate = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom<VoteSide>('pro', 'con', 'neutral')),
          {
            maxLength: 60,
          },
        ),
        async (votes) => {
          debate++;
          await bed.engine.run(person('opener', { channel: `C${debate}` }), `lancer Débat ${debate}`);
          const latest = new Map<number, VoteSide>();
          for (const [voter, side] of votes) {
            await bed.engine.run(person(`U${voter}`, { channel: `C${debate}` }), `voter ${WORD[side]}`);
            // The same vote again withdraws it.
            if (latest.get(voter) === side) latest.delete(voter);
            else latest.set(voter, side);
          }
          const expected = { pro: 0, con: 0, neutral: 0 };
          for (const side of latest.values()) expected[side]++;
          const board = firstView(
            await bed.engine.run(person('opener', { channel: `C${debate}` }), `bilan #${debate}`),
            'scoreboard',
          );
          expect(board.counts).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
