import { z } from 'zod';
import { ARGUMENT_MAX, NOTE_MAX, TOPIC_MAX } from './grammar.ts';

// Control characters, format characters (bidi overrides and isolates, zero-width spaces, BOM…),
// lone surrogates, noncharacters (U+FFFE, U+FFFF, U+FDD0…: XML refuses some, so the chart would)
// and the blank "filler" letters are removed; ZWJ (U+200D) and the emoji tag characters stay so
// emoji sequences (families, flags of regions) survive.
const INVISIBLE =
  /(?![\u200D\u{E0020}-\u{E007F}])[\p{Cc}\p{Cf}\p{Cs}\p{Noncharacter_Code_Point}\u115F\u1160\u17B4\u17B5\u3164\uFFA0]|\u034F/gu;

/** What XML 1.0 cannot hold at all (controls but tab and line breaks, surrogates, U+FFFE, U+FFFF) and noncharacters. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|\p{Noncharacter_Code_Point}/gu;

/** Text fit for an XML document (an SVG): what XML cannot hold is removed, as from a command. */
export const xmlSafe = (text: string): string => text.replace(NOT_XML, '');

// Whole terminal escape sequences (ECMA-48), so no `[31m` is left once ESC itself is gone:
// control strings (OSC, DCS, SOS, PM, APC) up to BEL or ST, or to the end if never closed (a
// terminal would swallow the rest too); CSI with its parameters; other two- or three-byte escapes.
// util.stripVTControlCharacters misses OSC titles with spaces and DCS strings.
const ESCAPE_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what it removes
  /(?:\u001B[\]PX^_]|[\u0090\u0098\u009D-\u009F])[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C|$)|(?:\u001B\[|\u009B)[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]?|\u001B[\u0020-\u002F]*[\u0030-\u007E]?/gu;

/** A command line without escape sequences or control characters (tabs and line breaks stay). */
export const withoutControls = (raw: string): string =>
  raw.replace(ESCAPE_SEQUENCE, '').replace(/(?![\t\n\r])\p{Cc}/gu, '');

/** Trim, fold every run of whitespace into one space and drop escape sequences, invisible or control characters. */
export function cleanUserText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/\s+/gu, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Length as people count it: code points, not UTF-16 units. */
export const textLength = (text: string): number => [...text].length;

/** Something a reader can see: not only joiners, tags, marks or unassigned code points. */
const VISIBLE = /[^\p{Z}\p{C}\p{M}]/u;

const limitedText = (max: number, tooLong: 'topic.too_long' | 'argument.too_long' | 'note.too_long') =>
  z
    .string()
    .transform(cleanUserText)
    .superRefine((text, ctx) => {
      if (!VISIBLE.test(text)) ctx.addIssue({ code: 'custom', message: 'text.empty' });
      else if (textLength(text) > max)
        ctx.addIssue({ code: 'custom', message: tooLong, params: { max, length: textLength(text) } });
    });

export const topicSchema = limitedText(TOPIC_MAX, 'topic.too_long');
export const argumentTextSchema = limitedText(ARGUMENT_MAX, 'argument.too_long');
export const noteSchema = limitedText(NOTE_MAX, 'note.too_long');
