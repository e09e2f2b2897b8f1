// Which symbols a view shows, so every renderer explains them right where they appear.
import type { MessageKey } from '../i18n/translate.ts';
import type { ArgumentItem, View } from './types.ts';

const shown = (items: readonly (ArgumentItem | null | undefined)[]): ArgumentItem[] =>
  items.filter((item): item is ArgumentItem => item != null);

function legendOfItems(items: readonly ArgumentItem[], deltas = 0): MessageKey[] {
  const keys: MessageKey[] = [];
  if (deltas > 0 || items.some((item) => item.deltas > 0)) keys.push('legend.delta');
  if (items.some((item) => item.endorsedByViewer === true)) keys.push('legend.endorsed');
  return keys;
}

/** The legend lines of a view: `∆` when a ∆ count is shown, `★` when an endorsed argument is. */
export function legendOf(view: View): MessageKey[] {
  switch (view.kind) {
    case 'scoreboard':
      return legendOfItems(shown([view.topPro, view.topCon, view.newest]), view.deltas);
    case 'arguments':
      return legendOfItems(view.items);
    case 'weeklySummary':
      return legendOfItems(
        view.debates.flatMap((d) =>
          shown([...d.newArgumentsTop, d.topPro, d.topCon, d.persuasive?.argument]),
        ),
      );
    default:
      return [];
  }
}
