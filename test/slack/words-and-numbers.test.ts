// Words and numbers on Slack, as people meet them: the real Bolt app against the fake Slack. The
// end date is the channel's (not each reader's), the thread setting is shown, every symbol is
// explained where it appears, and English numbers read the English way.
import { afterEach, describe, expect, it } from 'vitest';
import { closeCleanly, type SlackBed, startSlackBed } from './harness.ts';

let t: SlackBed;
afterEach(() => closeCleanly(t));

const text = (value: unknown) => JSON.stringify(value ?? {});

async function say(user: string, channel: string, line: string) {
  const acked = await t.command(user, channel, line);
  await t.idle();
  return acked;
}

describe('words and numbers on Slack', () => {
  it('dates in the channel’s zone, the thread setting, the legends, French and English numbers', async () => {
    t = await startSlackBed('http');
    t.slack.setUser({ id: 'UADMIN', is_admin: true });
    // Sunday 29 November 2026, 15:00 UTC: 10:00 in Toronto.
    t.bed.clock.set(new Date('2026-11-29T15:00:00Z'));
    await say('UADMIN', 'C1', 'config fuseau America/Toronto');
    await say('UADMIN', 'C1', 'config fil on');
    expect(t.slack.privateNotes('UADMIN').at(-1)?.text).toBe('Réglages du salon');
    expect(text(t.slack.privateNotes('UADMIN').at(-1)?.blocks)).toContain('Un fil par débat : oui');

    await say('UANNE', 'C1', 'lancer --duree 2j Bureau ouvert ?');
    const board = () => text(t.slack.channelMessages('C1')[0]?.blocks);
    expect(board()).toContain('Se termine le mar. 1er déc., 10:00');
    expect(board()).toContain('0 (0 %)');
    await say('UANNE', 'C1', 'pour Le calme');
    await say('UBOB', 'C1', 'appuyer 1');
    const list = await say('UBOB', 'C1', 'arguments');
    expect(text(list.body)).toContain('1 appui · par uanne · ★');
    expect(text(list.body)).toContain('★ : un argument que vous appuyez');
    await say('UBOB', 'C1', 'voter contre');
    await say('UBOB', 'C1', 'voter pour');
    await say('UBOB', 'C1', 'delta 1');
    expect(board()).toContain('1 ∆ donné');
    expect(board()).toContain('∆ : un changement d’avis attribué à l’argument qui l’a provoqué');

    await say('UADMIN', 'C2', 'config langue en');
    await say('UADMIN', 'C2', 'config fuseau Europe/Paris');
    await say('UANNE', 'C2', 'open --duration 2d Open plan?');
    const english = text(t.slack.channelMessages('C2')[0]?.blocks);
    expect(english).toContain('Ends on Tue 1 Dec, 16:00');
    expect(english).toContain('0 (0%)');
    expect(english).toContain('0 voters');
  });
});
