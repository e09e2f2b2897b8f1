import type {
  ButtonAction,
  DebateCore,
  FormRequest,
  FormSubmission,
  Invocation,
  Logger,
  Outcome,
} from '../../src/api.ts';
import { translator } from '../../src/i18n/translate.ts';
import type { Reply } from '../../src/views/types.ts';
import { COMMAND_NAME } from './commands.ts';
import {
  MODAL_SIDE_FIELD,
  MODAL_TEXT_FIELD,
  type ButtonAction as ParsedButton,
  parseArgumentModalId,
  parseButtonId,
  parseEditModalId,
} from './custom-id.ts';
import type { DeliveryGuard } from './delivery-guard.ts';
import type { Incoming } from './incoming.ts';
import { invocationOf } from './invocation.ts';
import { snowflakeTime } from './people.ts';
import { renderReply } from './render/index.ts';
import { argumentModal, editModal } from './render/modal.ts';
import { noticeText, renderNotice } from './render/simple.ts';
import type { Responder } from './responder.ts';
import type { Rest } from './rest.ts';
import { type Scoreboards, scoreboardRef } from './scoreboards.ts';
import { openDebateThread, threadsWanted } from './threads.ts';

type Acting = Exclude<Incoming, { kind: 'ping' }>;

/** Subcommands whose first answer is public: defer those visibly, the others privately. */
const PUBLIC_FIRST = new Set(['pour', 'contre', 'clore', 'rouvrir']);

export interface HandlerDeps {
  engine: DebateCore;
  logger: Logger;
  rest: Rest;
  scoreboards: Scoreboards;
  guard: DeliveryGuard;
  deferAfterMs: number;
}

/**
 * One interaction, whatever the transport: a slash command, a click or a form becomes a core
 * Command; the outcome's replies are rendered and sent (private ones ephemeral); the core refreshes
 * the scoreboards. Votes and arguments are stored before any answer leaves.
 */
export class InteractionHandler {
  constructor(private readonly deps: HandlerDeps) {}

  async handle(incoming: Acting, responder: Responder): Promise<void> {
    const cancel = responder.autoDefer(
      this.deps.deferAfterMs,
      incoming.kind === 'command'
        ? { kind: 'reply', ephemeral: !PUBLIC_FIRST.has(incoming.subcommand ?? '') }
        : { kind: 'update' },
    );
    try {
      if (incoming.kind === 'command') await this.#command(incoming, responder);
      else if (incoming.kind === 'button') await this.#button(incoming, responder);
      else if (incoming.kind === 'modal') await this.#modal(incoming, responder);
      else await responder.deferUpdate();
    } catch (error) {
      this.deps.logger.error(
        { err: error, interaction: incoming.id, kind: incoming.kind },
        'discord: interaction failed',
      );
      const inv = invocationOf(incoming);
      await responder.reply(renderReply(await this.#errorReply(inv)), true);
    } finally {
      cancel();
      await responder.finish();
    }
  }

  async #command(incoming: Extract<Acting, { kind: 'command' }>, responder: Responder): Promise<void> {
    const inv = invocationOf(incoming);
    const ours = incoming.name === COMMAND_NAME;
    const outcome = await this.deps.engine.receive({
      kind: 'options',
      inv,
      subcommand: ours ? incoming.subcommand : undefined,
      options: ours ? incoming.options : {},
      thread: incoming.thread && {
        scoreboardRef: scoreboardRef(incoming.thread.parentId, incoming.thread.id),
      },
    });
    await this.#deliver(outcome, inv, responder);
  }

  async #button(incoming: Extract<Acting, { kind: 'button' }>, responder: Responder): Promise<void> {
    const parsed = parseButtonId(incoming.customId);
    if (!parsed) return responder.deferUpdate();
    const inv = invocationOf(incoming);
    const outcome = await this.deps.engine.receive({
      kind: 'button',
      inv,
      action: buttonAction(parsed),
      click: {
        message: incoming.message?.id ?? '',
        button: incoming.customId,
        at: snowflakeTime(incoming.id),
        inPrivateMessage: incoming.message?.ephemeral === true,
        listPage: parsed.kind === 'endorse' ? parsed.page : undefined,
      },
    });
    if (outcome.next?.kind === 'ignore') return responder.deferUpdate();
    if (outcome.next?.kind === 'form') return responder.modal(modalOf(outcome.next.form));
    if (parsed.kind === 'vote') {
      // The scoreboard shows the vote: the click is acknowledged without a message, as poll bots
      // do (hidden results, errors and the ∆ prompt are still said privately). Without a token
      // the scoreboard is never edited, so the vote is said privately too.
      const shown = this.deps.scoreboards.canPost;
      const replies = outcome.replies.filter((reply) => !(shown && reply.alsoOnScoreboard));
      return replies.length === 0 ? responder.deferUpdate() : this.#send(replies, responder);
    }
    if (outcome.replaceClicked) return this.#updateWith(outcome, responder);
    return this.#deliver(outcome, inv, responder);
  }

  async #modal(incoming: Extract<Acting, { kind: 'modal' }>, responder: Responder): Promise<void> {
    const field = (name: string) => {
      const raw = incoming.fields[name];
      return (Array.isArray(raw) ? raw[0] : raw) ?? '';
    };
    const edited = parseEditModalId(incoming.customId);
    const debate = parseArgumentModalId(incoming.customId);
    const text = field(MODAL_TEXT_FIELD);
    const form: FormSubmission | undefined = edited
      ? { kind: 'edit', debate: edited.debate, argument: edited.argument, text }
      : debate !== undefined
        ? { kind: 'argument', debate, side: field(MODAL_SIDE_FIELD), text }
        : undefined;
    if (!form) return responder.deferUpdate();
    const inv = invocationOf(incoming);
    await this.#deliver(await this.deps.engine.receive({ kind: 'form', inv, form }), inv, responder);
  }

  /** Sends every reply; a new debate's scoreboard goes to the channel as a message of its own. */
  async #deliver(outcome: Outcome, inv: Invocation, responder: Responder): Promise<void> {
    const replies = [...outcome.replies];
    if (outcome.opened) {
      const index = replies.findIndex((r) => r.visibility === 'public' && r.view.kind === 'scoreboard');
      const board = replies[index];
      if (board && board.view.kind === 'scoreboard') {
        const messageId = await this.deps.scoreboards.publish(inv, outcome.opened.number, board);
        if (messageId) {
          replies.splice(index, 1);
          const { private: language } = await this.deps.engine.languages(inv);
          const { debate } = board.view;
          await responder.reply(
            renderNotice(
              noticeText(translator(language), 'notice.opened', {
                debate: debate.number,
                topic: debate.topic,
              }),
            ),
            true,
          );
          if (await threadsWanted(this.deps.engine, inv)) {
            await openDebateThread(this.deps, inv.channelId, messageId, debate, board.language);
          }
        }
      }
    }
    await this.#send(replies, responder);
  }

  async #send(replies: readonly Reply[], responder: Responder): Promise<void> {
    for (const reply of replies) await responder.reply(renderReply(reply), reply.visibility === 'private');
  }

  /** The first reply in place of the clicked message (its embeds and buttons go unless replaced). */
  async #updateWith(outcome: Outcome, responder: Responder): Promise<void> {
    const [first, ...rest] = outcome.replies;
    if (first) await responder.update({ embeds: [], components: [], ...renderReply(first) });
    await this.#send(rest, responder);
  }

  async #errorReply(inv: Invocation): Promise<Reply> {
    const languages = await this.deps.engine.languages(inv).catch(() => ({ private: inv.locale ?? 'fr' }));
    return {
      visibility: 'private',
      language: languages.private,
      view: { kind: 'error', error: { code: 'internal' } },
    };
  }
}

/** A parsed button id as the core's action. */
function buttonAction(parsed: ParsedButton): ButtonAction {
  switch (parsed.kind) {
    case 'add':
      return { kind: 'argumentForm', debate: parsed.debate };
    case 'edit':
      return { kind: 'editForm', debate: parsed.debate, argument: parsed.argument };
    case 'vote':
      return { kind: 'vote', side: parsed.side, debate: parsed.debate };
    case 'close':
    case 'reopen':
      return { kind: parsed.kind, debate: parsed.debate };
    case 'forget':
      return { kind: 'forgetMe', confirmed: true };
    case 'list':
      return { kind: 'arguments', page: parsed.page, debate: parsed.debate };
    case 'endorse':
      return { kind: 'endorse', argument: parsed.argument, debate: parsed.debate };
    case 'delta':
      return { kind: 'delta', argument: parsed.argument, debate: parsed.debate };
  }
}

function modalOf(form: FormRequest) {
  return form.kind === 'argument'
    ? argumentModal(form.debate, form.language)
    : editModal(form.debate, form.argument, form.text, form.language);
}
