// A platform that learns who is an admin only after its ack (Slack) sends a line with its rights
// unknown: a command that acts on rights is not run, and the outcome asks for them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { firstView } from '../helpers/outcome.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await testEngine();
  await bed.engine.run(person('opener'), 'lancer Le bureau ouvert ?');
});
afterEach(() => bed.cleanup());

const unknown = (who: string, text: string) =>
  bed.engine.receive({ kind: 'line', inv: person(who), text, rightsUnknown: true });

describe('a line whose rights are not known yet', () => {
  it('runs at once when the command acts on no rights', async () => {
    const outcome = await unknown('a', 'voter pour');
    expect(outcome.next).toBeUndefined();
    expect(firstView(outcome, 'notice').key).toBe('notice.vote_cast');
  });

  it('asks for rights before closing, and closes nothing meanwhile', async () => {
    const outcome = await unknown('opener', 'clore');
    expect(outcome).toEqual({ replies: [], refresh: [], next: { kind: 'rights' } });
    const openList = firstView(await bed.engine.run(person('a'), 'liste'), 'debateList');
    expect(openList.items.map((item) => item.debate.number)).toEqual([1]);
    const closed = await bed.engine.receive({ kind: 'line', inv: person('opener'), text: 'clore' });
    expect(closed.next).toBeUndefined();
    expect(firstView(await bed.engine.run(person('a'), 'liste'), 'debateList').items).toEqual([]);
  });

  it('asks for rights to open only where the channel keeps opening to its admins', async () => {
    expect((await unknown('a', 'lancer Ouvert à tous')).opened).toEqual({ number: 2 });
    await bed.engine.run(person('boss', { admin: true }), 'config lancer admins');
    const outcome = await unknown('a', 'lancer Réservé');
    expect(outcome.next).toEqual({ kind: 'rights' });
    expect(outcome.opened).toBeUndefined();
    expect((await unknown('a', 'voter pour')).next).toBeUndefined();
  });

  it('refuses a line that does not parse without asking anything', async () => {
    const outcome = await unknown('a', 'clorre');
    expect(outcome.next).toBeUndefined();
    expect(outcome.replies[0]?.visibility).toBe('private');
  });
});
