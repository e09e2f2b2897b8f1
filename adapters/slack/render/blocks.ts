// Small Block Kit builders that keep every piece inside Slack's limits. Text given to `mrkdwn`
// builders must already be escaped (use `esc`); plain_text is never parsed for mentions.
import type { types } from '@slack/bolt';
import type { MessageKey, MessageParams } from '../../../src/i18n/translate.ts';
import { defuseMentions, escapeMrkdwn, fitMrkdwn, fitPlain, truncate } from '../mrkdwn.ts';

export type Block = types.KnownBlock;
export type ButtonElement = types.Button;

export const LIMIT = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  contextText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
  actionsElements: 25,
  /** Kept well under Slack's 40,000 so notifications stay readable. */
  fallbackText: 3000,
} as const;

/** A rendered message: notification text plus blocks. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** User or catalog text made safe for mrkdwn: `&`, `<`, `>` escaped. */
export const esc = escapeMrkdwn;
/** User text escaped and cut to `max` characters. */
export const clip = fitMrkdwn;

export const section = (mrkdwn: string, accessory?: ButtonElement, blockId?: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(mrkdwn, LIMIT.sectionText) || ' ' },
  ...(accessory ? { accessory } : {}),
  ...(blockId ? { block_id: truncate(blockId, LIMIT.id) } : {}),
});

export const header = (plain: string): Block => ({
  type: 'header',
  text: { type: 'plain_text', text: fitPlain(defuseMentions(plain), LIMIT.headerText), emoji: true },
});

export const context = (mrkdwn: string): Block => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, LIMIT.contextText) || ' ' }],
});

export const divider = (): Block => ({ type: 'divider' });

export const button = (
  label: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
): ButtonElement => ({
  type: 'button',
  text: { type: 'plain_text', text: fitPlain(label, LIMIT.buttonText), emoji: true },
  action_id: truncate(actionId, LIMIT.id),
  value: truncate(value, LIMIT.buttonValue),
  ...(style ? { style } : {}),
});

/** Buttons in actions blocks of at most 25 elements each; block ids `${prefix}-0`, `-1`… */
export function actions(buttons: ButtonElement[], prefix = 'actions'): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < buttons.length; i += LIMIT.actionsElements) {
    blocks.push({
      type: 'actions',
      block_id: `${prefix}-${i / LIMIT.actionsElements}`,
      elements: buttons.slice(i, i + LIMIT.actionsElements),
    });
  }
  return blocks;
}

/** Lines packed into as few sections as clip (3,000 characters each), at most `maxBlocks`;
 *  what does not clip ends with an ellipsis line. Lines must already be escaped. */
export function textSections(lines: readonly string[], maxBlocks: number): Block[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, LIMIT.sectionText);
    if (current && current.length + 1 + line.length > LIMIT.sectionText) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  if (chunks.length > maxBlocks) {
    chunks.length = maxBlocks;
    chunks[maxBlocks - 1] = `${truncate(chunks[maxBlocks - 1]!, LIMIT.sectionText - 2)}\n…`;
  }
  return chunks.map((chunk) => section(chunk));
}

/** The notification text of a message: plain words, escaped, short. */
export const fallback = (text: string): string => fitMrkdwn(text, LIMIT.fallbackText) || ' ';

/** A message whose blocks are capped at Slack's 50. */
export const message = (text: string, blocks: Block[]): SlackMessage => ({
  text: fallback(text),
  blocks: blocks.slice(0, LIMIT.messageBlocks),
});

/**
 * A catalog message as mrkdwn: the message is escaped, then each `raw` parameter (already-safe
 * mrkdwn such as escaped user text, a `<#C…>` channel link or a `<!date…>` token) is put in place.
 */
export function mrkdwnMessage(
  tr: (key: MessageKey, params?: MessageParams) => string,
  key: MessageKey,
  params: MessageParams,
  raw: Readonly<Record<string, string>> = {},
): string {
  const names = Object.keys(raw);
  const marks = Object.fromEntries(names.map((name, i) => [name, `\u0001${i}\u0002`]));
  let out = esc(tr(key, { ...params, ...marks }));
  names.forEach((name, i) => {
    const value = raw[name]!;
    out = out.replace(`\u0001${i}\u0002`, () => value);
  });
  return out;
}
