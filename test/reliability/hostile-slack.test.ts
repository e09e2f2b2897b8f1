// The hostile corpus through the real Slack adapter (real Bolt over signed HTTP, real engine on
// SQLite): every request acked, no ping in anything sent, nothing invalid stored, no error logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidBlocks, PING, type SlackBed, sentTexts, startSlackBed } from '../slack/harness.ts';
import { figure } from './support/figures.ts';
import { HOSTILE, invalidStoredText, label } from './support/hostile.ts';

let t: SlackBed;
beforeAll(async () => {
  t = await startSlackBed('http');
});
afterAll(() => t.close());

const HOSTILE_NAME = '<!channel> @everyone <@U0BOSS> *chef*';

describe('the hostile corpus through the Slack adapter', () => {
  it('gets an ack for every input, pings nobody, and stores nothing invalid', async () => {
    t.slack.setUser({ id: 'UEVIL', name: HOSTILE_NAME, real_name: '<!here>' });
    expect((await t.command('UEVIL', 'C1', 'lancer Un débat pour commencer')).status).toBe(200);
    await t.idle();
    const ts = String(t.slack.okCalls('chat.postMessage')[0]!.response?.ts);
    const problems: string[] = [];
    // Answers in the HTTP response itself are sent to Slack too.
    const answers: string[] = [];
    let tried = 0;
    for (const { input } of HOSTILE) {
      for (const line of [input, `lancer ${input}`, `pour ${input}`, `voter ${input}`]) {
        const acked = await t.command('UEVIL', 'C1', line);
        tried++;
        answers.push(JSON.stringify(acked.body ?? ''));
        if (acked.status !== 200) problems.push(`${label(line)}: status ${acked.status}`);
      }
      // A thread reply under the scoreboard becomes an argument (or is left alone).
      const reply = t.slack.payloads.messageEvent({
        user: 'UEVIL',
        channel: 'C1',
        text: `contre: ${input}`,
        thread_ts: ts,
      });
      const acked = await t.event(reply);
      tried++;
      if (acked.status !== 200) problems.push(`thread reply ${label(input)}: status ${acked.status}`);
    }
    await t.idle();

    const texts = [...sentTexts(t.slack), ...answers];
    figure('hostile input, Slack adapter', {
      payloads: HOSTILE.length,
      requests: tried,
      textsSent: texts.length,
      pings: texts.filter((text) => PING.test(text)).length,
      errorsLogged: t.logger.errors.length,
    });
    expect(problems).toEqual([]);
    expect(texts.filter((text) => PING.test(text)).map(label)).toEqual([]);
    expect(invalidBlocks(t.slack)).toEqual([]);
    expect(t.logger.errors).toEqual([]);
    expect(invalidStoredText(t.bed.db)).toEqual([]);
    expect(t.bed.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
