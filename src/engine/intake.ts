// The one intake: every event an adapter receives goes through `receive`, which validates it,
// finds the debate it is about (a thread's, a button's), applies the repeat-click rule in the
// store (so it holds across a fleet) and runs it. Follow-ups of a click (a list shown again after
// an endorsement, a private message replaced) are decided here once, for every platform.
import type { Command } from '../commands/command.ts';
import { commandFromOptions, specOfSubcommand } from '../commands/options.ts';
import { parseCommand, parseText } from '../commands/parse.ts';
import { rightsOf } from '../commands/rights.ts';
import { readThreadReply } from '../commands/thread-reply.ts';
import type { Languages } from '../domain/defaults.ts';
import type { Result, UserError } from '../domain/result.ts';
import type { Invocation } from '../domain/types.ts';
import type { DebateStore } from '../store/ports/debate-store.ts';
import type { ClickRecord } from '../store/ports/votes.ts';
import { errorOutcome, ignored } from './answers.ts';
import type { EditForm } from './editing.ts';
import type { ButtonAction, Click, CoreEvent, FormSubmission, ThreadPlace } from './events.ts';
import type { Outcome } from './outcome.ts';

/** Two clicks closer than this, by one person on one button of one message, are one click. */
export const REPEAT_CLICK_MS = 1_500;

/** What the intake needs of the engine. */
export interface IntakeEngine {
  execute(inv: Invocation, command: Command, known?: Languages, click?: ClickRecord): Promise<Outcome>;
  languages(inv: Invocation): Promise<Languages>;
  editForm(inv: Invocation, debate: number, argument: number): Promise<Result<EditForm>>;
}

const ASK_RIGHTS: Outcome = { replies: [], refresh: [], next: { kind: 'rights' } };

export class Intake {
  constructor(
    private readonly engine: IntakeEngine,
    private readonly store: Pick<
      DebateStore,
      'repeatClick' | 'debateByScoreboardRef' | 'currentDebate' | 'channelSettings'
    >,
    /** The stored form of a click's person, button and message: an HMAC, never the person's id. */
    private readonly clickKey: (inv: Invocation, click: Pick<Click, 'message' | 'button'>) => string,
  ) {}

  async receive(event: CoreEvent): Promise<Outcome> {
    switch (event.kind) {
      case 'line': {
        const parsed = parseCommand(event.text);
        if (!parsed.ok) return this.refuse(event.inv, parsed.error);
        if (event.rightsUnknown && (await this.checksRights(event.inv, parsed.value))) return ASK_RIGHTS;
        return this.engine.execute(event.inv, await this.inThread(event.inv, parsed.value, event.thread));
      }
      case 'options': {
        const spec = specOfSubcommand(event.subcommand);
        if (!spec) return this.engine.execute(event.inv, { kind: 'help' });
        const built = commandFromOptions(spec, event.options);
        if (!built.ok) return this.refuse(event.inv, built.error);
        return this.engine.execute(event.inv, await this.inThread(event.inv, built.value, event.thread));
      }
      case 'button':
        return this.button(event.inv, event.action, event.click);
      case 'form':
        return this.form(event.inv, event.form);
      case 'threadReply':
        return this.threadReply(event.inv, event.thread, event.text);
    }
  }

  /** Whether the command acts on rights here (opening, where a channel keeps it to its admins). */
  private async checksRights(inv: Invocation, command: Command): Promise<boolean> {
    const rights = rightsOf(command);
    if (rights !== 'toOpen') return rights === 'always';
    return (await this.store.channelSettings(inv)).openers === 'admins';
  }

  private async refuse(inv: Invocation, error: UserError): Promise<Outcome> {
    return errorOutcome(await this.engine.languages(inv), error);
  }

  /** In a debate's thread, a command without #id is about that debate. */
  private async inThread(
    inv: Invocation,
    command: Command,
    thread: ThreadPlace | undefined,
  ): Promise<Command> {
    if (!thread || !('debate' in command) || command.debate !== undefined) return command;
    const debate = await this.store.debateByScoreboardRef(inv, thread.scoreboardRef);
    return debate ? { ...command, debate: debate.number } : command;
  }

  private async button(inv: Invocation, action: ButtonAction, click: Click | undefined): Promise<Outcome> {
    // A double click is one click: not a vote cast then withdrawn, not a list opened twice. The
    // store decides, so two clicks that reach two instances act once too.
    if (click) {
      const key = this.clickKey(inv, click);
      // The delivery tells a retry of this very click (never a repeat) from a second click.
      // Hashed like the key: Slack's delivery ids carry the person's id.
      const delivery = this.clickKey(inv, { message: 'delivery', button: inv.deliveryId ?? `${click.at}` });
      const record = { key, at: click.at, windowMs: REPEAT_CLICK_MS, delivery };
      // A vote's click is recorded in the vote's own transaction: one commit a click, not two.
      if (action.kind === 'vote') return this.engine.execute(inv, action, undefined, record);
      if (await this.store.repeatClick(key, click.at, REPEAT_CLICK_MS, delivery)) return ignored();
    }
    const inPrivate = click?.inPrivateMessage === true;
    switch (action.kind) {
      case 'argumentForm': {
        const debate = action.debate ?? (await this.store.currentDebate(inv))?.number;
        if (debate === undefined) return this.refuse(inv, { code: 'debate.none_open' });
        const { private: language } = await this.engine.languages(inv);
        const form = { kind: 'argument' as const, debate, text: action.text, language };
        return { replies: [], refresh: [], next: { kind: 'form', form } };
      }
      case 'editForm': {
        const form = await this.engine.editForm(inv, action.debate, action.argument);
        if (!form.ok) return this.refuse(inv, form.error);
        const { private: language } = await this.engine.languages(inv);
        return {
          replies: [],
          refresh: [],
          next: { kind: 'form', form: { kind: 'edit', ...form.value, language } },
        };
      }
      case 'endorse': {
        const outcome = await this.engine.execute(inv, action);
        const failed = outcome.replies.some((reply) => reply.view.kind === 'error');
        const page = click?.listPage;
        if (failed || !inPrivate || page === undefined) return outcome;
        // In the list being read: the same page again, showing the new endorsement, in its place.
        const list = await this.engine.execute(inv, { kind: 'arguments', page, debate: action.debate });
        return { ...list, refresh: [...outcome.refresh, ...list.refresh], replaceClicked: true };
      }
      case 'arguments':
      case 'forgetMe':
        // A page of a list, the confirmation of a question: in place of the message clicked.
        return { ...(await this.engine.execute(inv, action)), replaceClicked: inPrivate };
      case 'delta': {
        // The ∆ answer replaces the prompt it was chosen from.
        const outcome = await this.engine.execute(inv, action);
        const failed = outcome.replies.some((reply) => reply.view.kind === 'error');
        return { ...outcome, replaceClicked: inPrivate && !failed };
      }
      default:
        return this.engine.execute(inv, action);
    }
  }

  private async form(inv: Invocation, form: FormSubmission): Promise<Outcome> {
    const text = parseText('argument', form.text);
    if (!text.ok) return this.refuse(inv, text.error);
    if (form.kind === 'argument' && form.side !== 'pro' && form.side !== 'con')
      return this.refuse(inv, { code: 'parse.missing_form_side' });
    return form.kind === 'argument'
      ? this.engine.execute(inv, {
          kind: 'argue',
          side: form.side === 'con' ? 'con' : 'pro',
          text: text.value,
          debate: form.debate,
        })
      : this.engine.execute(inv, {
          kind: 'edit',
          argument: form.argument,
          text: text.value,
          debate: form.debate,
        });
  }

  /** A reply that starts with a side is an argument of the thread's debate, confirmed with ✅. */
  private async threadReply(inv: Invocation, thread: ThreadPlace, message: string): Promise<Outcome> {
    const argument = readThreadReply(message);
    if (!argument) return ignored();
    const debate = await this.store.debateByScoreboardRef(inv, thread.scoreboardRef);
    if (!debate) return ignored();
    const text = parseText('argument', argument.text);
    if (!text.ok) return this.refuse(inv, text.error);
    const outcome = await this.engine.execute(inv, {
      kind: 'argue',
      side: argument.side,
      text: text.value,
      debate: debate.number,
    });
    const added = outcome.replies.some((reply) => reply.view.kind === 'argumentAdded');
    const duplicate = outcome.replies.some((reply) => reply.view.kind === 'notice');
    if (duplicate) return { ...outcome, replies: [], next: { kind: 'ignore' } };
    // The reply itself is the public trace of the argument: a ✅ instead of a second post.
    return added
      ? {
          ...outcome,
          replies: outcome.replies.filter(
            (r) => r.visibility === 'private' && r.view.kind !== 'argumentAdded',
          ),
          next: { kind: 'react' },
        }
      : outcome;
  }
}
