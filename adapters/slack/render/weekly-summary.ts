// The weekly summary as Block Kit: a header, the week's totals, then per debate one section
// (bars with the shift since the last summary, top arguments) and one context line.
import type { Language } from '../../../src/api.ts';
import type { Translate } from '../../../src/i18n/translate.ts';
import { percentages, proportionBar, totalVotes } from '../../../src/views/bars.ts';
import { formatShare } from '../../../src/views/format.ts';
import { hiddenNoteKey } from '../../../src/views/hidden-note.ts';
import { legendOf } from '../../../src/views/legend.ts';
import { shiftText, signed, summaryTitle, summaryTotals } from '../../../src/views/summary-text.ts';
import { nextWeeklyLine } from '../../../src/views/topics.ts';
import type { WeeklyDebateItem, WeeklySummaryView } from '../../../src/views/weekly-summary.ts';
import { argumentLine } from './argument-line.ts';
import {
  type Block,
  clip,
  context,
  esc,
  header,
  mrkdwnMessage,
  type SlackMessage,
  section,
} from './blocks.ts';
import { sectionTexts } from './sections.ts';

const BAR_WIDTH = 12;
/**
 * Header, totals, the closed-debates, "more", next-debate and legend lines leave room for this
 * many debates of three blocks each (the third: common ground, rounds, closing note).
 */
const MAX_DEBATES = 14;
const ARGUMENT_TEXT = 300;
/** Common ground and the closing note: their own section per debate, each text cut to this. */
const SECTION_TEXT = 200;

function tally(tr: Translate, language: Language, d: WeeklyDebateItem): string[] {
  if (!d.counts) return [`:lock: ${esc(tr(hiddenNoteKey(d.debate)))}`];
  const counts = d.counts;
  const shares = percentages(counts);
  const lines = (['pro', 'con', 'neutral'] as const).map((side) => {
    const shift = d.shift ? ` ${signed(d.shift[side])}` : '';
    return `*${esc(tr(`side.${side}`))}* \`${proportionBar(shares[side] / 100, BAR_WIDTH)}\` ${formatShare(counts[side], shares[side], language)}${shift}`;
  });
  lines.push(
    esc(
      `${tr('scoreboard.votes', { count: totalVotes(counts) })} · ${
        d.shift ? tr('summary.shift', { shift: shiftText(d.shift, tr) }) : tr('summary.first')
      }`,
    ),
  );
  return lines;
}

function debateBlocks(tr: Translate, language: Language, d: WeeklyDebateItem): Block[] {
  const title = mrkdwnMessage(
    tr,
    'scoreboard.title',
    { debate: d.debate.number },
    { topic: clip(d.debate.topic, 300) },
  );
  const lines = [`*${title}*`];
  if (d.pageUrl) lines.push(`<${d.pageUrl}|${esc(tr('page.open'))}>`);
  if (d.closedThisWeek && d.counts) lines.push(`_${esc(tr('summary.final_tally'))}_`);
  lines.push(...tally(tr, language, d));
  if (d.newArgumentsTop.length > 0) {
    lines.push(`*${esc(tr('summary.new_arguments_title'))}*`);
    for (const a of d.newArgumentsTop) lines.push(argumentLine(tr, a, ARGUMENT_TEXT));
  }
  if (d.topPro) lines.push(`*${esc(tr('scoreboard.top_pro'))}*`, argumentLine(tr, d.topPro, ARGUMENT_TEXT));
  if (d.topCon) lines.push(`*${esc(tr('scoreboard.top_con'))}*`, argumentLine(tr, d.topCon, ARGUMENT_TEXT));
  if (d.persuasive)
    lines.push(
      `*${esc(tr('summary.persuasive'))}* · ${esc(tr('summary.week_deltas', { count: d.persuasive.weekDeltas }))}`,
      argumentLine(tr, d.persuasive.argument, ARGUMENT_TEXT),
    );
  const stats = [
    d.debate.openerName ? tr('scoreboard.opener', { name: d.debate.openerName }) : undefined,
    tr('scoreboard.participants', { count: d.participants }),
    tr('summary.new_arguments', { count: d.newArguments }),
    tr('summary.opinion_changes', { count: d.opinionChanges }),
  ].filter((s): s is string => s !== undefined);
  const sections = sectionTexts(tr, d.sections, SECTION_TEXT);
  return [
    section(lines.join('\n')),
    ...(sections.length > 0 ? [section(sections.join('\n'))] : []),
    context(clip(stats.join(' · '), 3000)),
  ];
}

export function renderWeeklySummary(
  tr: Translate,
  language: Language,
  view: WeeklySummaryView,
): SlackMessage {
  const title = summaryTitle(view, language);
  const blocks: Block[] = [header(title), context(esc(summaryTotals(view, tr)))];
  const shown = view.debates.slice(0, MAX_DEBATES);
  const more = view.more + view.debates.length - shown.length;
  if (shown.length === 0) blocks.push(section(esc(tr('summary.empty'))));
  const open = shown.filter((d) => !d.closedThisWeek);
  const closed = shown.filter((d) => d.closedThisWeek);
  for (const d of open) blocks.push(...debateBlocks(tr, language, d));
  if (closed.length > 0) {
    blocks.push(section(`*${esc(tr('summary.closed_section'))}*`));
    for (const d of closed) blocks.push(...debateBlocks(tr, language, d));
  }
  if (more > 0) blocks.push(context(esc(tr('summary.more', { count: more }))));
  const next = nextWeeklyLine(tr, language, view);
  if (next) blocks.push(section(esc(next)));
  const legend = legendOf(view).map((key) => tr(key));
  if (legend.length > 0) blocks.push(context(esc(legend.join(' · '))));
  return { text: clip(`${title}\n${summaryTotals(view, tr)}`, 3000), blocks };
}
