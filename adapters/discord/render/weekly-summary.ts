import type { Language } from '../../../src/api.ts';
import type { Translate } from '../../../src/i18n/translate.ts';
import { percentages, proportionBar, totalVotes } from '../../../src/views/bars.ts';
import { formatShare } from '../../../src/views/format.ts';
import { hiddenNoteKey } from '../../../src/views/hidden-note.ts';
import { legendOf } from '../../../src/views/legend.ts';
import { shiftText, summaryTitle, summaryTotals } from '../../../src/views/summary-text.ts';
import { nextWeeklyLine } from '../../../src/views/topics.ts';
import type { WeeklyDebateItem, WeeklySummaryView } from '../../../src/views/weekly-summary.ts';
import { argumentLine, COLORS } from './common.ts';
import { sectionLines } from './sections.ts';
import { escapeUserText, plainText, userText } from './text.ts';
import type { EmbedField, OutgoingMessage } from './types.ts';

const MAX_DEBATE_FIELDS = 20;

function debateField(item: WeeklyDebateItem, tr: Translate, language: Language): EmbedField {
  const colon = language === 'fr' ? ' : ' : ': ';
  const lines: string[] = [];
  if (item.counts) {
    const shares = percentages(item.counts);
    for (const side of ['pro', 'con', 'neutral'] as const) {
      lines.push(
        `\`${proportionBar(shares[side] / 100, 12)}\` ${tr(`side.${side}`)} ${formatShare(item.counts[side], shares[side], language)}`,
      );
    }
    lines.push(
      `${tr('scoreboard.votes', { count: totalVotes(item.counts) })} · ${
        item.shift ? tr('summary.shift', { shift: shiftText(item.shift, tr) }) : tr('summary.first')
      }`,
    );
  } else lines.push(tr(hiddenNoteKey(item.debate, 'fragment')));
  lines.push(
    [
      tr('scoreboard.participants', { count: item.participants }),
      tr('summary.new_arguments', { count: item.newArguments }),
      tr('summary.opinion_changes', { count: item.opinionChanges }),
    ].join(' · '),
  );
  if (item.pageUrl) lines.push(`[${tr('page.open')}](${item.pageUrl})`);
  if (item.persuasive) {
    lines.push(`${tr('summary.persuasive')}${colon}${argumentLine(item.persuasive.argument, tr, 200)}`);
  } else {
    if (item.topPro) lines.push(`${tr('scoreboard.top_pro')}${colon}${argumentLine(item.topPro, tr, 150)}`);
    if (item.topCon) lines.push(`${tr('scoreboard.top_con')}${colon}${argumentLine(item.topCon, tr, 150)}`);
  }
  for (const section of item.sections ?? [])
    lines.push(`**${tr(section.title)}**`, ...sectionLines(tr, section, 120));
  const title = tr('list.item', { debate: item.debate.number, topic: item.debate.topic });
  return {
    name: plainText(`${title}${item.closedThisWeek ? ` ${tr('summary.closed_mark')}` : ''}`, 256),
    value: lines.join('\n'),
  };
}

/** The weekly post: totals, then one field per debate; the chart, when attached, as the embed's image. */
export function renderWeeklySummary(
  view: WeeklySummaryView,
  tr: Translate,
  language: Language,
): OutgoingMessage {
  const fields = view.debates.slice(0, MAX_DEBATE_FIELDS).map((item) => debateField(item, tr, language));
  const legend = legendOf(view).map((key) => tr(key));
  const more = view.more + Math.max(0, view.debates.length - MAX_DEBATE_FIELDS);
  const totals = view.debates.length ? summaryTotals(view, tr) : tr('summary.empty');
  const next = nextWeeklyLine(tr, language, view);
  const description = next ? `${totals}\n${escapeUserText(next)}` : totals;
  return {
    embeds: [
      {
        title: plainText(summaryTitle(view, language), 256),
        description:
          more > 0 ? `${description}\n${userText(tr('summary.more', { count: more }), 200)}` : description,
        color: COLORS.notice,
        ...(fields.length ? { fields } : {}),
        ...(legend.length ? { footer: { text: legend.join('\n') } } : {}),
      },
    ],
  };
}
