import { styleText } from 'node:util';
import type { Language } from '../../src/api.ts';
import { errorKey, type Translate, translator } from '../../src/i18n/translate.ts';
import { percentages, proportionBar, totalVotes } from '../../src/views/bars.ts';
import { formatDateTime, formatShare } from '../../src/views/format.ts';
import { halftimeHeadingKey, hiddenNoteKey } from '../../src/views/hidden-note.ts';
import { legendOf } from '../../src/views/legend.ts';
import { rhythmSetting, topicsRhythmLine } from '../../src/views/topics.ts';
import type { ArgumentItem, Reply, ScoreboardView, View } from '../../src/views/types.ts';
import { sectionLines } from './render-sections.ts';
import { renderWeeklySummary } from './render-summary.ts';

type Style = Parameters<typeof styleText>[0];

export interface TextStyle {
  color: boolean;
  /** No longer read: every view that shows a date carries its channel's zone. */
  timezone?: string;
}

/** What to type next, in the reply's language (both languages' words work everywhere). */
const HINTS: Record<
  Language,
  {
    open: string;
    closed: (debate: number) => string;
    endorse: string;
    delta: string;
    meta: string;
    quote: (text: string) => string;
  }
> = {
  fr: {
    open: 'voter pour | voter contre | voter neutre | pour <argument> | contre <argument> | arguments | clore',
    closed: (n) => `→ rouvrir #${n} | exporter #${n}`,
    endorse: 'appuyer <n°>',
    delta: 'delta <n°>',
    meta: '/as <nom> · /canal <nom> · /quit · → : ce que vous pouvez taper ensuite',
    quote: (text) => `« ${text} »`,
  },
  en: {
    open: 'vote for | vote against | vote neutral | pro <argument> | con <argument> | arguments | close',
    closed: (n) => `→ reopen #${n} | export #${n}`,
    endorse: 'endorse <n>',
    delta: 'delta <n>',
    meta: '/as <name> · /channel <name> · /quit · →: what you can type next',
    quote: (text) => `“${text}”`,
  },
};

/** Renders a view as terminal text: unicode bars, colours only on a TTY. */
export function renderReply(reply: Reply, style: TextStyle): string {
  const tr = translator(reply.language);
  const paint = (format: Style, text: string) => (style.color ? styleText(format, text) : text);
  const text = renderView(reply.view, tr, reply.language, paint);
  // Symbols are explained under the view that shows them.
  const legend = legendOf(reply.view).map((key) => paint('dim', tr(key)));
  return legend.length > 0 ? `${text}\n${legend.join('\n')}` : text;
}

function renderView(
  view: View,
  tr: Translate,
  language: Language,
  paint: (format: Style, text: string) => string,
): string {
  const argumentLine = (item: ArgumentItem) => {
    const extras = [
      tr('argument.endorsements', { count: item.endorsements }),
      ...(item.deltas > 0 ? [tr('argument.deltas', { count: item.deltas })] : []),
      ...(item.authorName ? [tr('argument.by', { name: item.authorName })] : []),
      ...(item.edited ? [tr('argument.edited')] : []),
      ...(item.endorsedByViewer ? ['★'] : []),
    ];
    return `${tr('argument.line', { number: item.number, side: tr(`side.${item.side}`), text: item.text })} (${extras.join(', ')})`;
  };
  switch (view.kind) {
    case 'scoreboard':
      return renderScoreboard(view, tr, language, paint, argumentLine);
    case 'argumentAdded':
      return [
        paint(
          'green',
          `+ ${tr('notice.argument_added', { number: view.argument.number, side: tr(`side.${view.argument.side}`), debate: view.debate.number })}`,
        ),
        `  ${HINTS[language].quote(view.argument.text)}${view.argument.authorName ? ` (${tr('argument.by', { name: view.argument.authorName })})` : ''}`,
      ].join('\n');
    case 'arguments': {
      const lines = [
        paint('bold', tr('arguments.title', { debate: view.debate.number, topic: view.debate.topic })),
      ];
      if (view.items.length === 0) lines.push(tr('arguments.empty'));
      for (const item of view.items) lines.push(`  ${argumentLine(item)}`);
      lines.push(paint('dim', tr('arguments.page', { page: view.page, pages: view.pages })));
      const next = view.page < view.pages ? ` | arguments #${view.debate.number} ${view.page + 1}` : '';
      lines.push(paint('dim', `→ ${HINTS[language].endorse} #${view.debate.number}${next}`));
      return lines.join('\n');
    }
    case 'debateList': {
      if (view.items.length === 0) return tr('list.empty');
      const lines = [paint('bold', tr('list.title'))];
      for (const item of view.items) {
        const counts = item.counts
          ? ` · ${tr('side.pro')} ${item.counts.pro} / ${tr('side.con')} ${item.counts.con} / ${tr('side.neutral')} ${item.counts.neutral}`
          : ` · ${tr('word.hidden')}`;
        lines.push(
          `  ${tr('list.item', { debate: item.debate.number, topic: item.debate.topic })}${counts} · ${tr('scoreboard.arguments', { count: item.argumentCount })}`,
        );
      }
      return lines.join('\n');
    }
    case 'help': {
      const lines: string[] = [];
      if (view.unknown !== undefined) {
        lines.push(paint('yellow', tr('help.unknown', { word: view.unknown })));
        if (view.suggestion)
          lines.push(paint('yellow', tr('help.did_you_mean', { suggestion: view.suggestion })));
        lines.push(paint('dim', tr('help.more')));
        return lines.join('\n');
      }
      lines.push(paint('bold', tr('help.title')), tr('help.intro'));
      for (const entry of view.entries) lines.push(`  ${tr(entry)}`);
      lines.push(paint('dim', HINTS[language].meta));
      return lines.join('\n');
    }
    case 'error':
      return paint('red', `✗ ${tr(errorKey(view.error.code), view.error.params)}`);
    case 'notice':
      return paint('green', `✓ ${tr(view.key, view.params)}`);
    case 'nudge':
      return paint('bold', tr(`nudge.${view.side}`, { debate: view.debate }));
    case 'topicList': {
      const lines = [paint('bold', tr('topics.title'))];
      if (view.items.length === 0) lines.push(`  ${tr('topics.empty')}`);
      for (const item of view.items) {
        const extras = [
          tr('argument.endorsements', { count: item.endorsements }),
          ...(item.proposerName ? [tr('argument.by', { name: item.proposerName })] : []),
          ...(item.endorsedByViewer ? ['★'] : []),
        ];
        lines.push(`  ${tr('topics.item', { number: item.number, text: item.text })} (${extras.join(', ')})`);
      }
      lines.push(topicsRhythmLine(tr, language, view));
      if (view.items.length > 0) lines.push(paint('dim', tr('topics.how')));
      return lines.join('\n');
    }
    case 'settings': {
      const lines = view.saved ? [paint('green', `✓ ${tr('notice.settings_saved')}`)] : [];
      lines.push(
        paint('bold', tr('settings.title')),
        `  ${tr('settings.timezone', { zone: view.timezone })}`,
        `  ${view.summary ? tr('settings.summary', { day: tr(`day.${view.summary.day}` as 'day.0'), time: view.summary.time }) : tr('settings.summary_off')}`,
        `  ${tr('settings.language', { language: tr(`language.${view.language}`) })}`,
        `  ${tr(view.threads ? 'settings.threads_on' : 'settings.threads_off')}`,
        `  ${tr(`settings.openers_${view.openers}`)}`,
        `  ${tr(view.reminders ? 'settings.reminders_on' : 'settings.reminders_off')}`,
        `  ${tr(view.nudges ? 'settings.nudges_on' : 'settings.nudges_off')}`,
        `  ${rhythmSetting(tr, view.rhythm)}`,
      );
      return lines.join('\n');
    }
    case 'export':
      return `${paint('dim', `--- ${view.filename} ---`)}\n${view.content.trimEnd()}\n${paint('dim', '---')}`;
    case 'weeklySummary':
      return renderWeeklySummary(view, tr, language, paint, argumentLine);
    case 'forgetConfirm':
      return [paint('yellow', `⚠ ${tr('forget.confirm')}`), paint('dim', tr('forget.confirm_how'))].join(
        '\n',
      );
    case 'persuasionPrompt': {
      // No buttons here: the → line below says what to type.
      const lines = [paint('bold', tr('persuasion.question'))];
      for (const option of view.options) lines.push(`  ${argumentLine(option)}`);
      lines.push(paint('dim', `→ ${HINTS[language].delta} #${view.debate.number}`));
      return lines.join('\n');
    }
  }
}

function renderScoreboard(
  view: ScoreboardView,
  tr: Translate,
  language: Language,
  paint: (format: Style, text: string) => string,
  argumentLine: (item: ArgumentItem) => string,
): string {
  const colon = language === 'fr' ? ' : ' : ': ';
  const { debate } = view;
  const lines = [
    paint('bold', `━━ ${tr('scoreboard.title', { debate: debate.number, topic: debate.topic })} ━━`),
  ];
  if (view.ended) {
    const key = view.ended.byDuration ? 'ended.duration' : 'ended.closed';
    lines.unshift(paint('bold', tr(key, { debate: debate.number, channel: `#${view.ended.channelId}` })));
  }
  if (view.reminder) lines.unshift(paint('bold', tr('reminder.heading', { debate: debate.number })));
  if (view.halftime) lines.unshift(paint('bold', tr(halftimeHeadingKey(debate), { debate: debate.number })));
  if (view.weekly) lines.unshift(paint('bold', tr('weekly.heading')));
  const meta: string[] = [];
  // An opener who asked to be forgotten is simply not named: the debate is not an anonymous one.
  if (debate.anonymous) meta.push(tr('scoreboard.opener_anonymous'));
  else if (debate.openerName) meta.push(tr('scoreboard.opener', { name: debate.openerName }));
  meta.push(tr(`status.${debate.status}`));
  if (debate.closesAt !== null && debate.status === 'open')
    meta.push(tr('scoreboard.closes_at', { date: formatDateTime(debate.closesAt, language, view.timezone) }));
  lines.push(paint('dim', meta.join(' · ')));
  if (view.counts) {
    const shares = percentages(view.counts);
    const colors = { pro: 'green', con: 'red', neutral: 'gray' } as const;
    for (const side of ['pro', 'con', 'neutral'] as const) {
      const label = tr(`side.${side}`).padEnd(8);
      lines.push(
        `${label}${paint(colors[side], proportionBar(shares[side] / 100, 20))} ${formatShare(view.counts[side], shares[side], language)}`,
      );
    }
    lines.push(tr('scoreboard.votes', { count: totalVotes(view.counts) }));
  } else lines.push(paint('yellow', tr(hiddenNoteKey(view.debate))));
  lines.push(
    [
      tr('scoreboard.participants', { count: view.participants }),
      tr('scoreboard.arguments', { count: view.argumentCounts.pro + view.argumentCounts.con }),
      ...(view.deltas > 0 ? [tr('scoreboard.deltas', { count: view.deltas })] : []),
    ].join(' · '),
  );
  if (view.pageUrl) lines.push(tr('page.scoreboard_link', { url: view.pageUrl }));
  if (view.viewerVote !== undefined)
    lines.push(
      view.viewerVote
        ? tr('scoreboard.your_vote', { side: tr(`side.${view.viewerVote}`) })
        : tr('scoreboard.your_vote_none'),
    );
  if (!view.topPro && !view.topCon && debate.status === 'open') lines.push(tr('scoreboard.no_arguments'));
  if (view.topPro) lines.push(`${tr('scoreboard.top_pro')}${colon}${argumentLine(view.topPro)}`);
  if (view.topCon) lines.push(`${tr('scoreboard.top_con')}${colon}${argumentLine(view.topCon)}`);
  if (view.newest) lines.push(`${tr('scoreboard.newest')}${colon}${argumentLine(view.newest)}`);
  lines.push(...sectionLines(view.sections, tr, language, paint, argumentLine, ''));
  if (view.reminder) lines.push(tr('reminder.how', { debate: debate.number }));
  if (debate.status === 'open') lines.push(paint('dim', `→ ${HINTS[language].open}  (#${debate.number})`));
  else lines.push(paint('dim', HINTS[language].closed(debate.number)));
  return lines.join('\n');
}
