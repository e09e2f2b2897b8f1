// Editing one's own argument: the list's "Modifier" button opens the form filled in (or says
// privately why the argument can no longer change); the submission is stored before the ack, and
// a refusal (endorsed meanwhile, too long, empty) is shown in the form itself.
import { parseText } from '../../../src/commands/parse.ts';
import { translator } from '../../../src/i18n/translate.ts';
import { MODAL_BLOCK, readEdit } from '../action-ids.ts';
import { editModal, readEditTarget } from '../render/edit-modal.ts';
import type { PrivateSink } from '../responders.ts';
import type { FormArgs } from '../router.ts';
import type { SlackRuntime, Who } from '../runtime.ts';
import { answerSubmission, readSubmission } from './form-submission.ts';

export async function openEditForm(
  rt: SlackRuntime,
  who: Who,
  triggerId: string,
  value: string | undefined,
  privately: PrivateSink,
): Promise<void> {
  const target = readEdit(value);
  if (!target) return;
  const inv = await rt.invocation(who, undefined);
  const languages = await rt.engine.languages(inv);
  const form = await rt.engine.editForm(inv, target.debate, target.argument);
  if (!form.ok) {
    const view = { kind: 'error' as const, error: form.error };
    return rt.deliver(
      inv,
      { replies: [{ visibility: 'private', language: languages.private, view }], refresh: [] },
      { privately },
    );
  }
  await rt.client.views.open({
    trigger_id: triggerId,
    view: editModal(translator(languages.private), { channel: who.channel, ...target }, form.value.text),
  });
}

/** The submission of the edit form (callback id EDIT_MODAL). */
export function editFormHandler(rt: SlackRuntime): (args: FormArgs) => Promise<void> {
  return async ({ ack, body, view }) => {
    const target = readEditTarget(view.private_metadata);
    if (!target) return ack();
    const text = parseText('argument', view.state.values[MODAL_BLOCK.text]?.[MODAL_BLOCK.text]?.value ?? '');
    // One form gives one edit, even if Slack delivers its submission twice.
    const submission = await readSubmission(rt, { body, view }, target.channel);
    if (!text.ok)
      return ack({
        response_action: 'errors',
        errors: { [MODAL_BLOCK.text]: submission.explain(text.error) },
      });
    const outcome = await rt.engine.execute(submission.inv, {
      kind: 'edit',
      argument: target.argument,
      text: text.value,
      debate: target.debate,
    });
    await answerSubmission(rt, { ack, body }, target.channel, submission, outcome, 'edit');
  };
}
