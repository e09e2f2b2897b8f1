import type { Language } from '../../../src/api.ts';
import { ARGUMENT_MAX } from '../../../src/api.ts';
import { translator } from '../../../src/i18n/translate.ts';
import { argumentModalId, editModalId, MODAL_SIDE_FIELD, MODAL_TEXT_FIELD } from '../custom-id.ts';
import { LIMITS } from './limits.ts';
import { clip } from './text.ts';
import type { Modal } from './types.ts';

/** The + Argument form: the side (a select) and the text (up to 1,000 characters). */
export function argumentModal(debate: number, language: Language): Modal {
  const tr = translator(language);
  return {
    custom_id: argumentModalId(debate),
    title: clip(tr('form.argument.title'), LIMITS.modalTitle),
    components: [
      {
        type: 18,
        label: clip(tr('form.argument.side'), LIMITS.labelText),
        component: {
          type: 3,
          custom_id: MODAL_SIDE_FIELD,
          min_values: 1,
          max_values: 1,
          required: true,
          options: [
            { label: tr('side.pro'), value: 'pro', default: true },
            { label: tr('side.con'), value: 'con' },
          ],
        },
      },
      {
        type: 18,
        label: clip(tr('form.argument.text'), LIMITS.labelText),
        component: {
          type: 4,
          custom_id: MODAL_TEXT_FIELD,
          style: 2,
          min_length: 1,
          max_length: ARGUMENT_MAX,
          required: true,
          placeholder: clip(tr('form.argument.placeholder'), LIMITS.placeholder),
        },
      },
    ],
  };
}

/** The author's edit form: the text alone, filled in with the argument as it stands. */
export function editModal(debate: number, argument: number, text: string, language: Language): Modal {
  const tr = translator(language);
  return {
    custom_id: editModalId(debate, argument),
    title: clip(tr('form.edit.title'), LIMITS.modalTitle),
    components: [
      {
        type: 18,
        label: clip(
          `${tr('form.argument.text')} (${tr('word.number', { number: argument })})`,
          LIMITS.labelText,
        ),
        component: {
          type: 4,
          custom_id: MODAL_TEXT_FIELD,
          style: 2,
          min_length: 1,
          max_length: ARGUMENT_MAX,
          required: true,
          value: text.slice(0, ARGUMENT_MAX),
        },
      },
    ],
  };
}
