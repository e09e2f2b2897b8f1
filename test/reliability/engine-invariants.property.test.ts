import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Side, VoteSide } from '../../src/domain/types.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { figure } from './support/figures.ts';

// Random command sequences by random people on the real engine (real SQLite), checked step by
// step against a model of the rules. User 0 opens the debate; user 5 is a workspace admin.
const USERS = 6;
const ADMIN = 5;
const OPENER = 0;

type Action =
  | { kind: 'vote'; user: number; side: VoteSide }
  | { kind: 'argue'; user: number; side: Side }
  | { kind: 'endorse'; user: number; number: number }
  | { kind: 'withdraw'; user: number; number: number }
  | { kind: 'close'; user: number }
  | { kind: 'reopen'; user: number };

const user = fc.integer({ min: 0, max: USERS - 1 });
const argumentNumber = fc.integer({ min: 1, max: 8 });
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('vote'),
      user,
      side: fc.constantFrom<VoteSide>('pro', 'con', 'neutral'),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('argue'), user, side: fc.constantFrom<Side>('pro', 'con') }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('endorse'), user, number: argumentNumber }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw'), user, number: argumentNumber }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close'), user }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen'), user }) },
);

const WORD: Record<VoteSide, string> = { pro: 'pour', con: 'contre', neutral: 'neutre' };

interface ModelArgument {
  number: number;
  side: Side;
  author: number;
  text: string;
  withdrawn: boolean;
  endorsers: Set<number>;
}

/** The rules as the product states them; returns the expected error code, or undefined for success. */
class Model {
  open = true;
  votes = new Map<number, VoteSide>();
  arguments: ModelArgument[] = [];

  apply(step: Action, text: string): string | undefined {
    const moderator = step.user === ADMIN || step.user === OPENER;
    switch (step.kind) {
      case 'vote':
        if (!this.open) return 'debate.closed';
        if (this.votes.get(step.user) === step.side) this.votes.delete(step.user);
        else this.votes.set(step.user, step.side);
        return undefined;
      case 'argue':
        if (!this.open) return 'debate.closed';
        this.arguments.push({
          number: this.arguments.length + 1,
          side: step.side,
          author: step.user,
          text,
          withdrawn: false,
          endorsers: new Set(),
        });
        return undefined;
      case 'endorse': {
        if (!this.open) return 'debate.closed';
        const argument = this.arguments[step.number - 1];
        if (!argument) return 'argument.not_found';
        if (argument.withdrawn) return 'argument.withdrawn';
        if (argument.author === step.user) return 'argument.own';
        if (argument.endorsers.has(step.user)) argument.endorsers.delete(step.user);
        else argument.endorsers.add(step.user);
        return undefined;
      }
      case 'withdraw': {
        const argument = this.arguments[step.number - 1];
        if (!argument) return 'argument.not_found';
        if (argument.author !== step.user && step.user !== ADMIN) return 'rights.withdraw';
        if (argument.withdrawn) return 'argument.withdrawn';
        argument.withdrawn = true;
        return undefined;
      }
      case 'close':
      case 'reopen': {
        if (!moderator) return 'rights.close';
        const wantOpen = step.kind === 'reopen';
        if (this.open === wantOpen) return wantOpen ? 'debate.already_open' : 'debate.already_closed';
        this.open = wantOpen;
        return undefined;
      }
    }
  }

  tally() {
    const counts = { pro: 0, con: 0, neutral: 0 };
    for (const side of this.votes.values()) counts[side]++;
    return counts;
  }
}

const lineOf = (step: Action, text: string): string => {
  switch (step.kind) {
    case 'vote':
      return `voter ${WORD[step.side]} #1`;
    case 'argue':
      return `${step.side === 'pro' ? 'pour' : 'contre'} #1 ${text}`;
    case 'endorse':
      return `appuyer ${step.number} #1`;
    case 'withdraw':
      return `retirer ${step.number} #1`;
    case 'close':
      return 'clore #1';
    case 'reopen':
      return 'rouvrir #1';
  }
};

let bed: TestBed;
beforeAll(async () => {
  bed = await testEngine();
});
afterAll(() => bed.cleanup());

describe('the engine under random command sequences by random people', () => {
  it('keeps its rules: tally, endorsements once per person, closed debates, stable numbering', async () => {
    let run = 0;
    let steps = 0;
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(action, { minLength: 5, maxLength: 80, size: 'max' }),
        async (anonymous, actions) => {
          run++;
          const workspace = `W${run}`;
          const as = (id: number) => person(`U${id}`, { workspace, admin: id === ADMIN });
          await bed.engine.run(as(OPENER), `lancer Sujet ${run}${anonymous ? ' --anonyme' : ''}`);
          const debate = (await bed.store.findDebate({ platform: 'slack', workspaceId: workspace }, 1))!;
          const model = new Model();
          for (const [index, step] of actions.entries()) {
            const text = `argument ${index}`;
            const expected = model.apply(step, text);
            const outcome = await bed.engine.run(as(step.user), lineOf(step, text));
            const view = outcome.replies[0]!.view;
            steps++;
            const context = `${JSON.stringify(step)} (step ${index}, anonymous ${anonymous})`;
            if (expected === undefined) expect(view.kind, context).not.toBe('error');
            else {
              refusals++;
              expect(view.kind === 'error' ? view.error.code : view.kind, context).toBe(expected);
            }

            // Tally = the latest vote of each distinct voter.
            expect(await bed.store.tally(debate.id), context).toEqual(model.tally());
            expect((await bed.store.findDebate(debate, 1))!.status, context).toBe(
              model.open ? 'open' : 'closed',
            );
          }
          // Arguments keep their numbers, texts and sides; endorsements are counted once per person.
          for (const argument of model.arguments) {
            const stored = await bed.store.argument(debate.id, argument.number);
            expect(stored).toMatchObject({
              number: argument.number,
              side: argument.side,
              text: argument.text,
            });
            expect(stored!.withdrawnAt !== null).toBe(argument.withdrawn);
            expect(stored!.endorsements).toBe(argument.endorsers.size);
          }
          expect(await bed.store.argument(debate.id, model.arguments.length + 1)).toBeUndefined();
          // The scoreboard people see agrees.
          const board = (await bed.engine.liveScoreboard(as(OPENER), 1))!.view;
          if (board.kind !== 'scoreboard') throw new Error(board.kind);
          expect(board.counts).toEqual(model.tally());
          expect(board.argumentCounts.pro + board.argumentCounts.con).toBe(
            model.arguments.filter((argument) => !argument.withdrawn).length,
          );
        },
      ),
      { numRuns: 150 },
    );
    figure('engine properties', { sequences: run, commands: steps, refusalsChecked: refusals });
  });
});
