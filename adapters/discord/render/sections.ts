// Common ground, the two rounds and the closing note in Discord markdown: a heading, then its
// lines (user text escaped and cut, as every argument).
import type { Translate } from '../../../src/i18n/translate.ts';
import { sectionLineText, type ViewSection } from '../../../src/views/sections.ts';
import { argumentLine } from './common.ts';
import { userText } from './text.ts';
import type { EmbedField } from './types.ts';

/** A section's lines; argument and note texts cut to `maxText` characters. */
export function sectionLines(tr: Translate, section: ViewSection, maxText: number): string[] {
  return section.lines.map((line) => {
    if (line.kind === 'text') return sectionLineText(line, tr);
    if (line.kind === 'quote') return `> ${userText(line.text, maxText)}`;
    return `${argumentLine(line.item, tr, maxText)} · *${sectionLineText(line.note, tr)}*`;
  });
}

/** One embed field per section (Discord clips a field's value to 1,024 characters). */
export const sectionFields = (
  tr: Translate,
  sections: readonly ViewSection[] | undefined,
  maxText: number,
): EmbedField[] =>
  (sections ?? []).map((section) => ({
    name: tr(section.title),
    value: sectionLines(tr, section, maxText).join('\n'),
  }));
