// The argument form's submission: the text is validated and the argument stored before the ack;
// a problem (empty, too long, debate closed) is shown in the form itself.

import { parseText } from '../../../src/commands/parse.ts';
import type { Side } from '../../../src/domain/types.ts';
import { MODAL_BLOCK } from '../action-ids.ts';
import { readModalTarget } from '../render/argument-modal.ts';
import type { FormArgs } from '../router.ts';
import type { SlackRuntime } from '../runtime.ts';
import { answerSubmission, readSubmission } from './form-submission.ts';

const readSide = (value: string | undefined): Side | undefined =>
  value === 'pro' || value === 'con' ? value : undefined;

/** The submission of the argument form (callback id ARGUMENT_MODAL). */
export function modalHandler(rt: SlackRuntime): (args: FormArgs) => Promise<void> {
  return async ({ ack, body, view }) => {
    const target = readModalTarget(view.private_metadata);
    if (!target) return ack();
    const values = view.state.values;
    const side = readSide(values[MODAL_BLOCK.side]?.[MODAL_BLOCK.side]?.selected_option?.value);
    const text = parseText('argument', values[MODAL_BLOCK.text]?.[MODAL_BLOCK.text]?.value ?? '');
    // One modal gives one argument, even if Slack delivers its submission twice.
    const submission = await readSubmission(rt, { body, view }, target.channel);
    if (!text.ok)
      return ack({
        response_action: 'errors',
        errors: { [MODAL_BLOCK.text]: submission.explain(text.error) },
      });
    if (!side)
      return ack({
        response_action: 'errors',
        errors: { [MODAL_BLOCK.side]: submission.tr('form.argument.side') },
      });
    const outcome = await rt.engine.execute(submission.inv, {
      kind: 'argue',
      side,
      text: text.value,
      debate: target.debate,
    });
    await answerSubmission(rt, { ack, body }, target.channel, submission, outcome, 'modal');
  };
}
