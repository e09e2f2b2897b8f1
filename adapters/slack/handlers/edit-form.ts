// Editing one's own argument: the list's "Modifier" button opens the form filled in (or says
// privately why the argument can no longer change); the submission is stored before the ack, and
// a refusal (endorsed meanwhile, too long, empty) is shown in the form itself.
import { parseText } from '../../../src/commands/parse.ts';
import type { UserError } from '../../../src/domain/result.ts';
import { errorKey, translator } from '../../../src/i18n/translate.ts';
import { MODAL_BLOCK, readEdit } from '../action-ids.ts';
import { fitPlain } from '../mrkdwn.ts';
import { editModal, readEditTarget } from '../render/edit-modal.ts';
import { type PrivateSink, viaEphemeral } from '../responders.ts';
import type { FormArgs } from '../router.ts';
import type { SlackRuntime, Who } from '../runtime.ts';

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
    const who: Who = {
      team: body.team?.id ?? body.user.team_id ?? '',
      channel: target.channel,
      user: body.user.id,
      name: body.user.name,
    };
    const text = parseText('argument', view.state.values[MODAL_BLOCK.text]?.[MODAL_BLOCK.text]?.value ?? '');
    // One form gives one edit, even if Slack delivers its submission twice.
    const inv = await rt.invocation(who, { id: `view:${view.id}` });
    const tr = translator((await rt.engine.languages(inv)).private);
    const explain = (error: UserError) => fitPlain(tr(errorKey(error.code), error.params), 300);
    if (!text.ok)
      return ack({ response_action: 'errors', errors: { [MODAL_BLOCK.text]: explain(text.error) } });
    const outcome = await rt.engine.execute(inv, {
      kind: 'edit',
      argument: target.argument,
      text: text.value,
      debate: target.debate,
    });
    const failure = outcome.replies.find((reply) => reply.view.kind === 'error')?.view;
    if (failure?.kind === 'error')
      return ack({ response_action: 'errors', errors: { [MODAL_BLOCK.text]: explain(failure.error) } });
    await ack();
    rt.tasks.run('edit', () =>
      rt.deliver(inv, outcome, { privately: viaEphemeral(rt.client, target.channel, body.user.id) }),
    );
  };
}
