// The live scoreboard as Block Kit: title, who and when, bars per side (or "hidden"), counts,
// the top arguments and the buttons. About a dozen blocks whatever the debate's size.
import type { Translate } from '../../../src/i18n/translate.ts';
import { percentages, proportionBar, totalVotes } from '../../../src/views/bars.ts';
import type { ScoreboardView } from '../../../src/views/types.ts';
import { ACTION, debateValue, pageValue, voteValue } from '../action-ids.ts';
import { argumentLine } from './argument-line.ts';
import {
  actions,
  type Block,
  button,
  clip,
  context,
  esc,
  header,
  mrkdwnMessage,
  type SlackMessage,
  section,
} from './blocks.ts';

const BAR_WIDTH = 16;
/** Each top argument is shown in a section of its own, cut to this many characters. */
const TOP_ARGUMENT_TEXT = 600;

/** A Slack date token: shown in each reader's own time zone, with a plain fallback. */
export const slackDate = (ms: number): string =>
  `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${new Date(ms).toISOString().slice(0, 16)}Z>`;

function meta(tr: Translate, view: ScoreboardView): string {
  const { debate } = view;
  const parts = [
    debate.openerName
      ? mrkdwnMessage(tr, 'scoreboard.opener', {}, { name: clip(debate.openerName, 200) })
      : esc(tr('scoreboard.opener_anonymous')),
    esc(tr('scoreboard.status', { status: tr(`status.${debate.status}`) })),
  ];
  if (debate.anonymous && debate.openerName) parts.push(esc(tr('word.anonymous')));
  if (debate.hidden) parts.push(esc(tr('word.hidden')));
  if (debate.closesAt !== null && debate.status === 'open')
    parts.push(mrkdwnMessage(tr, 'scoreboard.closes_at', {}, { date: slackDate(debate.closesAt) }));
  return parts.join(' · ');
}

function tally(tr: Translate, view: ScoreboardView): string {
  if (!view.counts) return `:lock: ${esc(tr('scoreboard.hidden'))}`;
  const shares = percentages(view.counts);
  const lines = (['pro', 'con', 'neutral'] as const).map(
    (side) =>
      `*${esc(tr(`side.${side}`))}* \`${proportionBar(shares[side] / 100, BAR_WIDTH)}\` ${view.counts![side]} (${shares[side]} %)`,
  );
  lines.push(esc(tr('scoreboard.votes', { count: totalVotes(view.counts) })));
  return lines.join('\n');
}

function buttons(tr: Translate, view: ScoreboardView): Block[] {
  const n = view.debate.number;
  if (view.debate.status === 'closed')
    return actions(
      [
        button(tr('button.arguments'), ACTION.arguments, pageValue(n, 1)),
        button(tr('button.reopen'), ACTION.reopen, debateValue(n)),
      ],
      'scoreboard',
    );
  return actions(
    [
      button(tr('button.pro'), `${ACTION.vote}.pro`, voteValue(n, 'pro'), 'primary'),
      button(tr('button.con'), `${ACTION.vote}.con`, voteValue(n, 'con'), 'danger'),
      button(tr('button.neutral'), `${ACTION.vote}.neutral`, voteValue(n, 'neutral')),
      button(tr('button.add_argument'), ACTION.addArgument, debateValue(n)),
      button(tr('button.arguments'), ACTION.arguments, pageValue(n, 1)),
      button(tr('button.close'), ACTION.close, debateValue(n)),
    ],
    'scoreboard',
  );
}

export function renderScoreboard(tr: Translate, view: ScoreboardView): SlackMessage {
  const { debate } = view;
  const title = tr('scoreboard.title', { debate: debate.number, topic: debate.topic });
  const blocks: Block[] = [header(title), context(meta(tr, view)), section(tally(tr, view))];
  const counts = [
    tr('scoreboard.participants', { count: view.participants }),
    tr('scoreboard.arguments', { count: view.argumentCounts.pro + view.argumentCounts.con }),
    tr('scoreboard.deltas', { count: view.deltas }),
  ];
  blocks.push(context(esc(counts.join(' · '))));
  if (view.viewerVote !== undefined)
    blocks.push(
      context(
        esc(
          view.viewerVote
            ? tr('scoreboard.your_vote', { side: tr(`side.${view.viewerVote}`) })
            : tr('scoreboard.your_vote_none'),
        ),
      ),
    );
  const tops = [
    ['scoreboard.top_pro', view.topPro],
    ['scoreboard.top_con', view.topCon],
    ['scoreboard.newest', view.newest],
  ] as const;
  for (const [key, item] of tops)
    if (item) blocks.push(section(`*${esc(tr(key))}*\n${argumentLine(tr, item, TOP_ARGUMENT_TEXT)}`));
  if (!view.topPro && !view.topCon) blocks.push(context(esc(tr('scoreboard.no_arguments'))));
  blocks.push(...buttons(tr, view));
  // The public scoreboard says how its buttons toggle and invites thread replies; a private copy
  // has no buttons to vote with and no thread.
  if (debate.status === 'open' && view.viewerVote === undefined)
    blocks.push(context(esc(`${tr('scoreboard.vote_hint')} ${tr('scoreboard.thread_hint')}`)));
  return { text: clip(title, 3000), blocks };
}
