import { randomUUID } from 'node:crypto';
import type { Command } from '../commands/command.ts';
import { keptTime } from '../domain/anonymity.ts';
import type { Languages } from '../domain/defaults.ts';
import type { DebateRecord } from '../domain/records.ts';
import type { UserError } from '../domain/result.ts';
import {
  acceptsChanges,
  endorsable,
  isExpired,
  mayOpen,
  persuasion,
  reminderAt,
  round2At,
  withdrawable,
} from '../domain/rules.ts';
import type { Invocation, VoteSide } from '../domain/types.ts';
import { t } from '../i18n/translate.ts';
import type { ClickRecord } from '../store/ports/votes.ts';
import { argumentItem, debateHeader, resultsVisible, scoreboardView } from '../views/build.ts';
import {
  answer,
  errorOutcome,
  ignored,
  noticeView,
  privately,
  publicly,
  refreshOf,
  withEnded,
} from './answers.ts';
import type { EngineDeps, Handler } from './deps.ts';
import { participantKey } from './identity.ts';
import { deliveryKey, keyOf, nameFor } from './keys.ts';
import { LIMIT_WINDOW_MS, paceOfArguments, roomForArgument, roomForDebate } from './limits.ts';
import type { Outcome } from './outcome.ts';
import { checkTarget, resolveDebate } from './targets.ts';

const PERSUASION_OPTIONS = 5;

export const openDebate: Handler<'open'> = async (deps, inv, command, languages) => {
  const allowed = mayOpen(await deps.store.channelSettings(inv), inv.user.isAdmin);
  if (!allowed.ok) return errorOutcome(languages, allowed.error);
  const room = roomForDebate((await deps.store.openDebates(inv)).length);
  if (!room.ok) return errorOutcome(languages, room.error);
  const at = deps.clock.now().getTime();
  const closesAt = command.durationMs === undefined ? null : at + command.durationMs;
  const remindAt = reminderAt(at, closesAt, command.reminderMs);
  if (!remindAt.ok) return errorOutcome(languages, remindAt.error);
  const halfTime = command.twoRounds ? round2At(at, closesAt) : undefined;
  if (halfTime && !halfTime.ok) return errorOutcome(languages, halfTime.error);
  const uid = randomUUID();
  const { debate, duplicate } = await deps.store.openDebate({
    scope: inv,
    uid,
    topic: command.topic,
    openerKey: participantKey(
      deps.secret,
      { uid, anonymous: command.anonymous },
      { ...inv, userId: inv.user.id },
    ),
    openerName: command.anonymous ? null : inv.user.name,
    anonymous: command.anonymous,
    hidden: command.hidden,
    at,
    closesAt,
    remindAt: remindAt.value,
    ...(halfTime?.ok ? { twoRounds: true, round2At: halfTime.value } : {}),
    deliveryKey: deliveryKey(deps, inv, 'open'),
  });
  if (duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
  const data = await deps.store.scoreboard(debate.id);
  return {
    replies: [publicly(languages, scoreboardView(data, languages.timezone))],
    refresh: [],
    opened: { number: debate.number },
  };
};

/** The outcome of a refused change: the error privately, and any debate found ended on the way. */
const refused = (languages: Languages, error: UserError, ended: DebateRecord[]): Outcome =>
  withEnded({ ...errorOutcome(languages, error), refresh: ended.map(refreshOf) }, ended);

export const argue: Handler<'argue'> = async (deps, inv, command, languages) => {
  const ended: DebateRecord[] = [];
  const resolved = await resolveDebate(deps, inv, command.debate, ended);
  if (!resolved.ok) return refused(languages, resolved.error, ended);
  const debate = resolved.value;
  const at = deps.clock.now().getTime();
  const authorKey = keyOf(deps, debate, inv);
  // The limits are read before the write: two adds racing at the very limit may both pass.
  const counts = await deps.store.argumentCounts(debate.id, authorKey, at - LIMIT_WINDOW_MS + 1);
  const room = roomForArgument(counts.all);
  if (!room.ok) return refused(languages, room.error, ended);
  const pace = paceOfArguments(counts.bySince);
  if (!pace.ok) return refused(languages, pace.error, ended);
  const added = await deps.store.addArgument({
    debateId: debate.id,
    side: command.side,
    text: command.text,
    authorKey,
    authorName: nameFor(debate, inv),
    at,
    deliveryKey: deliveryKey(deps, inv, 'argue'),
    check: (stored) => acceptsChanges(stored, at),
  });
  if (!added.ok) return refused(languages, added.error, ended);
  const { argument, duplicate } = added.value;
  if (duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
  return withEnded(
    {
      replies: [
        publicly(languages, {
          kind: 'argumentAdded',
          debate: debateHeader(debate),
          argument: argumentItem(argument, debate),
        }),
      ],
      refresh: [...ended.map(refreshOf), refreshOf(debate)],
    },
    ended,
  );
};

/** A vote; `click`, the button's, is recorded with it (the repeat-click rule, decided in the store). */
export const vote = async (
  deps: EngineDeps,
  inv: Invocation,
  command: Extract<Command, { kind: 'vote' }>,
  languages: Languages,
  click?: ClickRecord,
): Promise<Outcome> => {
  const at = deps.clock.now().getTime();
  let expired: number | undefined;
  const cast = await deps.store.castVote({
    target: { scope: inv, number: command.debate },
    voterKey: (debate) => participantKey(deps.secret, debate, { ...inv, userId: inv.user.id }),
    voterName: (debate) => (debate.anonymous ? null : inv.user.name),
    person: [inv.platform, inv.workspaceId, inv.user.id].join('\u0000'),
    side: command.side,
    at,
    keptAt: (debate) => keptTime(debate, at, languages.timezone),
    deliveryKey: deliveryKey(deps, inv, 'vote'),
    click,
    check: (debate) => {
      const found = checkTarget(debate, inv, command.debate);
      if (!found.ok || !debate) return found;
      expired = isExpired(debate, at) ? debate.id : undefined;
      return acceptsChanges(debate, at);
    },
  });
  if (!cast.ok) {
    // A debate that just reached its end is closed now, and announced, before the refusal.
    const ended = expired !== undefined ? await deps.store.closeExpired(at, { debateId: expired }) : [];
    return refused(languages, cast.error, ended);
  }
  if ('repeat' in cast.value) return ignored();
  const { debate } = cast.value;
  const { previous, current, duplicate } = cast.value;
  if (duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
  const side = (value: VoteSide) => t(languages.private, `side.${value}`);
  const params = { debate: debate.number };
  const notice = privately(
    languages,
    current === null
      ? noticeView('notice.vote_withdrawn', params)
      : previous === null
        ? noticeView('notice.vote_cast', { ...params, side: side(current) })
        : noticeView('notice.vote_changed', { ...params, from: side(previous), to: side(current) }),
  );
  if (resultsVisible(debate)) notice.alsoOnScoreboard = true;
  const outcome: Outcome = { replies: [notice], refresh: [refreshOf(debate)] };
  // A switch towards a side earns the ∆ prompt: which argument of that side changed their mind?
  if (previous !== null && current !== null && current !== 'neutral' && previous !== current) {
    const options = await deps.store.argumentsOfSide(debate.id, current, PERSUASION_OPTIONS);
    if (options.length > 0)
      outcome.replies.push(
        privately(languages, {
          kind: 'persuasionPrompt',
          debate: debateHeader(debate),
          side: current,
          options: options.map((option) => argumentItem(option, debate)),
        }),
      );
  }
  return outcome;
};

export const endorse: Handler<'endorse'> = async (deps, inv, command, languages) => {
  const ended: DebateRecord[] = [];
  const resolved = await resolveDebate(deps, inv, command.debate, ended);
  if (!resolved.ok) return refused(languages, resolved.error, ended);
  const debate = resolved.value;
  const at = deps.clock.now().getTime();
  const endorserKey = keyOf(deps, debate, inv);
  const toggled = await deps.store.toggleEndorsement({
    debateId: debate.id,
    number: command.argument,
    endorserKey,
    at,
    keptAt: keptTime(debate, at, languages.timezone),
    deliveryKey: deliveryKey(deps, inv, 'endorse'),
    check: (stored, argument) => endorsable(stored, argument, command.argument, endorserKey, at),
  });
  if (!toggled.ok) return refused(languages, toggled.error, ended);
  if (toggled.value.duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
  const key = toggled.value.endorsed ? 'notice.endorsed' : 'notice.unendorsed';
  return answer(privately(languages, noticeView(key, { number: command.argument, debate: debate.number })), [
    refreshOf(debate),
  ]);
};

export const withdraw: Handler<'withdraw'> = async (deps, inv, command, languages) => {
  const ended: DebateRecord[] = [];
  const resolved = await resolveDebate(deps, inv, command.debate, ended);
  if (!resolved.ok) return refused(languages, resolved.error, ended);
  const debate = resolved.value;
  const who = { key: keyOf(deps, debate, inv), isAdmin: inv.user.isAdmin };
  const withdrawn = await deps.store.withdrawArgument({
    debateId: debate.id,
    number: command.argument,
    at: deps.clock.now().getTime(),
    deliveryKey: deliveryKey(deps, inv, 'withdraw'),
    check: (stored, argument) => withdrawable(stored, argument, command.argument, who),
  });
  if (!withdrawn.ok) return refused(languages, withdrawn.error, ended);
  if (withdrawn.value.duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
  return withEnded(
    answer(
      privately(
        languages,
        noticeView('notice.withdrawn', { number: command.argument, debate: debate.number }),
      ),
      [...ended.map(refreshOf), refreshOf(debate)],
    ),
    ended,
  );
};

export const delta: Handler<'delta'> = async (deps, inv, command, languages) => {
  const ended: DebateRecord[] = [];
  const resolved = await resolveDebate(deps, inv, command.debate, ended);
  if (!resolved.ok) return refused(languages, resolved.error, ended);
  const debate = resolved.value;
  const at = deps.clock.now().getTime();
  const recorded = await deps.store.recordPersuasion({
    debateId: debate.id,
    voterKey: keyOf(deps, debate, inv),
    number: command.argument,
    at,
    deliveryKey: deliveryKey(deps, inv, 'delta'),
    check: (stored, argument, last) => persuasion(stored, argument, command.argument, last, at),
  });
  if (!recorded.ok) return refused(languages, recorded.error, ended);
  if (recorded.value.duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
  return answer(privately(languages, noticeView('notice.persuaded', { number: command.argument })), [
    refreshOf(debate),
  ]);
};
