/** Discord-style error bodies, as the real API sends them (and as @discordjs/rest parses them). */

export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: Record<string, unknown>;
}

export interface FieldError {
  /** Dotted path with numeric indexes, e.g. `embeds.0.title` or `components.1.components.0.custom_id`. */
  path: string;
  code: string;
  message: string;
}

/** 50035 Invalid Form Body with the nested `errors` tree Discord returns. */
export function invalidFormBody(fieldErrors: readonly FieldError[]): DiscordErrorBody {
  const errors: Record<string, unknown> = {};
  for (const fe of fieldErrors) {
    let node = errors;
    for (const key of fe.path.split('.')) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node._errors ??= [];
    (node._errors as { code: string; message: string }[]).push({ code: fe.code, message: fe.message });
  }
  return { code: 50035, message: 'Invalid Form Body', errors };
}

export const UNKNOWN_INTERACTION: DiscordErrorBody = { code: 10062, message: 'Unknown interaction' };
export const ALREADY_ACKNOWLEDGED: DiscordErrorBody = {
  code: 40060,
  message: 'Interaction has already been acknowledged.',
};
export const EDIT_LIMIT: DiscordErrorBody = {
  code: 30046,
  message: 'Maximum number of edits to messages older than 1 hour reached. Try again later',
};
export const UNKNOWN_MESSAGE: DiscordErrorBody = { code: 10008, message: 'Unknown Message' };
export const UNKNOWN_CHANNEL: DiscordErrorBody = { code: 10003, message: 'Unknown Channel' };
export const UNKNOWN_WEBHOOK: DiscordErrorBody = { code: 10015, message: 'Unknown Webhook' };
export const EMPTY_MESSAGE: DiscordErrorBody = { code: 50006, message: 'Cannot send an empty message' };
export const TOO_LARGE: DiscordErrorBody = { code: 40005, message: 'Request entity too large' };
export const UNAUTHORIZED: DiscordErrorBody = { code: 0, message: '401: Unauthorized' };
export const NOT_FOUND: DiscordErrorBody = { code: 0, message: '404: Not Found' };
export const SERVER_ERROR: DiscordErrorBody = { code: 0, message: '500: Internal Server Error' };
