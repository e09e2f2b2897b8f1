// App Home: when someone opens the bot's Home tab, publish their debates with tallies and their vote.

import { translator } from '../../../src/i18n/translate.ts';
import { languageOf } from '../people.ts';
import { renderHome } from '../render/home.ts';
import type { EventArgs } from '../router.ts';
import type { SlackRuntime } from '../runtime.ts';

export function homeHandler(rt: SlackRuntime): (args: EventArgs<'app_home_opened'>) => Promise<void> {
  return async ({ event, body }) => {
    if (event.tab !== 'home') return;
    rt.tasks.run('app home', () => publishHome(rt, body.team_id, event.user));
  };
}

/** Publishes a person's Home tab as it stands (opened, or changed by forget-me). */
export async function publishHome(rt: SlackRuntime, team: string, user: string): Promise<void> {
  const person = await rt.people.get(team, user);
  const view = await rt.engine.personalDebates({
    platform: 'slack',
    workspaceId: team,
    user: { id: user, name: person.name ?? user, isAdmin: person.isAdmin },
  });
  const language = languageOf(person.locale) ?? rt.engine.defaults.language;
  await rt.client.views.publish({ user_id: user, view: renderHome(translator(language), view) });
}
