// The page's link where the platforms show it: the scoreboard, Slack's App Home and the weekly
// summary, rendered by each adapter from views the real engine built.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply as discordReply } from '../../adapters/discord/render/index.ts';
import { renderHome } from '../../adapters/slack/render/home.ts';
import { renderReply as slackReply } from '../../adapters/slack/render/reply.ts';
import { renderReply as terminalReply } from '../../adapters/terminal/render.ts';
import { translator } from '../../src/i18n/translate.ts';
import type { Reply } from '../../src/views/types.ts';
import { checkMessage, checkView } from '../fakes/slack/block-kit-limits.ts';
import { person } from '../helpers/engine.ts';
import { type PageBed, pageBed } from './bed.ts';

let bed: PageBed;
let url: string;
let scoreboard: Reply;
let week: Reply;
const alice = person('U1');

beforeAll(async () => {
  bed = await pageBed();
  await bed.run(alice, 'lancer Faut-il un open space ?');
  bed.clock.advance(60_000);
  await bed.run(alice, 'voter pour');
  bed.clock.advance(60_000);
  url = await bed.linkOf(alice);
  scoreboard = (await bed.engine.liveScoreboard(alice, 1))!;
  week = (await bed.run(alice, 'bilan')).replies[0]!;
  expect(week.view.kind).toBe('weeklySummary');
});
afterAll(() => bed.cleanup());

describe('links to the debate page', () => {
  it('on Slack: a mrkdwn link under the scoreboard, in the App Home and in the summary', async () => {
    for (const reply of [scoreboard, week]) {
      const message = slackReply(reply);
      expect(checkMessage(message as never)).toEqual([]);
      expect(JSON.stringify(message)).toContain(`<${url}|Page du débat>`);
    }
    const home = renderHome(
      translator('en'),
      await bed.engine.personalDebates({ platform: 'slack', workspaceId: 'T1', user: alice.user }),
    );
    expect(checkView(home)).toEqual([]);
    expect(JSON.stringify(home)).toContain(`<${url}|Debate page>`);
  });

  it('on Discord: a Markdown link in the scoreboard and the summary', () => {
    for (const reply of [scoreboard, week])
      expect(JSON.stringify(discordReply(reply))).toContain(`[Page du débat](${url})`);
  });

  it('in the terminal: the address itself', () => {
    for (const reply of [scoreboard, week])
      expect(terminalReply(reply, { color: false })).toContain(`Tout le débat sur une page : ${url}`);
  });
});
