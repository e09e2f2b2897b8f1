import { z } from 'zod';
import { ARGUMENT_MAX, TOPIC_MAX } from './grammar.ts';

// Control characters, bidi overrides/isolates and invisible separators are removed; ZWJ (U+200D)
// and variation selectors stay so emoji sequences survive.
const INVISIBLE =
  /[\p{Cc}\u00AD\u061C\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/gu;

/** Trim, fold every run of whitespace into one space and drop invisible or control characters. */
export function cleanUserText(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/gu, ' ').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/** Length as people count it: code points, not UTF-16 units. */
export const textLength = (text: string): number => [...text].length;

const limitedText = (max: number, tooLong: 'topic.too_long' | 'argument.too_long') =>
  z
    .string()
    .transform(cleanUserText)
    .superRefine((text, ctx) => {
      if (text.length === 0) ctx.addIssue({ code: 'custom', message: 'text.empty' });
      else if (textLength(text) > max)
        ctx.addIssue({ code: 'custom', message: tooLong, params: { max, length: textLength(text) } });
    });

export const topicSchema = limitedText(TOPIC_MAX, 'topic.too_long');
export const argumentTextSchema = limitedText(ARGUMENT_MAX, 'argument.too_long');
