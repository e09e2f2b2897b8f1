// What an adapter hands the core, whatever the platform: one event per thing a person did. The
// adapter translates a payload into one of these; the core validates, finds the debate, applies
// its rules and answers with an Outcome, including what the adapter must do next.
import type { Command } from '../commands/command.ts';
import type { OptionValues } from '../commands/options.ts';
import type { Invocation } from '../domain/types.ts';

/** A click on one of the bot's buttons: who, which button of which message, and when (platform time). */
export interface Click {
  /** The clicked message, as the platform names it (channel and ts, a message id). */
  message: string;
  /** The button, as the platform names it (its action id and value, a custom id). */
  button: string;
  /** When the platform says the click happened (ms): Slack's action_ts, the interaction's snowflake. */
  at: number;
  /** The clicked message is a private one (an ephemeral list, a prompt): answers may replace it. */
  inPrivateMessage: boolean;
  /** The page of the argument list the button sits in (an endorsement from a list). */
  listPage?: number | undefined;
}

/** The message a thread hangs from (a debate's scoreboard), as the store keeps scoreboard refs. */
export interface ThreadPlace {
  scoreboardRef: string;
}

/** A button (or a message shortcut) asks for a command, or for one of the two forms. */
export type ButtonAction =
  | Command
  /** The argument form, for a debate (none: the channel's current one), prefilled with `text` (a message shortcut). */
  | { kind: 'argumentForm'; debate?: number | undefined; text?: string | undefined }
  | { kind: 'editForm'; debate: number; argument: number };

/** A submitted form: its fields as typed, validated by the core like any text. */
export type FormSubmission =
  | { kind: 'argument'; debate: number; side: string; text: string }
  | { kind: 'edit'; debate: number; argument: number; text: string };

export type CoreEvent =
  /** `/debat …` as typed (a slash command's text, a terminal line). */
  | {
      kind: 'line';
      inv: Invocation;
      text: string;
      thread?: ThreadPlace | undefined;
      /**
       * The person's rights are not known yet (Slack asks who is an admin, a call that does not
       * fit in its ack): a command that checks them is not run, and the outcome says so.
       */
      rightsUnknown?: boolean | undefined;
    }
  /** A subcommand with typed options (Discord's slash command). */
  | {
      kind: 'options';
      inv: Invocation;
      subcommand: string | undefined;
      options: OptionValues;
      thread?: ThreadPlace | undefined;
    }
  /** A button or a select. */
  | { kind: 'button'; inv: Invocation; action: ButtonAction; click?: Click | undefined }
  /** A form sent back (the argument form, the edit form). */
  | { kind: 'form'; inv: Invocation; form: FormSubmission }
  /** A message posted in a thread: an argument when it starts with a side, else conversation. */
  | { kind: 'threadReply'; inv: Invocation; thread: ThreadPlace; text: string };
