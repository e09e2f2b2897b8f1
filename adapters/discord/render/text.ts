/**
 * User text in Discord messages: markdown and mentions neutralised (allowed_mentions already stops
 * pings; this keeps `<@123>` or `@everyone` from even looking like one), and lengths clipped to
 * Discord's limits without splitting a character.
 */
const MARKDOWN = /[\\*_~`|[\]>#]/g;

/** Mentions that would ping or render as a mention chip, broken by a zero-width space. */
export function defuseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<(@[!&]?|#)(?=\d)/g, '<\u200b$1');
}

/** For places where markdown renders (descriptions, field values, content). */
export function escapeUserText(text: string): string {
  return defuseMentions(text.replace(MARKDOWN, (c) => `\\${c}`));
}

/** At most `max` UTF-16 units (Discord's count is never larger), with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Escaped, then clipped. */
export const userText = (text: string, max: number): string => clip(escapeUserText(text), max);

/** For embed titles and button labels: no markdown escapes (they would show), mentions defused. */
export const plainText = (text: string, max: number): string => clip(defuseMentions(text), max);
