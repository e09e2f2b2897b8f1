// The form the core asks for (the argument form, the edit form), as a Slack modal.
import type { FormRequest } from '../../../src/api.ts';
import { translator } from '../../../src/i18n/translate.ts';
import { argumentModal } from './argument-modal.ts';
import { editModal } from './edit-modal.ts';

export function formModal(form: FormRequest, channel: string) {
  const tr = translator(form.language);
  return form.kind === 'argument'
    ? argumentModal(tr, { channel, debate: form.debate }, form.text === undefined ? {} : { text: form.text })
    : editModal(tr, { channel, debate: form.debate, argument: form.argument }, form.text);
}
