// How a debate ends well: its closing note (`conclure`), its common ground in the views that
// show it, and two-round debates (`tour2`, and the half-time post the sweep makes once).
import type { Publisher } from '../adapter.ts';
import type { Languages } from '../domain/defaults.ts';
import type { Counts, DebateRecord } from '../domain/records.ts';
import { concludable, round2Startable } from '../domain/rules.ts';
import type { Platform } from '../domain/types.ts';
import { resultsVisible, scoreboardView } from '../views/build.ts';
import { endingSections, type ViewSection } from '../views/sections.ts';
import type { Reply } from '../views/types.ts';
import { answer, errorOutcome, noticeView, privately, publicly, refreshOf, withEnded } from './answers.ts';
import type { EngineDeps, Handler } from './deps.ts';
import { deliveryKey } from './keys.ts';
import { canModerate, resolveDebate } from './targets.ts';

/** Arguments of common ground listed in `bilan` and the end announcement (the rest counted). */
export const COMMON_GROUND_SHOWN = 5;
const BATCH = 50;

/**
 * The sections of a debate's view: common ground when `commonGround` says how (it costs a read
 * of the endorsements: live scoreboards go without), the two rounds, the closing note.
 */
export async function sectionsOf(
  deps: EngineDeps,
  debate: DebateRecord,
  counts: Counts,
  commonGround?: { limit?: number; sayNone?: boolean },
): Promise<ViewSection[]> {
  const [sides, rounds] = await Promise.all([
    commonGround && resultsVisible(debate) ? deps.store.endorserSides(debate.id) : undefined,
    debate.twoRounds && debate.round2StartedAt !== null ? deps.store.rounds(debate.id) : undefined,
  ]);
  return endingSections({ debate, counts, sides, rounds, ...commonGround });
}

/** `conclure [#id] <texte>`: sets or replaces a closed debate's note (its opener or an admin). */
export const conclude: Handler<'conclude'> = async (deps, inv, command, languages) => {
  const ended: DebateRecord[] = [];
  const resolved = await resolveDebate(deps, inv, command.debate, ended, 'closed');
  const refusal = (error: Parameters<typeof errorOutcome>[1]) =>
    withEnded({ ...errorOutcome(languages, error), refresh: ended.map(refreshOf) }, ended);
  // Nothing closed: its own wording, which says how to close with a note.
  if (!resolved.ok)
    return refusal(
      resolved.error.code === 'debate.none_closed' ? { code: 'conclude.none_closed' } : resolved.error,
    );
  const debate = resolved.value;
  if (!canModerate(deps, debate, inv)) return refusal({ code: 'rights.conclude' });
  const saved = await deps.store.setClosingNote({
    debateId: debate.id,
    note: command.text,
    at: deps.clock.now().getTime(),
    deliveryKey: deliveryKey(deps, inv, 'conclude'),
    check: concludable,
  });
  if (!saved.ok) return refusal(saved.error);
  if (saved.value.duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
  return withEnded(
    answer(privately(languages, noticeView('notice.concluded', { debate: debate.number })), [
      ...ended.map(refreshOf),
      refreshOf(debate),
    ]),
    ended,
  );
};

/** The half-time post: the first round's tally (the votes as the second round opens) and the top arguments. */
export async function halftimeReply(
  deps: EngineDeps,
  debate: DebateRecord,
  languages: Languages,
): Promise<Reply> {
  const data = await deps.store.scoreboard(debate.id);
  return publicly(languages, { ...scoreboardView(data, languages.timezone), halftime: true });
}

/** `tour2 [#id]`: the opener or an admin opens the second round now; the answer is the half-time post. */
export const round2: Handler<'round2'> = async (deps, inv, command, languages) => {
  const ended: DebateRecord[] = [];
  const resolved = await resolveDebate(deps, inv, command.debate, ended);
  const refusal = (error: Parameters<typeof errorOutcome>[1]) =>
    withEnded({ ...errorOutcome(languages, error), refresh: ended.map(refreshOf) }, ended);
  if (!resolved.ok) return refusal(resolved.error);
  const debate = resolved.value;
  if (!canModerate(deps, debate, inv)) return refusal({ code: 'rights.round2' });
  const at = deps.clock.now().getTime();
  const started = await deps.store.startRound2({
    debateId: debate.id,
    at,
    deliveryKey: deliveryKey(deps, inv, 'round2'),
    check: (stored) => round2Startable(stored, at),
  });
  if (!started.ok) return refusal(started.error);
  if (started.value.duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
  return withEnded(
    answer(await halftimeReply(deps, started.value.debate, languages), [
      ...ended.map(refreshOf),
      refreshOf(started.value.debate),
    ]),
    ended,
  );
};

/**
 * Opens the second round of every two-round debate at half-time and posts its half-time message,
 * once across a fleet: claimed, then completed once posted (a failed post is tried again once its
 * claim is old). Returns the debates whose round opened, for their scoreboards to show the votes.
 */
export async function postHalftimes(
  deps: EngineDeps,
  publishers: ReadonlyMap<Platform, Publisher>,
  languagesOf: (debate: DebateRecord) => Promise<Languages>,
  at: number,
): Promise<DebateRecord[]> {
  const due = await deps.store.claimHalftimes({
    ...(await deps.lease.window(at)),
    platforms: [...publishers.keys()],
    limit: BATCH,
  });
  for (const debate of due) {
    try {
      const publisher = publishers.get(debate.platform);
      if (!publisher) continue;
      await publisher.post(debate, await halftimeReply(deps, debate, await languagesOf(debate)));
      await deps.store.completeHalftime(debate.id, at);
    } catch (error) {
      deps.logger.warn({ err: error, debate: debate.number }, 'half-time post not made; tried again later');
    }
  }
  return due;
}
