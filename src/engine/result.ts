import type { MessageKey, MessageParams } from '../i18n/translate.ts';

type ErrorKey = Extract<MessageKey, `error.${string}`>;
/** An expected failure's code; each has its message `error.<code>` in every catalog. */
export type ErrorCode = ErrorKey extends `error.${infer Code}` ? Code : never;

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
export const errorKey = (code: ErrorCode): MessageKey => `error.${code}` as MessageKey;
