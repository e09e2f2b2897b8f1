// The argument form's submission: the text is validated and the argument stored before the ack;
// a problem (empty, too long, debate closed) is shown in the form itself.

import { parseText } from '../../../src/commands/parse.ts';
import type { UserError } from '../../../src/domain/result.ts';
import type { Side } from '../../../src/domain/types.ts';
import { errorKey, translator } from '../../../src/i18n/translate.ts';
import { MODAL_BLOCK } from '../action-ids.ts';
import { fitPlain } from '../mrkdwn.ts';
import { readModalTarget } from '../render/argument-modal.ts';
import { viaEphemeral } from '../responders.ts';
import type { FormArgs } from '../router.ts';
import type { SlackRuntime, Who } from '../runtime.ts';

const readSide = (value: string | undefined): Side | undefined =>
  value === 'pro' || value === 'con' ? value : undefined;

/** The submission of the argument form (callback id ARGUMENT_MODAL). */
export function modalHandler(rt: SlackRuntime): (args: FormArgs) => Promise<void> {
  return async ({ ack, body, view }) => {
    const target = readModalTarget(view.private_metadata);
    if (!target) return ack();
    const who: Who = {
      team: body.team?.id ?? body.user.team_id ?? '',
      channel: target.channel,
      user: body.user.id,
      name: body.user.name,
    };
    const values = view.state.values;
    const side = readSide(values[MODAL_BLOCK.side]?.[MODAL_BLOCK.side]?.selected_option?.value);
    const text = parseText('argument', values[MODAL_BLOCK.text]?.[MODAL_BLOCK.text]?.value ?? '');
    // One modal gives one argument, even if Slack delivers its submission twice.
    const inv = await rt.invocation(who, { id: `view:${view.id}` });
    const tr = translator((await rt.engine.languages(inv)).private);
    const explain = (error: UserError) => fitPlain(tr(errorKey(error.code), error.params), 300);
    if (!text.ok)
      return ack({ response_action: 'errors', errors: { [MODAL_BLOCK.text]: explain(text.error) } });
    if (!side)
      return ack({ response_action: 'errors', errors: { [MODAL_BLOCK.side]: tr('form.argument.side') } });
    const outcome = await rt.engine.execute(inv, {
      kind: 'argue',
      side,
      text: text.value,
      debate: target.debate,
    });
    const failure = outcome.replies.find((reply) => reply.view.kind === 'error')?.view;
    if (failure?.kind === 'error')
      return ack({ response_action: 'errors', errors: { [MODAL_BLOCK.text]: explain(failure.error) } });
    await ack();
    rt.tasks.run('modal', () =>
      rt.deliver(inv, outcome, { privately: viaEphemeral(rt.client, target.channel, body.user.id) }),
    );
  };
}
