import type { styleText } from 'node:util';
import type { Language } from '../../src/api.ts';
import type { Translate } from '../../src/i18n/translate.ts';
import { sectionLineText, type ViewSection } from '../../src/views/sections.ts';
import type { ArgumentItem } from '../../src/views/types.ts';

type Paint = (format: Parameters<typeof styleText>[0], text: string) => string;

/** Common ground, the two rounds, the closing note: a bold heading, then its lines. */
export function sectionLines(
  sections: readonly ViewSection[] | undefined,
  tr: Translate,
  language: Language,
  paint: Paint,
  argumentLine: (item: ArgumentItem) => string,
  indent: string,
): string[] {
  const lines: string[] = [];
  for (const section of sections ?? []) {
    lines.push(`${indent}${paint('bold', tr(section.title))}`);
    for (const line of section.lines) {
      if (line.kind === 'text') lines.push(`${indent}  ${sectionLineText(line, tr)}`);
      else if (line.kind === 'quote')
        lines.push(`${indent}  ${language === 'fr' ? `« ${line.text} »` : `“${line.text}”`}`);
      else lines.push(`${indent}  ${argumentLine(line.item)} · ${sectionLineText(line.note, tr)}`);
    }
  }
  return lines;
}
