import type { SettingChange } from '../domain/settings.ts';
import type { Side, VoteSide } from '../domain/types.ts';

export type { SettingChange };

export type ExportFormat = 'markdown' | 'csv';

/** `sujets`: the queue, or a change to it. */
export type TopicAction =
  | { kind: 'list' }
  | { kind: 'propose'; text: string }
  | { kind: 'endorse'; number: number }
  | { kind: 'withdraw'; number: number };

/** A command typed by a person, after parsing and validation. `debate` is a `#id` when given. */
export type Command =
  | {
      kind: 'open';
      topic: string;
      anonymous: boolean;
      hidden: boolean;
      /** `--deux-tours`: a blind first round for the first half of the duration. */
      twoRounds?: boolean | undefined;
      durationMs?: number | undefined;
      /** `--rappel 2h`: how long before the end; null: `--rappel off`; absent: the default. */
      reminderMs?: number | null | undefined;
    }
  | { kind: 'argue'; side: Side; text: string; debate?: number | undefined }
  | { kind: 'vote'; side: VoteSide; debate?: number | undefined }
  | { kind: 'endorse'; argument: number; debate?: number | undefined }
  | { kind: 'withdraw'; argument: number; debate?: number | undefined }
  | { kind: 'edit'; argument: number; text: string; debate?: number | undefined }
  | { kind: 'delta'; argument: number; debate?: number | undefined }
  | { kind: 'arguments'; page: number; debate?: number | undefined }
  | { kind: 'list' }
  | { kind: 'tally'; debate?: number | undefined }
  | { kind: 'close'; debate?: number | undefined; note?: string | undefined }
  | { kind: 'conclude'; text: string; debate?: number | undefined }
  | { kind: 'round2'; debate?: number | undefined }
  | { kind: 'reopen'; debate?: number | undefined }
  | { kind: 'settings'; change?: SettingChange | undefined }
  | { kind: 'export'; format: ExportFormat; debate?: number | undefined }
  | { kind: 'page'; revoke: boolean; debate?: number | undefined }
  | { kind: 'forgetMe'; confirmed: boolean }
  | { kind: 'topics'; action: TopicAction }
  | { kind: 'help'; unknown?: string | undefined; suggestion?: string | undefined };

export type CommandKind = Command['kind'];
