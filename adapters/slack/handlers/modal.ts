// The argument form's submission: stored before the ack; a problem (no side, empty, too long,
// debate closed) is shown in the form itself.

import { MODAL_BLOCK } from '../action-ids.ts';
import { readModalTarget } from '../render/argument-modal.ts';
import type { FormArgs } from '../router.ts';
import type { SlackRuntime } from '../runtime.ts';
import { answerSubmission, readSubmission } from './form-submission.ts';

/** The submission of the argument form (callback id ARGUMENT_MODAL). */
export function modalHandler(rt: SlackRuntime): (args: FormArgs) => Promise<void> {
  return async ({ ack, body, view }) => {
    const target = readModalTarget(view.private_metadata);
    if (!target) return ack();
    const values = view.state.values;
    // One modal gives one argument, even if Slack delivers its submission twice.
    const submission = await readSubmission(rt, { body, view }, target.channel);
    const outcome = await rt.engine.receive({
      kind: 'form',
      inv: submission.inv,
      form: {
        kind: 'argument',
        debate: target.debate,
        side: values[MODAL_BLOCK.side]?.[MODAL_BLOCK.side]?.selected_option?.value ?? '',
        text: values[MODAL_BLOCK.text]?.[MODAL_BLOCK.text]?.value ?? '',
      },
    });
    await answerSubmission(rt, { ack, body }, target.channel, submission, outcome, 'modal');
  };
}
