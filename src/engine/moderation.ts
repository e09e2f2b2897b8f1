import { t } from '../i18n/translate.ts';
import type { ChannelSettings } from '../store/ports.ts';
import type { SettingsView } from '../views/types.ts';
import {
  answer,
  canModerate,
  type EngineDeps,
  errorOutcome,
  type Handler,
  noticeView,
  privately,
  publicly,
  refreshOf,
  resolveDebate,
} from './context.ts';
import { participantKey } from './identity.ts';
import type { ScoreboardRefresh } from './outcome.ts';

const setStatus =
  (status: 'open' | 'closed'): Handler<'close' | 'reopen'> =>
  async (deps, inv, command, languages) => {
    const expired: ScoreboardRefresh[] = [];
    const resolved = await resolveDebate(deps, inv, command.debate, expired);
    if (!resolved.ok) return { ...errorOutcome(languages, resolved.error), refresh: expired };
    const debate = resolved.value;
    if (!canModerate(deps, debate, inv)) return errorOutcome(languages, { code: 'rights.close' });
    const changed = await deps.store.setStatus(debate.id, status, deps.clock.now().getTime());
    if (!changed.ok) return { ...errorOutcome(languages, changed.error), refresh: expired };
    const key = status === 'closed' ? 'notice.closed' : 'notice.reopened';
    return answer(publicly(languages, noticeView(key, { debate: debate.number })), [
      ...expired,
      refreshOf(changed.value),
    ]);
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
  };
}

export const settings: Handler<'settings'> = async (deps, inv, command, languages) => {
  if (command.change === undefined)
    return answer(privately(languages, settingsView(deps, await deps.store.channelSettings(inv), false)));
  if (!inv.user.isAdmin) return errorOutcome(languages, { code: 'rights.settings' });
  const saved = await deps.store.saveChannelSetting(inv, command.change);
  // A new channel language applies to this very answer.
  const language = command.change.setting === 'language' ? command.change.language : languages.private;
  return answer(privately({ ...languages, private: language }, settingsView(deps, saved, true)));
};

/** Erases the person's votes, vote history and endorsements; their arguments stay, unsigned. */
export const forgetMe: Handler<'forgetMe'> = async (deps, inv, _command, languages) => {
  const debates = await deps.store.debatesOfWorkspace(inv);
  const keys = new Set<string>([inv.user.id]);
  for (const debate of debates)
    if (debate.anonymous) keys.add(participantKey(deps.secret, debate, { ...inv, userId: inv.user.id }));
  const counts = await deps.store.forgetParticipant(inv, [...keys]);
  const refresh: ScoreboardRefresh[] = [];
  for (const row of await deps.store.openDebates(inv))
    if (row.debate.scoreboardRef) refresh.push(refreshOf(row.debate));
  const count = (key: 'forget.votes' | 'forget.endorsements' | 'forget.arguments', n: number) =>
    t(languages.private, key, { count: n });
  const params = {
    votes: count('forget.votes', counts.votes),
    endorsements: count('forget.endorsements', counts.endorsements),
    arguments: count('forget.arguments', counts.arguments),
  };
  return answer(privately(languages, noticeView('notice.forgotten', params)), refresh);
};
