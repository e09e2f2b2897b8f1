// The author's edit form: one text field, filled in with the argument as it stands.
import { ARGUMENT_MAX } from '../../../src/api.ts';
import type { Translate } from '../../../src/i18n/translate.ts';
import { EDIT_MODAL, MODAL_BLOCK } from '../action-ids.ts';
import { fitPlain, truncate } from '../mrkdwn.ts';
import type { ModalView } from './argument-modal.ts';

/** Which argument the form edits, kept in the modal's private_metadata. */
export interface EditTarget {
  channel: string;
  debate: number;
  argument: number;
}

const TITLE_MAX = 24;

export function editModal(tr: Translate, target: EditTarget, text: string): ModalView {
  const initial = truncate(text, ARGUMENT_MAX);
  return {
    type: 'modal',
    callback_id: EDIT_MODAL,
    private_metadata: JSON.stringify({ c: target.channel, d: target.debate, a: target.argument }),
    title: { type: 'plain_text', text: fitPlain(tr('form.edit.title'), TITLE_MAX) },
    submit: { type: 'plain_text', text: fitPlain(tr('form.edit.submit'), TITLE_MAX) },
    close: { type: 'plain_text', text: fitPlain(tr('form.cancel'), TITLE_MAX) },
    blocks: [
      {
        type: 'input',
        block_id: MODAL_BLOCK.text,
        label: {
          type: 'plain_text',
          text: fitPlain(
            `${tr('form.argument.text')} (${tr('word.number', { number: target.argument })})`,
            2000,
          ),
        },
        element: {
          type: 'plain_text_input',
          action_id: MODAL_BLOCK.text,
          multiline: true,
          max_length: ARGUMENT_MAX,
          ...(initial ? { initial_value: initial } : {}),
        },
      },
    ],
  };
}

export function readEditTarget(metadata: string | undefined): EditTarget | undefined {
  try {
    const parsed = JSON.parse(metadata ?? '') as { c?: unknown; d?: unknown; a?: unknown };
    if (typeof parsed.c === 'string' && Number.isSafeInteger(parsed.d) && Number.isSafeInteger(parsed.a))
      return { channel: parsed.c, debate: parsed.d as number, argument: parsed.a as number };
  } catch {
    // fall through
  }
  return undefined;
}
