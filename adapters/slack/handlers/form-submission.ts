// What both forms (a new argument, an edited one) do with a submission: the person and channel
// it comes from, its view id as the delivery (Slack may send a submission twice; it acts once),
// an error shown under the text field, and the answers delivered after the ack.
import type { Invocation, Outcome, UserError } from '../../../src/api.ts';
import { errorKey, type Translate, translator } from '../../../src/i18n/translate.ts';
import { MODAL_BLOCK } from '../action-ids.ts';
import { fitPlain } from '../mrkdwn.ts';
import { viaEphemeral } from '../responders.ts';
import type { FormArgs } from '../router.ts';
import type { SlackRuntime } from '../runtime.ts';

export interface Submission {
  inv: Invocation;
  tr: Translate;
  /** An error as Slack shows it under a field. */
  explain: (error: UserError) => string;
}

export async function readSubmission(
  rt: SlackRuntime,
  { body, view }: Pick<FormArgs, 'body' | 'view'>,
  channel: string,
): Promise<Submission> {
  const who = {
    team: body.team?.id ?? body.user.team_id ?? '',
    channel,
    user: body.user.id,
    name: body.user.name,
  };
  const inv = await rt.invocation(who, { id: `view:${view.id}` });
  const tr = translator((await rt.engine.languages(inv)).private);
  return { inv, tr, explain: (error) => fitPlain(tr(errorKey(error.code), error.params), 300) };
}

/** The engine's answer: a refusal goes under the text field (the form stays open), else acked and delivered. */
export async function answerSubmission(
  rt: SlackRuntime,
  { ack, body }: Pick<FormArgs, 'ack' | 'body'>,
  channel: string,
  submission: Submission,
  outcome: Outcome,
  task: string,
): Promise<void> {
  const failure = outcome.replies.find((reply) => reply.view.kind === 'error')?.view;
  if (failure?.kind === 'error') {
    // Under the field it is about: the side, or the text (every other refusal).
    const field = failure.error.code === 'parse.missing_form_side' ? MODAL_BLOCK.side : MODAL_BLOCK.text;
    return ack({ response_action: 'errors', errors: { [field]: submission.explain(failure.error) } });
  }
  await ack();
  rt.tasks.run(task, () =>
    rt.deliver(submission.inv, outcome, { privately: viaEphemeral(rt.client, channel, body.user.id) }),
  );
}
