import type { styleText } from 'node:util';
import type { Language } from '../../src/api.ts';
import type { Translate } from '../../src/i18n/translate.ts';
import { percentages, proportionBar, totalVotes } from '../../src/views/bars.ts';
import { formatShare } from '../../src/views/format.ts';
import { hiddenNoteKey } from '../../src/views/hidden-note.ts';
import { shiftText, signed, summaryTitle, summaryTotals } from '../../src/views/summary-text.ts';
import { nextWeeklyLine } from '../../src/views/topics.ts';
import type { ArgumentItem } from '../../src/views/types.ts';
import type { WeeklyDebateItem, WeeklySummaryView } from '../../src/views/weekly-summary.ts';
import { sectionLines } from './render-sections.ts';

type Paint = (format: Parameters<typeof styleText>[0], text: string) => string;

/** The weekly summary as terminal text: one block per debate, closed debates last. */
export function renderWeeklySummary(
  view: WeeklySummaryView,
  tr: Translate,
  language: Language,
  paint: Paint,
  argumentLine: (item: ArgumentItem) => string,
): string {
  const colon = language === 'fr' ? ' : ' : ': ';
  const lines = [
    paint('bold', `━━ ${summaryTitle(view, language)} ━━`),
    paint('dim', summaryTotals(view, tr)),
  ];
  const block = (d: WeeklyDebateItem) => {
    const opener = d.debate.openerName ? ` · ${tr('scoreboard.opener', { name: d.debate.openerName })}` : '';
    lines.push(
      '',
      paint('bold', `${tr('scoreboard.title', { debate: d.debate.number, topic: d.debate.topic })}`) +
        paint('dim', opener),
    );
    if (d.pageUrl) lines.push(`  ${tr('page.scoreboard_link', { url: d.pageUrl })}`);
    if (d.counts) {
      if (d.closedThisWeek) lines.push(`  ${tr('summary.final_tally')}`);
      const shares = percentages(d.counts);
      const colors = { pro: 'green', con: 'red', neutral: 'gray' } as const;
      for (const side of ['pro', 'con', 'neutral'] as const) {
        const shift = d.shift ? ` ${signed(d.shift[side])}` : '';
        lines.push(
          `  ${tr(`side.${side}`).padEnd(8)}${paint(colors[side], proportionBar(shares[side] / 100, 20))} ${formatShare(d.counts[side], shares[side], language)}${shift}`,
        );
      }
      lines.push(`  ${tr('scoreboard.votes', { count: totalVotes(d.counts) })}`);
      lines.push(
        paint(
          'dim',
          `  ${d.shift ? tr('summary.shift', { shift: shiftText(d.shift, tr) }) : tr('summary.first')}`,
        ),
      );
    } else lines.push(paint('yellow', `  ${tr(hiddenNoteKey(d.debate))}`));
    lines.push(
      `  ${[
        tr('scoreboard.participants', { count: d.participants }),
        tr('summary.new_arguments', { count: d.newArguments }),
        tr('summary.opinion_changes', { count: d.opinionChanges }),
      ].join(' · ')}`,
    );
    if (d.newArgumentsTop.length > 0) {
      lines.push(`  ${tr('summary.new_arguments_title')}${colon.trimEnd()}`);
      for (const a of d.newArgumentsTop) lines.push(`    ${argumentLine(a)}`);
    }
    if (d.topPro) lines.push(`  ${tr('scoreboard.top_pro')}${colon}${argumentLine(d.topPro)}`);
    if (d.topCon) lines.push(`  ${tr('scoreboard.top_con')}${colon}${argumentLine(d.topCon)}`);
    if (d.persuasive)
      lines.push(
        `  ${tr('summary.persuasive')}${colon}${argumentLine(d.persuasive.argument)} · ${tr('summary.week_deltas', { count: d.persuasive.weekDeltas })}`,
      );
    lines.push(...sectionLines(d.sections, tr, language, paint, argumentLine, '  '));
  };
  const open = view.debates.filter((d) => !d.closedThisWeek);
  const closed = view.debates.filter((d) => d.closedThisWeek);
  open.forEach(block);
  if (closed.length > 0) {
    lines.push('', paint('bold', `── ${tr('summary.closed_section')} ──`));
    closed.forEach(block);
  }
  if (view.more > 0) lines.push('', paint('dim', tr('summary.more', { count: view.more })));
  const next = nextWeeklyLine(tr, language, view);
  if (next) lines.push('', next);
  return lines.join('\n');
}
