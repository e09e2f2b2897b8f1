import type { ExportFormat } from '../commands/command.ts';
import type { ExportData } from '../domain/records.ts';
import { commonGround } from '../domain/rules.ts';
import type { Language, VoteSide } from '../domain/types.ts';
import { type MessageKey, t } from '../i18n/translate.ts';
import { debateHeader, resultsVisible } from './build.ts';
import { formatDateTime, formatLongDate, localStamper } from './format.ts';
import { hiddenNoteKey } from './hidden-note.ts';
import { endingSections, sectionLineText, type ViewSection } from './sections.ts';
import type { ExportView } from './types.ts';

const sideKey = (side: VoteSide): MessageKey => `side.${side}`;
const SIDE_ORDER: Record<VoteSide, number> = { pro: 0, con: 1, neutral: 2 };

/** An export's name and type, and its content as pieces, each built when pulled (src/web/sliced.ts). */
export interface ExportParts {
  view: Omit<ExportView, 'content'>;
  pieces: Iterable<string>;
}

/**
 * The debate as a Markdown document or a CSV table, dates in the channel's zone `timezone`.
 * Anonymous debates name nobody and date nothing finer than the day: a time, or the order of
 * the votes within a day, could be matched against the chat to recognise who voted.
 */
export function exportParts(
  data: ExportData,
  format: ExportFormat,
  language: Language,
  timezone: string,
): ExportParts {
  return {
    view: {
      kind: 'export',
      debate: debateHeader(data.debate),
      format,
      filename: `debat-${data.debate.number}.${format === 'csv' ? 'csv' : 'md'}`,
      mimeType: format === 'csv' ? 'text/csv' : 'text/markdown',
    },
    pieces: format === 'csv' ? csvPieces(data, language, timezone) : markdownPieces(data, language, timezone),
  };
}

/** The same export in one piece. */
export function exportView(
  data: ExportData,
  format: ExportFormat,
  language: Language,
  timezone: string,
): ExportView {
  const { view, pieces } = exportParts(data, format, language, timezone);
  return { ...view, content: [...pieces].join('') };
}

/** Votes and changes sorted by day, then by side: nothing tells their order within a day. */
function dayOnly(data: ExportData, zone: string): ExportData {
  const day = (ms: number) => stamps(ms).day;
  const stamps = localStamper(zone);
  return {
    ...data,
    votes: byDayThenSide(
      data.votes,
      day,
      (v) => v.votedAt,
      (v) => v.side,
    ),
    history: byDayThenSide(
      data.history,
      day,
      (e) => e.at,
      (e) => e.newSide,
    ),
  };
}

const sideRank = (side: VoteSide | null) => (side === null ? 3 : SIDE_ORDER[side]);

/** Sorted by local day, then side, in a stable order: each item's day is worked out once. */
function byDayThenSide<T>(
  items: readonly T[],
  day: (ms: number) => string,
  at: (x: T) => number,
  side: (x: T) => VoteSide | null,
): T[] {
  const keyed = items.map((item) => ({ item, day: day(at(item)), rank: sideRank(side(item)) }));
  // Days are written YYYY-MM-DD: compared as plain strings, they sort as dates.
  keyed.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.rank - b.rank));
  return keyed.map((k) => k.item);
}

const voterName = (data: ExportData, name: string | null, language: Language): string =>
  data.debate.anonymous || name === null ? t(language, 'export.anonymous_voter') : name;

/** French puts a space before the colon. */
const colon = (language: Language): string => (language === 'fr' ? ' : ' : ': ');

// Inline Markdown specials in user text are escaped so an export renders as written.
const md = (text: string): string => text.replace(/([\\`*_[\]<>|~])/g, '\\$1');

function* markdownPieces(data: ExportData, language: Language, zone: string): Generator<string> {
  const safe = data.debate.anonymous ? dayOnly(data, zone) : data;
  for (const line of markdownLines(safe, language, zone)) yield `${line}\n`;
}

function* markdownLines(data: ExportData, language: Language, zone: string): Generator<string> {
  const { debate } = data;
  const when = (ms: number) =>
    debate.anonymous ? formatLongDate(ms, language, zone) : formatDateTime(ms, language, zone, true);
  const sideWord = sideWords(language);
  yield `# ${t(language, 'export.title', { debate: debate.number, topic: md(debate.topic) })}`;
  yield '';
  if (!debate.anonymous && debate.openerName)
    yield t(language, 'scoreboard.opener', { name: md(debate.openerName) });
  yield t(language, 'scoreboard.status', { status: t(language, `status.${debate.status}`) });
  yield t(language, debate.anonymous ? 'export.day_only' : 'export.zone', { zone });
  yield '';
  yield `## ${t(language, 'export.tally')}`;
  yield '';
  if (resultsVisible(debate)) {
    for (const side of ['pro', 'con', 'neutral'] as const)
      yield `- ${sideWord[side]}${colon(language)}${data.counts[side]}`;
  } else yield t(language, hiddenNoteKey(debateHeader(debate)));
  const sections = endingSections({
    debate,
    counts: data.counts,
    sides: data.sides ?? [],
    rounds: data.rounds,
  });
  for (const section of sections) {
    yield '';
    yield* markdownSection(section, language);
  }
  yield '';
  yield `## ${t(language, 'export.arguments')}`;
  yield '';
  // ∆ counts come with the results: each says someone moved to that side.
  const deltas = (count: number) =>
    resultsVisible(debate) ? ` · ${t(language, 'argument.deltas', { count })}` : '';
  for (const argument of data.arguments) {
    const by =
      debate.anonymous || !argument.authorName
        ? ''
        : ` (${t(language, 'argument.by', { name: md(argument.authorName) })})`;
    yield `${argument.number}. **${sideWord[argument.side]}** ${md(argument.text)}${by} · ${t(language, 'argument.endorsements', { count: argument.endorsements })}${deltas(argument.deltas)}${argument.editedAt === null ? '' : ` · ${t(language, 'argument.edited')}`}`;
  }
  if (!resultsVisible(debate)) return;
  yield '';
  yield `## ${t(language, 'export.votes')}`;
  yield '';
  for (const vote of data.votes)
    yield `- ${md(voterName(data, vote.voterName, language))}${colon(language)}${sideWord[vote.side]}`;
  const changes = data.history.filter((event) => event.oldSide !== null && event.newSide !== null);
  if (changes.length === 0) return;
  yield '';
  yield `## ${t(language, 'export.history')}`;
  yield '';
  for (const event of changes) {
    const persuaded =
      event.persuadedBy === null ? '' : ` (∆ ${t(language, 'word.number', { number: event.persuadedBy })})`;
    yield `- ${when(event.at)} · ${md(voterName(data, event.voterName, language))}${colon(language)}${sideWord[event.oldSide!]} → ${sideWord[event.newSide!]}${persuaded}`;
  }
}

/** The three sides' words, looked up once per export rather than once per line. */
const sideWords = (language: Language): Record<VoteSide, string> => ({
  pro: t(language, sideKey('pro')),
  con: t(language, sideKey('con')),
  neutral: t(language, sideKey('neutral')),
});

/** A section (common ground, two rounds, closing note) as a Markdown heading and list. */
function markdownSection(section: ViewSection, language: Language): string[] {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(language, key, params);
  const lines = [`## ${tr(section.title)}`, ''];
  for (const line of section.lines) {
    if (line.kind === 'quote') lines.push(`> ${md(line.text)}`);
    else if (line.kind === 'text') lines.push(`- ${sectionLineText(line, tr)}`);
    else
      lines.push(
        `- ${t(language, 'word.number', { number: line.item.number })} **${tr(sideKey(line.item.side))}** ${md(line.item.text)} · ${sectionLineText(line.note, tr)}`,
      );
  }
  return lines;
}

// Where a spreadsheet could start a cell: the field's start, and after any `,` or `;` (French-locale
// spreadsheets split on `;` and a `,` reader splits on `,`) or line break inside it, spaces and
// quotes a reader may drop included.
const CELL_START = /(^|[,;\r\n])([ "]*)([=+\-@\t\r])/g;
/**
 * RFC 4180 field: quoted when it holds either separator, a quote or a line break; a formula
 * character wherever a cell could start is defused with an apostrophe, so no reader runs user text.
 */
const csvField = (value: string | number | null): string => {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = value.replace(CELL_START, "$1$2'$3");
  return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const csvLine = (row: readonly (string | number | null)[]): string => `${row.map(csvField).join(',')}\r\n`;

/** One row per argument and per vote; `date` and `time` are local to `timezone` (no time when anonymous). */
function* csvPieces(data: ExportData, language: Language, zone: string): Generator<string> {
  const safe = data.debate.anonymous ? dayOnly(data, zone) : data;
  const { debate } = safe;
  const stamps = localStamper(zone);
  const stamp = (ms: number): [string, string | null, string] => {
    const local = stamps(ms);
    return [local.day, debate.anonymous ? null : local.time, zone];
  };
  yield csvLine([
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
    'common_ground',
  ]);
  // The common ground column: its endorsers voting pour and contre ("pro 2 / con 1"), else empty.
  const ground = new Map(
    (resultsVisible(debate) ? commonGround(safe.sides ?? []) : []).map((row) => [
      row.argument.id,
      `pro ${row.pro} / con ${row.con}`,
    ]),
  );
  for (const argument of safe.arguments)
    yield csvLine([
      'argument',
      debate.number,
      argument.number,
      argument.side,
      argument.text,
      debate.anonymous ? null : argument.authorName,
      argument.endorsements,
      resultsVisible(debate) ? argument.deltas : null,
      ...stamp(argument.createdAt),
      ground.get(argument.id) ?? null,
    ]);
  if (resultsVisible(debate))
    for (const vote of safe.votes)
      yield csvLine([
        'vote',
        debate.number,
        null,
        vote.side,
        null,
        voterName(safe, vote.voterName, language),
        null,
        null,
        ...stamp(vote.votedAt),
        null,
      ]);
  if (debate.status === 'closed' && debate.closingNote !== null)
    yield csvLine([
      'closing_note',
      debate.number,
      null,
      null,
      debate.closingNote,
      null,
      null,
      null,
      ...stamp(debate.closedAt ?? debate.openedAt),
      null,
    ]);
}
