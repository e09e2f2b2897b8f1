// One argument as mrkdwn: the catalog's "n° 3 · Pour · texte" line, then its endorsements, ∆ and
// author in italics. The text is escaped and cut so the whole fits in one section.
import type { Translate } from '../../../src/i18n/translate.ts';
import type { ArgumentItem } from '../../../src/views/types.ts';
import { truncate } from '../mrkdwn.ts';
import { clip, esc, mrkdwnMessage } from './blocks.ts';

/** Room kept for the number, side and details around the argument text in a 3,000-character section. */
const DETAILS_ROOM = 400;

export function argumentDetails(tr: Translate, item: ArgumentItem): string {
  const parts = [tr('argument.endorsements', { count: item.endorsements })];
  if (item.deltas > 0) parts.push(tr('argument.deltas', { count: item.deltas }));
  if (item.authorName) parts.push(tr('argument.by', { name: item.authorName }));
  if (item.edited) parts.push(tr('argument.edited'));
  if (item.endorsedByViewer) parts.push('★');
  return esc(parts.join(' · '));
}

/** The argument in one mrkdwn paragraph, its text cut to `maxText` escaped characters. */
export function argumentLine(tr: Translate, item: ArgumentItem, maxText = 3000 - DETAILS_ROOM): string {
  const line = mrkdwnMessage(
    tr,
    'argument.line',
    { number: item.number, side: tr(`side.${item.side}`) },
    { text: clip(item.text, maxText) },
  );
  return `${line}\n_${truncate(argumentDetails(tr, item), DETAILS_ROOM - 40)}_`;
}
