import type { ChannelSettings, DebateRecord } from '../domain/records.ts';
import type { UserError } from '../domain/result.ts';
import { statusChange } from '../domain/rules.ts';
import { t } from '../i18n/translate.ts';
import type { SettingsView } from '../views/types.ts';
import { endedAnnouncement } from './announcements.ts';
import { answer, errorOutcome, noticeView, privately, publicly, refreshOf, withEnded } from './answers.ts';
import type { EngineDeps, Handler } from './deps.ts';
import { deliveryKey } from './keys.ts';
import { personKeys } from './personal.ts';
import { canModerate, resolveDebate } from './targets.ts';

const setStatus =
  (status: 'open' | 'closed'): Handler<'close' | 'reopen'> =>
  async (deps, inv, command, languages) => {
    const ended: DebateRecord[] = [];
    // Without `#id`, reopening is about the debate closed last, whatever is open beside it.
    const resolved = await resolveDebate(
      deps,
      inv,
      command.debate,
      ended,
      status === 'open' ? 'closed' : 'open',
    );
    const refusal = (error: UserError) =>
      withEnded({ ...errorOutcome(languages, error), refresh: ended.map(refreshOf) }, ended);
    if (!resolved.ok) return refusal(resolved.error);
    const debate = resolved.value;
    if (!canModerate(deps, debate, inv)) return refusal({ code: 'rights.close' });
    const at = deps.clock.now().getTime();
    const changed = await deps.store.setStatus({
      debateId: debate.id,
      status,
      at,
      // Reopening clears an ended duration, so the debate does not close again at once.
      closesAt:
        status === 'open' && debate.closesAt !== null && debate.closesAt <= at ? null : debate.closesAt,
      deliveryKey: deliveryKey(deps, inv, status),
      closingNote: command.kind === 'close' ? (command.note ?? null) : null,
      check: (stored) => statusChange(stored, status, at),
    });
    if (!changed.ok) return refusal(changed.error);
    if (changed.value.duplicate) return answer(privately(languages, noticeView('notice.duplicate')));
    const refresh = [...ended.map(refreshOf), refreshOf(changed.value.debate)];
    // Closing answers in the channel with the final tally under its heading: the announcement.
    if (status === 'closed')
      return withEnded(
        answer(await endedAnnouncement(deps, changed.value.debate, languages), refresh),
        ended,
      );
    return withEnded(
      answer(publicly(languages, noticeView('notice.reopened', { debate: debate.number })), refresh),
      ended,
    );
  };

export const closeDebate = setStatus('closed');
export const reopenDebate = setStatus('open');

export function settingsView(deps: EngineDeps, settings: ChannelSettings, saved: boolean): SettingsView {
  const { defaults } = deps;
  return {
    kind: 'settings',
    saved,
    timezone: settings.timezone ?? defaults.timezone,
    summary: settings.summaryOff
      ? null
      : {
          day: settings.summaryDay ?? defaults.summaryDay,
          time: settings.summaryTime ?? defaults.summaryTime,
        },
    language: settings.language ?? defaults.language,
    threads: settings.threads,
    openers: settings.openers,
    reminders: settings.reminders,
    nudges: settings.nudges,
    rhythm: settings.rhythm && {
      day: settings.rhythm.day,
      time: settings.rhythm.time,
      durationMs: settings.rhythm.durationMs,
    },
  };
}

export const settings: Handler<'settings'> = async (deps, inv, command, languages) => {
  if (command.change === undefined)
    return answer(privately(languages, settingsView(deps, await deps.store.channelSettings(inv), false)));
  if (!inv.user.isAdmin) return errorOutcome(languages, { code: 'rights.settings' });
  const change =
    command.change.setting === 'rhythm'
      ? { ...command.change, since: deps.clock.now().getTime() }
      : command.change;
  const saved = await deps.store.saveChannelSetting(inv, change);
  // A new channel language applies to this very answer.
  const language = command.change.setting === 'language' ? command.change.language : languages.private;
  return answer(privately({ ...languages, private: language }, settingsView(deps, saved, true)));
};

/**
 * `oublier-moi` first says what will be erased and asks for a confirmation: it reaches every
 * channel of the workspace and cannot be undone. Confirmed, it erases the person's votes, vote
 * history and endorsements, unsigns their arguments and debates, and every scoreboard they were
 * on is refreshed, wherever it is.
 */
export const forgetMe: Handler<'forgetMe'> = async (deps, inv, command, languages) => {
  if (!command.confirmed) return answer(privately(languages, { kind: 'forgetConfirm' }));
  const keys = await personKeys(deps, inv);
  // Read before erasing: afterwards nothing ties the person to these debates.
  const touched = await deps.store.debatesTouchedBy(inv, keys, Number.MAX_SAFE_INTEGER);
  const counts = await deps.store.forgetParticipant(inv, keys);
  const count = (key: 'forget.votes' | 'forget.endorsements' | 'forget.arguments', n: number) =>
    t(languages.private, key, { count: n });
  const params = {
    votes: count('forget.votes', counts.votes),
    endorsements: count('forget.endorsements', counts.endorsements),
    arguments: count('forget.arguments', counts.arguments),
  };
  return {
    ...answer(
      privately(languages, noticeView('notice.forgotten', params)),
      touched.map((row) => refreshOf(row.debate)),
    ),
    personalChanged: true,
  };
};
