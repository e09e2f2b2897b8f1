import type { ExportFormat } from '../commands/command.ts';
import type { VoteEventRecord, VoteRecord } from '../domain/records.ts';
import type { Language, VoteSide } from '../domain/types.ts';
import { type MessageKey, t } from '../i18n/translate.ts';
import type { ExportData } from '../store/ports.ts';
import { debateHeader, resultsVisible } from './build.ts';
import { formatDateTime, formatLongDate, localStamp } from './format.ts';
import type { ExportView } from './types.ts';

const sideKey = (side: VoteSide): MessageKey => `side.${side}`;
const SIDE_ORDER: Record<VoteSide, number> = { pro: 0, con: 1, neutral: 2 };

/**
 * The debate as a Markdown document or a CSV table, dates in the channel's zone `timezone`.
 * Anonymous debates name nobody and date nothing finer than the day: a time, or the order of
 * the votes within a day, could be matched against the chat to recognise who voted.
 */
export function exportView(
  data: ExportData,
  format: ExportFormat,
  language: Language,
  timezone: string,
): ExportView {
  const safe = data.debate.anonymous ? dayOnly(data, timezone) : data;
  const content = format === 'csv' ? toCsv(safe, language, timezone) : toMarkdown(safe, language, timezone);
  return {
    kind: 'export',
    debate: debateHeader(data.debate),
    format,
    filename: `debat-${data.debate.number}.${format === 'csv' ? 'csv' : 'md'}`,
    mimeType: format === 'csv' ? 'text/csv' : 'text/markdown',
    content,
  };
}

/** Votes and changes sorted by day, then by side: nothing tells their order within a day. */
function dayOnly(data: ExportData, zone: string): ExportData {
  const day = (ms: number) => localStamp(ms, zone).day;
  const byDayThenSide =
    <T>(at: (x: T) => number, side: (x: T) => VoteSide | null) =>
    (a: T, b: T) =>
      day(at(a)).localeCompare(day(at(b))) || sideRank(side(a)) - sideRank(side(b));
  const sideRank = (side: VoteSide | null) => (side === null ? 3 : SIDE_ORDER[side]);
  return {
    ...data,
    votes: [...data.votes].sort(
      byDayThenSide<VoteRecord>(
        (v) => v.votedAt,
        (v) => v.side,
      ),
    ),
    history: [...data.history].sort(
      byDayThenSide<VoteEventRecord>(
        (e) => e.at,
        (e) => e.newSide,
      ),
    ),
  };
}

const voterName = (data: ExportData, name: string | null, language: Language): string =>
  data.debate.anonymous || name === null ? t(language, 'export.anonymous_voter') : name;

/** French puts a space before the colon. */
const colon = (language: Language): string => (language === 'fr' ? ' : ' : ': ');

// Inline Markdown specials in user text are escaped so an export renders as written.
const md = (text: string): string => text.replace(/([\\`*_[\]<>|~])/g, '\\$1');

function toMarkdown(data: ExportData, language: Language, zone: string): string {
  const { debate } = data;
  const when = (ms: number) =>
    debate.anonymous ? formatLongDate(ms, language, zone) : formatDateTime(ms, language, zone, true);
  const lines = [`# ${t(language, 'export.title', { debate: debate.number, topic: md(debate.topic) })}`, ''];
  if (!debate.anonymous && debate.openerName)
    lines.push(t(language, 'scoreboard.opener', { name: md(debate.openerName) }));
  lines.push(t(language, 'scoreboard.status', { status: t(language, `status.${debate.status}`) }));
  lines.push(t(language, debate.anonymous ? 'export.day_only' : 'export.zone', { zone }), '');
  lines.push(`## ${t(language, 'export.tally')}`, '');
  if (resultsVisible(debate)) {
    for (const side of ['pro', 'con', 'neutral'] as const)
      lines.push(`- ${t(language, sideKey(side))}${colon(language)}${data.counts[side]}`);
  } else lines.push(t(language, 'export.hidden'));
  lines.push('', `## ${t(language, 'export.arguments')}`, '');
  // ∆ counts come with the results: each says someone moved to that side.
  const deltas = (count: number) =>
    resultsVisible(debate) ? ` · ${t(language, 'argument.deltas', { count })}` : '';
  for (const argument of data.arguments) {
    const by =
      debate.anonymous || !argument.authorName
        ? ''
        : ` (${t(language, 'argument.by', { name: md(argument.authorName) })})`;
    lines.push(
      `${argument.number}. **${t(language, sideKey(argument.side))}** ${md(argument.text)}${by} · ${t(language, 'argument.endorsements', { count: argument.endorsements })}${deltas(argument.deltas)}${argument.editedAt === null ? '' : ` · ${t(language, 'argument.edited')}`}`,
    );
  }
  if (resultsVisible(debate)) {
    lines.push('', `## ${t(language, 'export.votes')}`, '');
    for (const vote of data.votes)
      lines.push(
        `- ${md(voterName(data, vote.voterName, language))}${colon(language)}${t(language, sideKey(vote.side))}`,
      );
    const changes = data.history.filter((event) => event.oldSide !== null && event.newSide !== null);
    if (changes.length > 0) {
      lines.push('', `## ${t(language, 'export.history')}`, '');
      for (const event of changes) {
        const persuaded =
          event.persuadedBy === null
            ? ''
            : ` (∆ ${t(language, 'word.number', { number: event.persuadedBy })})`;
        lines.push(
          `- ${when(event.at)} · ${md(voterName(data, event.voterName, language))}${colon(language)}${t(language, sideKey(event.oldSide!))} → ${t(language, sideKey(event.newSide!))}${persuaded}`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 4180 field; a leading = + - @ is defused so spreadsheets never run user text as a formula. */
const csvField = (value: string | number | null): string => {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One row per argument and per vote; `date` and `time` are local to `timezone` (no time when anonymous). */
function toCsv(data: ExportData, language: Language, zone: string): string {
  const { debate } = data;
  const stamp = (ms: number): [string, string | null, string] => {
    const local = localStamp(ms, zone);
    return [local.day, debate.anonymous ? null : local.time, zone];
  };
  const rows: (string | number | null)[][] = [
    [
      'record',
      'debate',
      'number',
      'side',
      'text',
      'person',
      'endorsements',
      'deltas',
      'date',
      'time',
      'timezone',
    ],
  ];
  for (const argument of data.arguments)
    rows.push([
      'argument',
      debate.number,
      argument.number,
      argument.side,
      argument.text,
      debate.anonymous ? null : argument.authorName,
      argument.endorsements,
      resultsVisible(debate) ? argument.deltas : null,
      ...stamp(argument.createdAt),
    ]);
  if (resultsVisible(debate))
    for (const vote of data.votes)
      rows.push([
        'vote',
        debate.number,
        null,
        vote.side,
        null,
        voterName(data, vote.voterName, language),
        null,
        null,
        ...stamp(vote.votedAt),
      ]);
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
