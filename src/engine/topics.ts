// `sujets`: a channel's queue of topics for the debate of the week (propose, endorse, withdraw,
// list); and the weekly opening, which the sweep runs: at the channel's weekday and time, in its
// zone (DST included), the most endorsed topic opens as a debate, once per slot, caught up once.
import { createHash, randomUUID } from 'node:crypto';
import type { Publisher } from '../adapter.ts';
import type { Languages } from '../domain/defaults.ts';
import type { DebateRecord } from '../domain/records.ts';
import { reminderAt, topicEndorsable, topicWithdrawable, weeklyTopic } from '../domain/rules.ts';
import type { ChannelScope, Invocation, Platform } from '../domain/types.ts';
import { lastScheduledBefore, nextScheduledAfter } from '../summary/period.ts';
import { scheduleOf } from '../summary/summary-at.ts';
import { scoreboardView } from '../views/build.ts';
import { answer, errorOutcome, noticeView, privately, publicly } from './answers.ts';
import type { EngineDeps, Handler } from './deps.ts';
import { participantKey } from './identity.ts';
import { deliveryKey } from './keys.ts';
import { roomForTopic } from './limits.ts';

/** Topics are signed like arguments of a debate that is not anonymous. */
const topicKey = (deps: EngineDeps, inv: Invocation): string =>
  participantKey(deps.secret, { uid: 'topics', anonymous: false }, { ...inv, userId: inv.user.id });

/** The next weekly opening of a channel, or null without a rhythm. */
export async function nextWeeklyOpening(
  deps: EngineDeps,
  scope: ChannelScope,
  timezone: string,
  now: number,
) {
  const { rhythm } = await deps.store.channelSettings(scope);
  const schedule = rhythm && scheduleOf(rhythm.day, rhythm.time);
  return schedule ? nextScheduledAfter(timezone, schedule, new Date(now)).getTime() : null;
}

export const topics: Handler<'topics'> = async (deps, inv, command, languages) => {
  const { action } = command;
  const at = deps.clock.now().getTime();
  const key = topicKey(deps, inv);
  if (action.kind === 'propose') {
    const room = roomForTopic((await deps.store.topicQueue(inv, key)).length);
    if (!room.ok) return errorOutcome(languages, room.error);
    const { topic, duplicate } = await deps.store.proposeTopic({
      scope: inv,
      text: action.text,
      proposerKey: key,
      proposerName: inv.user.name,
      at,
      deliveryKey: deliveryKey(deps, inv, 'topic'),
    });
    if (duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
    return answer(
      publicly(languages, noticeView('notice.topic_proposed', { number: topic.number, topic: topic.text })),
    );
  }
  if (action.kind === 'endorse') {
    const toggled = await deps.store.toggleTopicEndorsement({
      scope: inv,
      number: action.number,
      endorserKey: key,
      at,
      deliveryKey: deliveryKey(deps, inv, 'topic-endorse'),
      check: (topic) => topicEndorsable(topic, action.number, key),
    });
    if (!toggled.ok) return errorOutcome(languages, toggled.error);
    if (toggled.value.duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
    const notice = toggled.value.endorsed ? 'notice.topic_endorsed' : 'notice.topic_unendorsed';
    return answer(privately(languages, noticeView(notice, { number: action.number })));
  }
  if (action.kind === 'withdraw') {
    const who = { key, isAdmin: inv.user.isAdmin };
    const withdrawn = await deps.store.withdrawTopic({
      scope: inv,
      number: action.number,
      at,
      deliveryKey: deliveryKey(deps, inv, 'topic-withdraw'),
      check: (topic) => topicWithdrawable(topic, action.number, who),
    });
    if (!withdrawn.ok) return errorOutcome(languages, withdrawn.error);
    if (withdrawn.value.duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
    return answer(privately(languages, noticeView('notice.topic_withdrawn', { number: action.number })));
  }
  const [queue, settings] = await Promise.all([
    deps.store.topicQueue(inv, key),
    deps.store.channelSettings(inv),
  ]);
  const { rhythm } = settings;
  return answer(
    privately(languages, {
      kind: 'topicList',
      items: queue.map((topic) => ({
        number: topic.number,
        text: topic.text,
        proposerName: topic.proposerName,
        endorsements: topic.endorsements,
        endorsedByViewer: topic.endorsedByViewer,
      })),
      rhythm: rhythm && { day: rhythm.day, time: rhythm.time, durationMs: rhythm.durationMs },
      next: await nextWeeklyOpening(deps, inv, languages.timezone, at),
      timezone: languages.timezone,
    }),
  );
};

type LanguagesOf = (scope: ChannelScope) => Promise<Languages>;
type Attach = (scope: ChannelScope, number: number, ref: string) => Promise<void>;

/**
 * Opens each channel's debate of the week whose slot has come: only the latest slot counts (a
 * bot down for days opens one, not several), never one from before the rhythm was set, and each
 * slot once, whichever process takes it first. An empty queue leaves the slot empty.
 */
export async function openWeeklyDebates(
  deps: EngineDeps,
  publishers: ReadonlyMap<Platform, Publisher>,
  languagesOf: LanguagesOf,
  attach: Attach,
  now: number,
): Promise<DebateRecord[]> {
  const opened: DebateRecord[] = [];
  for (const { scope, settings } of await deps.store.rhythmChannels([...publishers.keys()])) {
    const { rhythm } = settings;
    const schedule = rhythm && scheduleOf(rhythm.day, rhythm.time);
    const publisher = publishers.get(scope.platform);
    if (!rhythm || !schedule || !publisher) continue;
    const zone = settings.timezone ?? deps.defaults.timezone;
    const slot = lastScheduledBefore(zone, schedule, new Date(now + 1)).getTime();
    if (slot < rhythm.since) continue;
    try {
      const closesAt = now + rhythm.durationMs;
      const remind = reminderAt(now, closesAt, undefined);
      const result = await deps.store.openWeekly({
        scope,
        instance: (await deps.lease.window(now)).instance,
        slotAt: slot,
        at: now,
        pick: weeklyTopic,
        // The proposer opens it (and may close it); a reminder as for any debate of that length.
        debate: (topic) => ({
          uid: randomUUID(),
          openerKey: topic.proposerKey ?? '',
          openerName: topic.proposerName,
          anonymous: false,
          hidden: false,
          at: now,
          closesAt,
          remindAt: remind.ok ? remind.value : null,
        }),
      });
      if (!result.debate) continue;
      opened.push(result.debate);
      await postWeekly(deps, publisher, languagesOf, attach, result.debate, false);
    } catch (error) {
      deps.logger.error(
        { err: error, platform: scope.platform, channel: scope.channelId },
        'the debate of the week could not be opened or posted; its post is tried again later',
      );
    }
  }
  // Openings whose post failed (here or on another instance that stopped): tried again.
  const pending = await deps.store.claimWeeklyPosts({
    ...(await deps.lease.window(now)),
    platforms: [...publishers.keys()],
    limit: 50,
  });
  for (const debate of pending) {
    const publisher = publishers.get(debate.platform);
    if (!publisher) continue;
    try {
      await postWeekly(deps, publisher, languagesOf, attach, debate, true);
    } catch (error) {
      deps.logger.warn(
        { err: error, platform: debate.platform, channel: debate.channelId, debate: debate.number },
        'the debate of the week still not posted; tried again later',
      );
    }
  }
  return opened;
}

/**
 * Posts the debate of the week under its heading and attaches it as the live scoreboard. The
 * post carries a key of its own: after a crash between the post and the attach, the platform
 * finds the first post instead of making a second.
 */
async function postWeekly(
  deps: EngineDeps,
  publisher: Publisher,
  languagesOf: LanguagesOf,
  attach: Attach,
  debate: DebateRecord,
  mayExist: boolean,
): Promise<void> {
  const languages = await languagesOf(debate);
  const data = await deps.store.scoreboard(debate.id);
  const ref = await publisher.post(
    debate,
    publicly(languages, { ...scoreboardView(data, languages.timezone), weekly: true }),
    [],
    { key: `o${createHash('sha256').update(debate.uid).digest('base64url').slice(0, 24)}`, mayExist },
  );
  if (ref) await attach(debate, debate.number, ref);
}
