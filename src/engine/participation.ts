import { randomUUID } from 'node:crypto';
import type { VoteSide } from '../domain/types.ts';
import { t } from '../i18n/translate.ts';
import { argumentItem, debateHeader, scoreboardView } from '../views/build.ts';
import {
  answer,
  deliveryKey,
  errorOutcome,
  type Handler,
  keyOf,
  nameFor,
  noticeView,
  privately,
  publicly,
  refreshOf,
  resolveDebate,
} from './context.ts';
import { participantKey } from './identity.ts';
import type { Outcome, ScoreboardRefresh } from './outcome.ts';

const PERSUASION_OPTIONS = 5;

export const openDebate: Handler<'open'> = async (deps, inv, command, languages) => {
  const at = deps.clock.now().getTime();
  const uid = randomUUID();
  const debate = await deps.store.openDebate({
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
    closesAt: command.durationMs === undefined ? null : at + command.durationMs,
  });
  const data = await deps.store.scoreboard(debate.id);
  return {
    replies: [publicly(languages, scoreboardView(data, languages.timezone))],
    refresh: [],
    opened: { number: debate.number },
  };
};

export const argue: Handler<'argue'> = async (deps, inv, command, languages) => {
  const expired: ScoreboardRefresh[] = [];
  const resolved = await resolveDebate(deps, inv, command.debate, expired);
  if (!resolved.ok) return { ...errorOutcome(languages, resolved.error), refresh: expired };
  const debate = resolved.value;
  const added = await deps.store.addArgument({
    debateId: debate.id,
    side: command.side,
    text: command.text,
    authorKey: keyOf(deps, debate, inv),
    authorName: nameFor(debate, inv),
    at: deps.clock.now().getTime(),
    deliveryKey: deliveryKey(deps, inv, 'argue'),
  });
  if (!added.ok) return { ...errorOutcome(languages, added.error), refresh: expired };
  const { argument, duplicate } = added.value;
  if (duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
  return {
    replies: [
      publicly(languages, {
        kind: 'argumentAdded',
        debate: debateHeader(debate),
        argument: argumentItem(argument, debate),
      }),
    ],
    refresh: [...expired, refreshOf(debate)],
  };
};

export const vote: Handler<'vote'> = async (deps, inv, command, languages) => {
  const cast = await deps.store.castVote({
    target: { scope: inv, number: command.debate },
    voterKey: (debate) => participantKey(deps.secret, debate, { ...inv, userId: inv.user.id }),
    voterName: (debate) => (debate.anonymous ? null : inv.user.name),
    side: command.side,
    at: deps.clock.now().getTime(),
    deliveryKey: deliveryKey(deps, inv, 'vote'),
  });
  if (!cast.ok) {
    // A debate that just reached its end was closed by this very attempt: refresh its scoreboard.
    const closed = cast.error.code === 'debate.closed' ? Number(cast.error.params?.debate) : undefined;
    const scope = { platform: inv.platform, workspaceId: inv.workspaceId, channelId: inv.channelId };
    const refresh = closed === undefined ? [] : [{ scope, number: closed, ref: null }];
    return { ...errorOutcome(languages, cast.error), refresh };
  }
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
  if (!debate.hidden) notice.alsoOnScoreboard = true;
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
  const expired: ScoreboardRefresh[] = [];
  const resolved = await resolveDebate(deps, inv, command.debate, expired);
  if (!resolved.ok) return { ...errorOutcome(languages, resolved.error), refresh: expired };
  const debate = resolved.value;
  const toggled = await deps.store.toggleEndorsement({
    debateId: debate.id,
    number: command.argument,
    endorserKey: keyOf(deps, debate, inv),
    at: deps.clock.now().getTime(),
    deliveryKey: deliveryKey(deps, inv, 'endorse'),
  });
  if (!toggled.ok) return { ...errorOutcome(languages, toggled.error), refresh: expired };
  if (toggled.value.duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
  const key = toggled.value.endorsed ? 'notice.endorsed' : 'notice.unendorsed';
  return answer(privately(languages, noticeView(key, { number: command.argument, debate: debate.number })), [
    ...expired,
    refreshOf(debate),
  ]);
};

export const withdraw: Handler<'withdraw'> = async (deps, inv, command, languages) => {
  const expired: ScoreboardRefresh[] = [];
  const resolved = await resolveDebate(deps, inv, command.debate, expired);
  if (!resolved.ok) return { ...errorOutcome(languages, resolved.error), refresh: expired };
  const debate = resolved.value;
  const argument = await deps.store.argument(debate.id, command.argument);
  if (!argument)
    return errorOutcome(languages, {
      code: 'argument.not_found',
      params: { number: command.argument, debate: debate.number },
    });
  const own = argument.authorKey !== null && argument.authorKey === keyOf(deps, debate, inv);
  if (!own && !inv.user.isAdmin) return errorOutcome(languages, { code: 'rights.withdraw' });
  const withdrawn = await deps.store.withdrawArgument(
    debate.id,
    command.argument,
    deps.clock.now().getTime(),
  );
  if (!withdrawn.ok) return errorOutcome(languages, withdrawn.error);
  return answer(
    privately(languages, noticeView('notice.withdrawn', { number: command.argument, debate: debate.number })),
    [...expired, refreshOf(debate)],
  );
};

export const delta: Handler<'delta'> = async (deps, inv, command, languages) => {
  const expired: ScoreboardRefresh[] = [];
  const resolved = await resolveDebate(deps, inv, command.debate, expired);
  if (!resolved.ok) return { ...errorOutcome(languages, resolved.error), refresh: expired };
  const debate = resolved.value;
  const recorded = await deps.store.recordPersuasion(debate.id, keyOf(deps, debate, inv), command.argument);
  if (!recorded.ok) return errorOutcome(languages, recorded.error);
  return answer(privately(languages, noticeView('notice.persuaded', { number: command.argument })), [
    ...expired,
    refreshOf(debate),
  ]);
};
