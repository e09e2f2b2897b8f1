// User text into Slack text: escaped so it can never ping (`<!channel>`, `<@U…>`), and cut to fit
// Block Kit limits with an ellipsis. Lengths are counted in UTF-16 units (Slack's count is no
// stricter), and a cut never splits a surrogate pair or an `&amp;` entity.

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ELLIPSIS = '…';

/** Slack's mrkdwn escaping: only `&`, `<` and `>` (api.slack.com/reference/surfaces/formatting). */
export const escapeMrkdwn = (text: string): string => text.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);

/** `text` cut to at most `max` UTF-16 units, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length + ELLIPSIS.length > max) break;
    out += ch;
  }
  return out + ELLIPSIS;
}

/** User text escaped for mrkdwn and cut so that the escaped form fits in `max`. */
export function fitMrkdwn(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const ch of text) {
    const piece = ESCAPES[ch] ?? ch;
    if (out.length + piece.length + ELLIPSIS.length > max) break;
    out += piece;
  }
  return out + ELLIPSIS;
}

/**
 * Plain text is not parsed for mentions, but a header that reads `<!channel>` is one client bug
 * away from a ping: a word joiner (U+2060) after `<` keeps it looking the same and inert.
 */
export const defuseMentions = (text: string): string => text.replace(/<(?=[!@#])/g, '<\u2060');

/** Plain text (button labels, modal titles, option text): no escaping, just the limit.
 *  Empty text is refused by Slack, so it becomes a lone ellipsis. */
export const fitPlain = (text: string, max: number): string => truncate(text, max) || ELLIPSIS;
