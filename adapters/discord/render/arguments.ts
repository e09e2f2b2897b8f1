import type { Translate } from '../../../src/i18n/translate.ts';
import { legendOf } from '../../../src/views/legend.ts';
import type { ArgumentListView, PersuasionPromptView } from '../../../src/views/types.ts';
import { buttonId } from '../custom-id.ts';
import { argumentLine, COLORS } from './common.ts';
import { rowsOf } from './limits.ts';
import { plainText } from './text.ts';
import { type ActionRow, BUTTON_STYLE, type Button, type OutgoingMessage } from './types.ts';

/** Room for each argument's text so that a full page stays within the 4096-character description. */
const perItemBudget = (count: number): number => Math.max(60, Math.floor(3600 / Math.max(1, count)) - 90);

/** The ephemeral, paginated list: one endorse button per argument, then ← / →. */
export function renderArgumentList(view: ArgumentListView, tr: Translate): OutgoingMessage {
  const debate = view.debate.number;
  const budget = perItemBudget(view.items.length);
  const lines = view.items.length
    ? view.items.map((item) => argumentLine(item, tr, budget))
    : [tr('arguments.empty')];
  const endorse: Button[] =
    view.debate.status === 'open'
      ? view.items.map((item) =>
          // Endorsing one's own argument is refused: the author's button edits it instead, while it may.
          item.editableByViewer
            ? {
                type: 2,
                style: BUTTON_STYLE.primary,
                label: `${tr('button.edit')} · ${item.number}`,
                custom_id: buttonId({ kind: 'edit', debate, argument: item.number }),
              }
            : {
                type: 2,
                style: item.endorsedByViewer ? BUTTON_STYLE.success : BUTTON_STYLE.secondary,
                label: `${tr(item.endorsedByViewer ? 'button.unendorse' : 'button.endorse')} · ${item.number}`,
                custom_id: buttonId({ kind: 'endorse', debate, argument: item.number, page: view.page }),
              },
        )
      : [];
  const nav: Button[] = [];
  if (view.page > 1) {
    nav.push({
      type: 2,
      style: BUTTON_STYLE.secondary,
      label: tr('button.previous'),
      custom_id: buttonId({ kind: 'list', debate, page: view.page - 1 }),
    });
  }
  if (view.page < view.pages) {
    nav.push({
      type: 2,
      style: BUTTON_STYLE.secondary,
      label: tr('button.next'),
      custom_id: buttonId({ kind: 'list', debate, page: view.page + 1 }),
    });
  }
  const rows: ActionRow[] = [
    ...rowsOf(endorse).slice(0, 4),
    ...(nav.length ? [{ type: 1 as const, components: nav }] : []),
  ];
  return {
    embeds: [
      {
        title: plainText(tr('arguments.title', { debate, topic: view.debate.topic }), 256),
        description: lines.join('\n'),
        color: COLORS.open,
        footer: {
          text: [
            tr('arguments.page', { page: view.page, pages: view.pages }),
            ...legendOf(view).map((key) => tr(key)),
          ].join('\n'),
        },
      },
    ],
    components: rows,
  };
}

/** After a switch of side: which argument moved you? One click gives it a ∆. */
export function renderPersuasionPrompt(view: PersuasionPromptView, tr: Translate): OutgoingMessage {
  const debate = view.debate.number;
  const budget = perItemBudget(view.options.length);
  return {
    embeds: [
      {
        title: plainText(tr('persuasion.question'), 256),
        description: [
          tr('persuasion.hint'),
          '',
          ...view.options.map((o) => argumentLine(o, tr, budget)),
        ].join('\n'),
        color: view.side === 'pro' ? COLORS.pro : COLORS.con,
      },
    ],
    components: rowsOf(
      view.options.slice(0, 5).map((o) => ({
        type: 2,
        style: BUTTON_STYLE.primary,
        label: `${tr('button.persuaded')} · ${o.number}`,
        custom_id: buttonId({ kind: 'delta', debate, argument: o.number }),
      })),
    ),
  };
}
