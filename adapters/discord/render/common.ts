import type { Language } from '../../../src/api.ts';
import type { Translate } from '../../../src/i18n/translate.ts';
import { formatDateTime } from '../../../src/views/format.ts';
import type { ArgumentItem, DebateHeader } from '../../../src/views/types.ts';
import { userText } from './text.ts';

export const COLORS = {
  open: 0x3b82f6,
  closed: 0x6b7280,
  pro: 0x16a34a,
  con: 0xdc2626,
  notice: 0x0ea5e9,
} as const;

/** `**n° 3** · Pour · text (2 appuis, 1 ∆, par Alice)`, the text clipped to `maxText`. */
export function argumentLine(item: ArgumentItem, tr: Translate, maxText: number): string {
  const extras = [
    tr('argument.endorsements', { count: item.endorsements }),
    ...(item.deltas > 0 ? [tr('argument.deltas', { count: item.deltas })] : []),
    ...(item.authorName ? [tr('argument.by', { name: userText(item.authorName, 80) })] : []),
    ...(item.edited ? [tr('argument.edited')] : []),
    ...(item.endorsedByViewer ? ['★'] : []),
  ];
  const line = tr('argument.line', {
    number: item.number,
    side: tr(`side.${item.side}`),
    text: userText(item.text, maxText),
  });
  return `${line} (${extras.join(', ')})`;
}

/**
 * Opener (or anonymous) · status · end date, in the channel's zone as on every platform (a Discord
 * timestamp would follow each reader's); without `when` (no channel's zone known), no end date.
 */
export function debateMeta(
  debate: DebateHeader,
  tr: Translate,
  when?: { language: Language; timezone: string },
): string {
  const parts: string[] = [];
  // An opener who asked to be forgotten is simply not named: the debate is not an anonymous one.
  if (debate.anonymous) parts.push(tr('scoreboard.opener_anonymous'));
  else if (debate.openerName) parts.push(tr('scoreboard.opener', { name: userText(debate.openerName, 80) }));
  parts.push(tr(`status.${debate.status}`));
  if (when && debate.closesAt !== null && debate.status === 'open')
    parts.push(
      tr('scoreboard.closes_at', { date: formatDateTime(debate.closesAt, when.language, when.timezone) }),
    );
  return parts.join(' · ');
}
