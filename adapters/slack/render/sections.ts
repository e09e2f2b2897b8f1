// Common ground, the two rounds and the closing note as mrkdwn: a bold heading, then its lines
// (user text escaped and cut, as every argument).
import type { Translate } from '../../../src/i18n/translate.ts';
import { sectionLineText, type ViewSection } from '../../../src/views/sections.ts';
import { argumentLine } from './argument-line.ts';
import { clip, esc } from './blocks.ts';

/** One mrkdwn paragraph per section; argument and note texts cut to `maxText` characters. */
export function sectionTexts(
  tr: Translate,
  sections: readonly ViewSection[] | undefined,
  maxText: number,
): string[] {
  return (sections ?? []).map((section) => {
    const lines = [`*${esc(tr(section.title))}*`];
    for (const line of section.lines) {
      if (line.kind === 'text') lines.push(esc(sectionLineText(line, tr)));
      else if (line.kind === 'quote') lines.push(`> ${clip(line.text, maxText)}`);
      else lines.push(`${argumentLine(tr, line.item, maxText)} · _${esc(sectionLineText(line.note, tr))}_`);
    }
    return lines.join('\n');
  });
}
