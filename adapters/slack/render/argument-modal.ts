// The "+ Argument" form: a side and a text. The message shortcut opens it with the message's text.

import type { Side } from '../../../src/api.ts';
import { ARGUMENT_MAX } from '../../../src/api.ts';
import type { Translate } from '../../../src/i18n/translate.ts';
import { ARGUMENT_MODAL, MODAL_BLOCK } from '../action-ids.ts';
import { fitPlain, truncate } from '../mrkdwn.ts';
import type { Block } from './blocks.ts';

/** Where the argument goes, kept in the modal's private_metadata. */
export interface ModalTarget {
  channel: string;
  debate: number;
}

export interface ModalView {
  type: 'modal';
  callback_id: string;
  private_metadata: string;
  title: { type: 'plain_text'; text: string };
  submit: { type: 'plain_text'; text: string };
  close: { type: 'plain_text'; text: string };
  blocks: Block[];
}

const TITLE_MAX = 24;

export function argumentModal(
  tr: Translate,
  target: ModalTarget,
  initial: { side?: Side; text?: string } = {},
): ModalView {
  const option = (side: Side) => ({
    text: { type: 'plain_text' as const, text: fitPlain(tr(`side.${side}`), 75) },
    value: side,
  });
  const sideElement = {
    type: 'radio_buttons' as const,
    action_id: MODAL_BLOCK.side,
    options: [option('pro'), option('con')],
    ...(initial.side ? { initial_option: option(initial.side) } : {}),
  };
  const text = initial.text ? truncate(initial.text, ARGUMENT_MAX) : undefined;
  return {
    type: 'modal',
    callback_id: ARGUMENT_MODAL,
    private_metadata: JSON.stringify({ c: target.channel, d: target.debate }),
    title: { type: 'plain_text', text: fitPlain(tr('form.argument.title'), TITLE_MAX) },
    submit: { type: 'plain_text', text: fitPlain(tr('form.submit'), TITLE_MAX) },
    close: { type: 'plain_text', text: fitPlain(tr('form.cancel'), TITLE_MAX) },
    blocks: [
      {
        type: 'input',
        block_id: MODAL_BLOCK.side,
        label: { type: 'plain_text', text: fitPlain(tr('form.argument.side'), 2000) },
        element: sideElement,
      },
      {
        type: 'input',
        block_id: MODAL_BLOCK.text,
        label: { type: 'plain_text', text: fitPlain(tr('form.argument.text'), 2000) },
        element: {
          type: 'plain_text_input',
          action_id: MODAL_BLOCK.text,
          multiline: true,
          max_length: ARGUMENT_MAX,
          placeholder: { type: 'plain_text', text: fitPlain(tr('form.argument.placeholder'), 150) },
          ...(text ? { initial_value: text } : {}),
        },
      },
    ],
  };
}

export function readModalTarget(metadata: string | undefined): ModalTarget | undefined {
  try {
    const parsed = JSON.parse(metadata ?? '') as { c?: unknown; d?: unknown };
    if (typeof parsed.c === 'string' && Number.isSafeInteger(parsed.d))
      return { channel: parsed.c, debate: parsed.d as number };
  } catch {
    // fall through
  }
  return undefined;
}
