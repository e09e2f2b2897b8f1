// Views that link to debate pages (the scoreboard, the App Home, the weekly summary) get their
// URLs here, after being built: the views stay pure and the links are signed in one place.
import type { WorkspaceScope } from '../domain/types.ts';
import type { PersonalDebatesView } from '../views/types.ts';
import type { WeeklySummaryView } from '../views/weekly-summary.ts';
import type { PageLinks } from './links.ts';

/** Each listed debate with its page's link, when links have an address on this platform. */
export async function linkPersonalDebates(
  links: PageLinks | undefined,
  scope: WorkspaceScope,
  view: PersonalDebatesView,
): Promise<PersonalDebatesView> {
  if (!links) return view;
  const items = await Promise.all(
    view.items.map(async (item) => ({ ...item, pageUrl: await links.urlOf(scope, item.debate.number) })),
  );
  return { ...view, items };
}

/** The same for the debates of a weekly summary. */
export async function linkWeeklySummary(
  links: PageLinks | undefined,
  scope: WorkspaceScope,
  view: WeeklySummaryView,
): Promise<WeeklySummaryView> {
  if (!links) return view;
  const debates = await Promise.all(
    view.debates.map(async (item) => ({ ...item, pageUrl: await links.urlOf(scope, item.debate.number) })),
  );
  return { ...view, debates };
}
