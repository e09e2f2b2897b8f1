// Editing one's own argument: the list's "Modifier" button opens the form filled in (see
// actions.ts); the submission is stored before the ack, and a refusal (endorsed meanwhile, too
// long, empty) is shown in the form itself.
import { MODAL_BLOCK } from '../action-ids.ts';
import { readEditTarget } from '../render/edit-modal.ts';
import type { FormArgs } from '../router.ts';
import type { SlackRuntime } from '../runtime.ts';
import { answerSubmission, readSubmission } from './form-submission.ts';

/** The submission of the edit form (callback id EDIT_MODAL). */
export function editFormHandler(rt: SlackRuntime): (args: FormArgs) => Promise<void> {
  return async ({ ack, body, view }) => {
    const target = readEditTarget(view.private_metadata);
    if (!target) return ack();
    // One form gives one edit, even if Slack delivers its submission twice.
    const submission = await readSubmission(rt, { body, view }, target.channel);
    const outcome = await rt.engine.receive({
      kind: 'form',
      inv: submission.inv,
      form: {
        kind: 'edit',
        debate: target.debate,
        argument: target.argument,
        text: view.state.values[MODAL_BLOCK.text]?.[MODAL_BLOCK.text]?.value ?? '',
      },
    });
    await answerSubmission(rt, { ack, body }, target.channel, submission, outcome, 'edit');
  };
}
