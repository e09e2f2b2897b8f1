import { clip } from './text.ts';
import type { ActionRow, Button, Embed, OutgoingMessage } from './types.ts';

/** Discord's message limits (platform-facts.md §2). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  modalTitle: 45,
  labelText: 45,
  placeholder: 100,
} as const;

const embedSize = (e: Embed): number =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/** Clips every part of an embed to its limit, then trims until all embeds fit in 6000 characters. */
export function fitEmbeds(embeds: Embed[]): Embed[] {
  const fitted = embeds.slice(0, 10).map((e) => {
    const out: Embed = { ...e };
    if (out.title !== undefined) out.title = clip(out.title, LIMITS.embedTitle);
    if (out.description !== undefined) out.description = clip(out.description, LIMITS.embedDescription);
    if (out.footer) out.footer = { text: clip(out.footer.text, LIMITS.footer) };
    if (out.fields) {
      out.fields = out.fields.slice(0, LIMITS.embedFields).map((f) => ({
        ...f,
        name: clip(f.name || '\u200b', LIMITS.fieldName),
        value: clip(f.value || '\u200b', LIMITS.fieldValue),
      }));
    }
    return out;
  });
  let excess = fitted.reduce((n, e) => n + embedSize(e), 0) - LIMITS.embedsTotal;
  for (const e of [...fitted].reverse()) {
    if (excess <= 0) break;
    for (const f of [...(e.fields ?? [])].reverse()) {
      if (excess <= 0) break;
      const keep = Math.max(1, f.value.length - excess);
      excess -= f.value.length - keep;
      f.value = clip(f.value, keep);
    }
    if (excess > 0 && e.description) {
      const keep = Math.max(1, e.description.length - excess);
      excess -= e.description.length - keep;
      e.description = clip(e.description, keep);
    }
  }
  return fitted;
}

/** At most 5 rows of at most 5 buttons, labels and ids within limits. */
export function fitRows(rows: ActionRow[]): ActionRow[] {
  return rows
    .filter((r) => r.components.length > 0)
    .slice(0, LIMITS.rows)
    .map((r) => ({
      type: 1 as const,
      components: r.components.slice(0, LIMITS.buttonsPerRow).map(
        (b): Button => ({
          ...b,
          label: clip(b.label, LIMITS.buttonLabel),
          custom_id: b.custom_id.slice(0, LIMITS.customId),
        }),
      ),
    }));
}

/** Buttons laid out in rows of five. */
export function rowsOf(buttons: Button[]): ActionRow[] {
  const rows: ActionRow[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({ type: 1, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return rows;
}

/** Every message leaves through here: whatever a view holds, the message fits Discord's limits. */
export function fitMessage(message: OutgoingMessage): OutgoingMessage {
  const out: OutgoingMessage = { ...message };
  if (out.content !== undefined) out.content = clip(out.content, LIMITS.content);
  if (out.embeds) out.embeds = fitEmbeds(out.embeds);
  if (out.components) out.components = fitRows(out.components);
  return out;
}
