/**
 * Every expected failure has a code; each code has its message `error.<code>` in every catalog
 * (src/i18n/translate.ts checks it at compile time).
 */
export const ERROR_CODES = [
  'argument.frozen',
  'argument.not_found',
  'argument.own',
  'argument.too_long',
  'argument.withdrawn',
  'conclude.none_closed',
  'conclude.open',
  'debate.already_closed',
  'debate.already_open',
  'debate.reopen_too_late',
  'debate.closed',
  'debate.none_open',
  'debate.none_closed',
  'debate.not_found',
  'input.too_long',
  'internal',
  'note.too_long',
  'limit.arguments_per_debate',
  'limit.arguments_per_hour',
  'limit.open_debates',
  'limit.topics',
  'open.reminder_needs_duration',
  'open.two_rounds_duration',
  'parse.bad_debate',
  'parse.bad_duration',
  'parse.bad_format',
  'parse.bad_number',
  'parse.bad_page',
  'parse.bad_reminder',
  'parse.bad_setting',
  'parse.bad_side',
  'parse.bad_topic_action',
  'parse.missing_duration',
  'parse.missing_conclusion',
  'parse.missing_note',
  'parse.missing_proposal',
  'parse.missing_number',
  'parse.missing_reminder',
  'parse.missing_side',
  'parse.missing_form_side',
  'parse.missing_text',
  'parse.missing_topic',
  'parse.missing_topic_number',
  'parse.unknown',
  'parse.unknown_flag',
  'persuasion.no_switch',
  'persuasion.wrong_side',
  'post.forbidden',
  'rights.close',
  'rights.conclude',
  'rights.edit',
  'rights.open',
  'rights.page',
  'rights.round2',
  'rights.settings',
  'rights.topic',
  'rights.withdraw',
  'round2.already',
  'round2.not_two_rounds',
  'settings.bad_day',
  'settings.bad_language',
  'settings.bad_openers',
  'settings.bad_switch',
  'settings.bad_time',
  'settings.bad_timezone',
  'settings.missing_language',
  'settings.missing_rhythm',
  'settings.missing_summary',
  'settings.missing_timezone',
  'text.empty',
  'topic.not_found',
  'topic.own',
  'topic.too_long',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values put into a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

export interface UserError {
  code: ErrorCode;
  params?: MessageParams | undefined;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: UserError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, params?: MessageParams): Result<T> => ({
  ok: false,
  error: { code, params },
});
