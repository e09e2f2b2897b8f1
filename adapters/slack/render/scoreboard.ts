// The live scoreboard as Block Kit: title, who and when, bars per side (or "hidden"), counts,
// the top arguments and the buttons. About a dozen blocks whatever the debate's size.
import type { Language } from '../../../src/api.ts';
import type { Translate } from '../../../src/i18n/translate.ts';
import { percentages, proportionBar, totalVotes } from '../../../src/views/bars.ts';
import { formatDateTime, formatShare } from '../../../src/views/format.ts';
import { halftimeHeadingKey, hiddenNoteKey } from '../../../src/views/hidden-note.ts';
import { legendOf } from '../../../src/views/legend.ts';
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
import { sectionTexts } from './sections.ts';

const BAR_WIDTH = 16;
/** Each top argument is shown in a section of its own, cut to this many characters. */
const TOP_ARGUMENT_TEXT = 600;
/** Arguments of common ground and the closing note, cut to this many characters each. */
const SECTION_TEXT = 400;

function meta(tr: Translate, language: Language, view: ScoreboardView): string {
  const { debate } = view;
  const parts: string[] = [];
  // An opener who asked to be forgotten is simply not named: the debate is not an anonymous one.
  if (debate.anonymous) parts.push(esc(tr('scoreboard.opener_anonymous')));
  else if (debate.openerName)
    parts.push(mrkdwnMessage(tr, 'scoreboard.opener', {}, { name: clip(debate.openerName, 200) }));
  parts.push(esc(tr('scoreboard.status', { status: tr(`status.${debate.status}`) })));
  if (debate.hidden) parts.push(esc(tr('word.hidden')));
  // In the channel's zone, as on every platform (a Slack date token would follow each reader's).
  if (debate.closesAt !== null && debate.status === 'open')
    parts.push(
      esc(tr('scoreboard.closes_at', { date: formatDateTime(debate.closesAt, language, view.timezone) })),
    );
  return parts.join(' · ');
}

function tally(tr: Translate, language: Language, view: ScoreboardView): string {
  if (!view.counts) return `:lock: ${esc(tr(hiddenNoteKey(view.debate)))}`;
  const shares = percentages(view.counts);
  const lines = (['pro', 'con', 'neutral'] as const).map(
    (side) =>
      `*${esc(tr(`side.${side}`))}* \`${proportionBar(shares[side] / 100, BAR_WIDTH)}\` ${formatShare(view.counts![side], shares[side], language)}`,
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

const counts = (tr: Translate, view: ScoreboardView): string =>
  [
    tr('scoreboard.participants', { count: view.participants }),
    tr('scoreboard.arguments', { count: view.argumentCounts.pro + view.argumentCounts.con }),
    ...(view.deltas > 0 ? [tr('scoreboard.deltas', { count: view.deltas })] : []),
  ].join(' · ');

export function renderScoreboard(tr: Translate, language: Language, view: ScoreboardView): SlackMessage {
  const { debate } = view;
  const title = tr('scoreboard.title', { debate: debate.number, topic: debate.topic });
  const blocks: Block[] = [
    header(title),
    context(meta(tr, language, view)),
    section(tally(tr, language, view)),
  ];
  if (view.ended) {
    const key = view.ended.byDuration ? 'ended.duration' : 'ended.closed';
    const heading = mrkdwnMessage(
      tr,
      key,
      { debate: debate.number },
      { channel: `<#${view.ended.channelId}>` },
    );
    blocks.unshift(section(`*${heading}*`));
    for (const text of sectionTexts(tr, view.sections, SECTION_TEXT)) blocks.push(section(text));
    // The announcement is a message of its own, not a second live scoreboard: no buttons.
    blocks.push(context(esc([counts(tr, view), ...legendOf(view).map((key) => tr(key))].join(' · '))));
    return { text: clip(`${tr(key, { debate: debate.number, channel: '' })} ${title}`, 3000), blocks };
  }
  // The reminder before the end: a heading and how to vote, above the tally and its buttons.
  if (view.weekly) blocks.unshift(section(`*${esc(tr('weekly.heading'))}*`));
  if (view.halftime)
    blocks.unshift(section(`*${esc(tr(halftimeHeadingKey(debate), { debate: debate.number }))}*`));
  if (view.reminder) {
    blocks.unshift(section(`*${esc(tr('reminder.heading', { debate: debate.number }))}*`));
    blocks.push(context(esc(tr('reminder.how', { debate: debate.number }))));
  }
  blocks.push(context(esc(counts(tr, view))));
  if (view.pageUrl) blocks.push(context(`<${view.pageUrl}|${esc(tr('page.open'))}>`));
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
  if (!view.topPro && !view.topCon && debate.status === 'open')
    blocks.push(context(esc(tr('scoreboard.no_arguments'))));
  for (const text of sectionTexts(tr, view.sections, SECTION_TEXT)) blocks.push(section(text));
  blocks.push(...buttons(tr, view));
  // The public scoreboard says how its buttons toggle and invites thread replies; a private copy
  // has no buttons to vote with and no thread.
  const hints = legendOf(view).map((key) => tr(key));
  if (debate.status === 'open' && view.viewerVote === undefined)
    hints.push(tr('scoreboard.vote_hint'), tr('scoreboard.thread_hint'));
  if (hints.length > 0) blocks.push(context(esc(hints.join(' '))));
  const heading = view.reminder ? 'reminder.heading' : view.halftime ? halftimeHeadingKey(debate) : undefined;
  const text = heading ? `${tr(heading, { debate: debate.number })} ${title}` : title;
  return { text: clip(text, 3000), blocks };
}
