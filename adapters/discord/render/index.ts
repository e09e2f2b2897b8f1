import type { Language } from '../../../src/api.ts';
import { type Translate, translator } from '../../../src/i18n/translate.ts';
import type { PersonalDebatesView, Reply, View } from '../../../src/views/types.ts';
import type { WeeklySummaryView } from '../../../src/views/weekly-summary.ts';
import { buttonId } from '../custom-id.ts';
import { renderArgumentList, renderPersuasionPrompt } from './arguments.ts';
import { fitMessage } from './limits.ts';
import { renderScoreboard } from './scoreboard.ts';
import {
  errorText,
  noticeText,
  renderArgumentAdded,
  renderDebateList,
  renderError,
  renderHelp,
  renderNotice,
  renderPersonalDebates,
  renderSettings,
  renderTopicList,
} from './simple.ts';
import { BUTTON_STYLE, type OutgoingMessage } from './types.ts';
import { renderWeeklySummary } from './weekly-summary.ts';

function renderView(view: View, tr: Translate, language: Language): OutgoingMessage {
  switch (view.kind) {
    case 'scoreboard':
      return renderScoreboard(view, tr, language);
    case 'arguments':
      return renderArgumentList(view, tr);
    case 'argumentAdded':
      return renderArgumentAdded(view, tr);
    case 'debateList':
      return renderDebateList(view, tr);
    case 'help':
      return renderHelp(view, tr);
    case 'error':
      return renderError(errorText(tr, view.error));
    case 'notice':
      return renderNotice(noticeText(tr, view.key, view.params));
    case 'topicList':
      return renderTopicList(view, tr, language);
    case 'nudge':
      return { content: `💬 ${tr(`nudge.${view.side}`, { debate: view.debate })}` };
    case 'settings':
      return renderSettings(view, tr);
    case 'export':
      return {
        content: tr('export.ready', { debate: view.debate.number, format: view.format }),
        files: [{ name: view.filename, data: Buffer.from(view.content, 'utf8'), contentType: view.mimeType }],
      };
    case 'persuasionPrompt':
      return renderPersuasionPrompt(view, tr);
    case 'forgetConfirm':
      return {
        content: tr('forget.confirm'),
        components: [
          {
            type: 1,
            components: [
              {
                type: 2,
                style: BUTTON_STYLE.danger,
                label: tr('button.forget_confirm'),
                custom_id: buttonId({ kind: 'forget', debate: 0 }),
              },
            ],
          },
        ],
      };
    default:
      return renderOther(view, tr, language);
  }
}

/** Views that are not replies to a command (a page of one's own debates, the weekly post). */
function renderOther(view: View, tr: Translate, language: Language): OutgoingMessage {
  const other = view as unknown as { kind: string };
  if (other.kind === 'weeklySummary')
    return renderWeeklySummary(other as unknown as WeeklySummaryView, tr, language);
  if (other.kind === 'personalDebates')
    return renderPersonalDebates(other as unknown as PersonalDebatesView, tr);
  return { content: `(${other.kind})` };
}

/** A core reply as a Discord message, within every Discord limit. */
export function renderReply(reply: Reply): OutgoingMessage {
  return fitMessage(renderView(reply.view, translator(reply.language), reply.language));
}
