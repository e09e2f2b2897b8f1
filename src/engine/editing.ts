// An author edits their own argument: the same text rules as a new one (the parser's or the
// form's validation), the rule `editable` checked by the store on the state it reads.
import type { DebateRecord } from '../domain/records.ts';
import { ok, type Result } from '../domain/result.ts';
import { editable } from '../domain/rules.ts';
import type { Invocation, Side } from '../domain/types.ts';
import { answer, errorOutcome, noticeView, privately, refreshOf, withEnded } from './answers.ts';
import type { EngineDeps, Handler } from './deps.ts';
import { deliveryKey, keyOf } from './keys.ts';
import { resolveDebate } from './targets.ts';

export const edit: Handler<'edit'> = async (deps, inv, command, languages) => {
  const ended: DebateRecord[] = [];
  const refused = (error: Parameters<typeof errorOutcome>[1]) =>
    withEnded({ ...errorOutcome(languages, error), refresh: ended.map(refreshOf) }, ended);
  const resolved = await resolveDebate(deps, inv, command.debate, ended);
  if (!resolved.ok) return refused(resolved.error);
  const debate = resolved.value;
  const at = deps.clock.now().getTime();
  const author = keyOf(deps, debate, inv);
  const edited = await deps.store.editArgument({
    debateId: debate.id,
    number: command.argument,
    text: command.text,
    at,
    deliveryKey: deliveryKey(deps, inv, 'edit'),
    check: (stored, argument) => editable(stored, argument, command.argument, author, at),
  });
  if (!edited.ok) return refused(edited.error);
  if (edited.value.duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
  return withEnded(
    answer(
      privately(languages, noticeView('notice.edited', { number: command.argument, debate: debate.number })),
      [...ended.map(refreshOf), refreshOf(debate)],
    ),
    ended,
  );
};

/** What the edit form starts from: the argument as it stands, if its author may still edit it. */
export interface EditForm {
  debate: number;
  argument: number;
  side: Side;
  text: string;
}

export async function editForm(
  deps: EngineDeps,
  inv: Invocation,
  debateNumber: number,
  number: number,
  ended: DebateRecord[],
): Promise<Result<EditForm>> {
  const resolved = await resolveDebate(deps, inv, debateNumber, ended);
  if (!resolved.ok) return resolved;
  const debate = resolved.value;
  const argument = await deps.store.argument(debate.id, number);
  const allowed = editable(debate, argument, number, keyOf(deps, debate, inv), deps.clock.now().getTime());
  if (!allowed.ok || !argument) return allowed as Result<never>;
  return ok({ debate: debate.number, argument: number, side: argument.side, text: argument.text });
}
