// The paged argument list (ephemeral), one section per argument with its endorse button, and the
// ∆ prompt after a side switch, one button per argument of the new side.
import type { Translate } from '../../../src/i18n/translate.ts';
import { legendOf } from '../../../src/views/legend.ts';
import type { ArgumentListView, PersuasionPromptView } from '../../../src/views/types.ts';
import { ACTION, deltaValue, editValue, endorseValue, pageValue } from '../action-ids.ts';
import { argumentLine } from './argument-line.ts';
import {
  actions,
  type Block,
  button,
  clip,
  context,
  esc,
  mrkdwnMessage,
  type SlackMessage,
  section,
} from './blocks.ts';

export function renderArgumentList(tr: Translate, view: ArgumentListView): SlackMessage {
  const { debate } = view;
  const n = debate.number;
  const title = mrkdwnMessage(tr, 'arguments.title', { debate: n }, { topic: clip(debate.topic, 500) });
  const blocks: Block[] = [section(`*${title}*`)];
  if (view.items.length === 0) blocks.push(context(esc(tr('arguments.empty'))));
  for (const item of view.items) {
    // Endorsing one's own argument is refused: the author's button edits it instead, while it may.
    const accessory = item.editableByViewer
      ? button(tr('button.edit'), ACTION.edit, editValue(n, item.number))
      : debate.status === 'open'
        ? button(
            tr(item.endorsedByViewer ? 'button.unendorse' : 'button.endorse'),
            ACTION.endorse,
            endorseValue(n, item.number, view.page),
            item.endorsedByViewer ? undefined : 'primary',
          )
        : undefined;
    blocks.push(section(argumentLine(tr, item), accessory, `argument-${item.number}`));
  }
  const legend = legendOf(view).map((key) => tr(key));
  blocks.push(
    context(esc([tr('arguments.page', { page: view.page, pages: view.pages }), ...legend].join(' · '))),
  );
  const nav = [];
  if (view.page > 1)
    nav.push(button(tr('button.previous'), `${ACTION.arguments}.previous`, pageValue(n, view.page - 1)));
  if (view.page < view.pages)
    nav.push(button(tr('button.next'), `${ACTION.arguments}.next`, pageValue(n, view.page + 1)));
  if (nav.length > 0) blocks.push(...actions(nav, 'pages'));
  return { text: clip(tr('arguments.title', { debate: n, topic: debate.topic }), 3000), blocks };
}

export function renderPersuasionPrompt(tr: Translate, view: PersuasionPromptView): SlackMessage {
  const n = view.debate.number;
  const blocks: Block[] = [
    section(`*${esc(tr('persuasion.question'))}*`),
    context(esc(tr('persuasion.hint'))),
  ];
  if (view.options.length === 0) blocks.push(context(esc(tr('persuasion.none'))));
  for (const option of view.options)
    blocks.push(
      section(
        argumentLine(tr, option, 1500),
        button(tr('button.persuaded'), ACTION.delta, deltaValue(n, option.number)),
        `delta-${option.number}`,
      ),
    );
  return { text: clip(tr('persuasion.question'), 3000), blocks };
}
