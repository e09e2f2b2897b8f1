import type { ExportFormat } from '../commands/command.ts';
import type { Language, VoteSide } from '../domain/types.ts';
import { type MessageKey, t } from '../i18n/translate.ts';
import type { ExportData } from '../store/ports.ts';
import { debateHeader, resultsVisible } from './build.ts';
import type { ExportView } from './types.ts';

const sideKey = (side: VoteSide): MessageKey => `side.${side}`;

/** The debate as a Markdown document or a CSV table; anonymous debates name nobody. */
export function exportView(data: ExportData, format: ExportFormat, language: Language): ExportView {
  const content = format === 'csv' ? toCsv(data, language) : toMarkdown(data, language);
  return {
    kind: 'export',
    debate: debateHeader(data.debate),
    format,
    filename: `debat-${data.debate.number}.${format === 'csv' ? 'csv' : 'md'}`,
    mimeType: format === 'csv' ? 'text/csv' : 'text/markdown',
    content,
  };
}

const voterName = (data: ExportData, name: string | null, language: Language): string =>
  data.debate.anonymous || name === null ? t(language, 'export.anonymous_voter') : name;

/** French puts a space before the colon. */
const colon = (language: Language): string => (language === 'fr' ? ' : ' : ': ');

const iso = (ms: number): string => new Date(ms).toISOString();

// Inline Markdown specials in user text are escaped so an export renders as written.
const md = (text: string): string => text.replace(/([\\`*_[\]<>|~])/g, '\\$1');

function toMarkdown(data: ExportData, language: Language): string {
  const { debate } = data;
  const lines = [`# ${t(language, 'export.title', { debate: debate.number, topic: md(debate.topic) })}`, ''];
  if (!debate.anonymous && debate.openerName)
    lines.push(t(language, 'scoreboard.opener', { name: md(debate.openerName) }));
  lines.push(t(language, 'scoreboard.status', { status: t(language, `status.${debate.status}`) }), '');
  lines.push(`## ${t(language, 'export.tally')}`, '');
  if (resultsVisible(debate)) {
    for (const side of ['pro', 'con', 'neutral'] as const)
      lines.push(`- ${t(language, sideKey(side))}${colon(language)}${data.counts[side]}`);
  } else lines.push(t(language, 'export.hidden'));
  lines.push('', `## ${t(language, 'export.arguments')}`, '');
  for (const argument of data.arguments) {
    const by =
      debate.anonymous || !argument.authorName
        ? ''
        : ` (${t(language, 'argument.by', { name: md(argument.authorName) })})`;
    lines.push(
      `${argument.number}. **${t(language, sideKey(argument.side))}** ${md(argument.text)}${by} · ${t(language, 'argument.endorsements', { count: argument.endorsements })} · ${t(language, 'argument.deltas', { count: argument.deltas })}`,
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
        const persuaded = event.persuadedBy === null ? '' : ` (∆ n° ${event.persuadedBy})`;
        lines.push(
          `- ${iso(event.at)} · ${md(voterName(data, event.voterName, language))}${colon(language)}${t(language, sideKey(event.oldSide!))} → ${t(language, sideKey(event.newSide!))}${persuaded}`,
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

function toCsv(data: ExportData, language: Language): string {
  const rows: (string | number | null)[][] = [
    ['record', 'debate', 'number', 'side', 'text', 'person', 'endorsements', 'deltas', 'at'],
  ];
  const { debate } = data;
  for (const argument of data.arguments)
    rows.push([
      'argument',
      debate.number,
      argument.number,
      argument.side,
      argument.text,
      debate.anonymous ? null : argument.authorName,
      argument.endorsements,
      argument.deltas,
      iso(argument.createdAt),
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
        iso(vote.votedAt),
      ]);
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
