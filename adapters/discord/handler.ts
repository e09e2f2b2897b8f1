import type { Command } from '../../src/commands/command.ts';
import { parseText } from '../../src/commands/parse.ts';
import type { UserError } from '../../src/domain/result.ts';
import type { Invocation } from '../../src/domain/types.ts';
import type { DebateCore } from '../../src/engine/core.ts';
import type { Logger } from '../../src/engine/logger.ts';
import type { Outcome } from '../../src/engine/outcome.ts';
import { translator } from '../../src/i18n/translate.ts';
import type { Reply } from '../../src/views/types.ts';
import { commandFromOptions } from './command-input.ts';
import { COMMAND_NAME, specOfSubcommand } from './commands.ts';
import {
  MODAL_SIDE_FIELD,
  MODAL_TEXT_FIELD,
  parseArgumentModalId,
  parseButtonId,
  parseEditModalId,
} from './custom-id.ts';
import type { DeliveryGuard } from './delivery-guard.ts';
import type { Incoming } from './incoming.ts';
import { invocationOf } from './invocation.ts';
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
      await responder.reply(renderReply(await this.#errorReply(inv, { code: 'internal' })), true);
    } finally {
      cancel();
      await responder.finish();
    }
  }

  async #command(incoming: Extract<Acting, { kind: 'command' }>, responder: Responder): Promise<void> {
    const inv = invocationOf(incoming);
    const spec = incoming.name === COMMAND_NAME ? specOfSubcommand(incoming.subcommand) : undefined;
    if (!spec) return this.#deliver(await this.deps.engine.execute(inv, { kind: 'help' }), inv, responder);
    const built = commandFromOptions(spec, incoming.options);
    if (!built.ok)
      return void (await responder.reply(renderReply(await this.#errorReply(inv, built.error)), true));
    const command = await this.#inThread(incoming, inv, built.value);
    await this.#deliver(await this.deps.engine.execute(inv, command), inv, responder);
  }

  /** In a debate's thread, a command without #id is about that debate. */
  async #inThread(incoming: Acting, inv: Invocation, command: Command): Promise<Command> {
    if (!incoming.thread || !('debate' in command) || command.debate !== undefined) return command;
    const ref = scoreboardRef(incoming.thread.parentId, incoming.thread.id);
    const debate = await this.deps.engine.debateAtScoreboard(inv, ref);
    return debate === undefined ? command : { ...command, debate };
  }

  async #button(incoming: Extract<Acting, { kind: 'button' }>, responder: Responder): Promise<void> {
    const action = parseButtonId(incoming.customId);
    const messageId = incoming.message?.id ?? '';
    if (!action || this.deps.guard.doubleClick(incoming.id, incoming.user.id, messageId, incoming.customId)) {
      return responder.deferUpdate();
    }
    const inv = invocationOf(incoming);
    const inList = incoming.message?.ephemeral === true;
    const { debate } = action;
    switch (action.kind) {
      case 'add': {
        const { private: language } = await this.deps.engine.languages(inv);
        return responder.modal(argumentModal(debate, language));
      }
      case 'edit': {
        const form = await this.deps.engine.editForm(inv, debate, action.argument);
        if (!form.ok) return this.#send([await this.#errorReply(inv, form.error)], responder);
        const { private: language } = await this.deps.engine.languages(inv);
        return responder.modal(editModal(debate, action.argument, form.value.text, language));
      }
      case 'vote': {
        const outcome = await this.deps.engine.execute(inv, { kind: 'vote', side: action.side, debate });
        // The scoreboard shows the vote: the click is acknowledged without a message, as poll bots
        // do (hidden results, errors and the ∆ prompt are still said privately). Without a token
        // the scoreboard is never edited, so the vote is said privately too.
        const shown = this.deps.scoreboards.canPost;
        const replies = outcome.replies.filter((reply) => !(shown && reply.alsoOnScoreboard));
        return replies.length === 0 ? responder.deferUpdate() : this.#send(replies, responder);
      }
      case 'close':
      case 'reopen':
        return this.#run(inv, { kind: action.kind, debate }, responder);
      case 'forget': {
        // The confirmation replaces the question it answers.
        const outcome = await this.deps.engine.execute(inv, { kind: 'forgetMe', confirmed: true });
        return inList ? this.#updateWith(outcome, responder) : this.#send(outcome.replies, responder);
      }
      case 'list': {
        const outcome = await this.deps.engine.execute(inv, { kind: 'arguments', page: action.page, debate });
        return inList ? this.#updateWith(outcome, responder) : this.#deliver(outcome, inv, responder);
      }
      case 'endorse': {
        const outcome = await this.deps.engine.execute(inv, {
          kind: 'endorse',
          argument: action.argument,
          debate,
        });
        const failed = outcome.replies.some((r) => r.view.kind === 'error');
        if (failed || !inList) return this.#send(outcome.replies, responder);
        // The list the person is reading shows the new state of their endorsement.
        const list = await this.deps.engine.execute(inv, { kind: 'arguments', page: action.page, debate });
        return this.#updateWith(list, responder);
      }
      case 'delta': {
        const outcome = await this.deps.engine.execute(inv, {
          kind: 'delta',
          argument: action.argument,
          debate,
        });
        const first = outcome.replies[0];
        if (!inList || !first || first.view.kind === 'error') return this.#send(outcome.replies, responder);
        return responder.update({ ...renderReply(first), embeds: [], components: [] });
      }
    }
  }

  async #modal(incoming: Extract<Acting, { kind: 'modal' }>, responder: Responder): Promise<void> {
    const edited = parseEditModalId(incoming.customId);
    if (edited) return this.#editSubmitted(incoming, edited, responder);
    const debate = parseArgumentModalId(incoming.customId);
    if (debate === undefined) return responder.deferUpdate();
    const inv = invocationOf(incoming);
    const rawSide = incoming.fields[MODAL_SIDE_FIELD];
    const side = (Array.isArray(rawSide) ? rawSide[0] : rawSide) === 'con' ? 'con' : 'pro';
    const rawText = incoming.fields[MODAL_TEXT_FIELD];
    const text = parseText('argument', typeof rawText === 'string' ? rawText : '');
    if (!text.ok) return responder.reply(renderReply(await this.#errorReply(inv, text.error)), true);
    return this.#run(inv, { kind: 'argue', side, text: text.value, debate }, responder);
  }

  async #editSubmitted(
    incoming: Extract<Acting, { kind: 'modal' }>,
    target: { debate: number; argument: number },
    responder: Responder,
  ): Promise<void> {
    const inv = invocationOf(incoming);
    const rawText = incoming.fields[MODAL_TEXT_FIELD];
    const text = parseText('argument', typeof rawText === 'string' ? rawText : '');
    if (!text.ok) return responder.reply(renderReply(await this.#errorReply(inv, text.error)), true);
    const command: Command = {
      kind: 'edit',
      argument: target.argument,
      text: text.value,
      debate: target.debate,
    };
    return this.#run(inv, command, responder);
  }

  async #run(inv: Invocation, command: Command, responder: Responder): Promise<void> {
    await this.#deliver(await this.deps.engine.execute(inv, command), inv, responder);
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

  async #updateWith(outcome: Outcome, responder: Responder): Promise<void> {
    const [first, ...rest] = outcome.replies;
    if (first) await responder.update(renderReply(first));
    await this.#send(rest, responder);
  }

  async #errorReply(inv: Invocation, error: UserError): Promise<Reply> {
    const languages = await this.deps.engine.languages(inv).catch(() => ({ private: inv.locale ?? 'fr' }));
    return { visibility: 'private', language: languages.private, view: { kind: 'error', error } };
  }
}
