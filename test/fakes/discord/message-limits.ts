/**
 * Discord's message limits (platform-facts.md §2), checked the way the real API checks them:
 * every broken rule becomes a field error; the caller answers 400 / 50035 when any is found.
 * Lengths are counted in UTF-16 code units (JavaScript's `.length`), never less strict than Discord.
 */
import type { FieldError } from './errors.ts';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  modalTitle: 45,
  modalComponentsMin: 1,
  modalComponentsMax: 5,
  textInputLabel: 45,
  textInputLength: 4000,
  textInputPlaceholder: 100,
  componentsV2Total: 40,
} as const;

const IS_COMPONENTS_V2 = 1 << 15;
type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const len = (v: unknown): number => (typeof v === 'string' ? v.length : 0);

function maxLen(errors: FieldError[], path: string, value: unknown, max: number, min = 0): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') {
    errors.push({ path, code: 'BASE_TYPE_STRING', message: 'Must be a string.' });
  } else if (value.length > max) {
    errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  } else if (value.length < min) {
    errors.push({ path, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${min} or more in length.` });
  }
}

function checkEmbeds(errors: FieldError[], embeds: unknown): void {
  if (!Array.isArray(embeds)) return;
  if (embeds.length > LIMITS.embeds) {
    errors.push({ path: 'embeds', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' });
  }
  let total = 0;
  embeds.forEach((embed, i) => {
    if (!isObj(embed)) return;
    const p = `embeds.${i}`;
    maxLen(errors, `${p}.title`, embed.title, LIMITS.embedTitle);
    maxLen(errors, `${p}.description`, embed.description, LIMITS.embedDescription);
    total += len(embed.title) + len(embed.description);
    if (isObj(embed.footer)) {
      maxLen(errors, `${p}.footer.text`, embed.footer.text, LIMITS.embedFooter);
      total += len(embed.footer.text);
    }
    if (isObj(embed.author)) {
      maxLen(errors, `${p}.author.name`, embed.author.name, LIMITS.embedAuthor);
      total += len(embed.author.name);
    }
    const fields = Array.isArray(embed.fields) ? embed.fields : [];
    if (fields.length > LIMITS.embedFields) {
      errors.push({
        path: `${p}.fields`,
        code: 'BASE_TYPE_MAX_LENGTH',
        message: 'Must be 25 or fewer in length.',
      });
    }
    fields.forEach((field: unknown, j: number) => {
      if (!isObj(field)) return;
      maxLen(errors, `${p}.fields.${j}.name`, field.name, LIMITS.embedFieldName, 1);
      maxLen(errors, `${p}.fields.${j}.value`, field.value, LIMITS.embedFieldValue, 1);
      total += len(field.name) + len(field.value);
    });
  });
  if (total > LIMITS.embedTotal) {
    errors.push({
      path: 'embeds',
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: `Embed size exceeds maximum size of ${LIMITS.embedTotal}`,
    });
  }
}

function checkButton(errors: FieldError[], p: string, c: Json, ids: Set<string>): void {
  maxLen(errors, `${p}.label`, c.label, LIMITS.buttonLabel);
  if (c.label === undefined && c.emoji === undefined) {
    errors.push({
      path: p,
      code: 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED',
      message: 'Label or emoji required.',
    });
  }
  if (c.style === 5) {
    if (typeof c.url !== 'string')
      errors.push({ path: `${p}.url`, code: 'BASE_TYPE_REQUIRED', message: 'Required' });
    if (c.custom_id !== undefined) {
      errors.push({
        path: `${p}.custom_id`,
        code: 'BUTTON_COMPONENT_URL_CUSTOM_ID',
        message: 'Link buttons have no custom_id.',
      });
    }
    return;
  }
  checkCustomId(errors, `${p}.custom_id`, c.custom_id, ids);
}

function checkCustomId(errors: FieldError[], path: string, id: unknown, ids: Set<string>): void {
  if (typeof id !== 'string') {
    errors.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return;
  }
  maxLen(errors, path, id, LIMITS.customId, 1);
  if (ids.has(id))
    errors.push({
      path,
      code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
      message: 'Component custom id cannot be duplicated',
    });
  ids.add(id);
}

function checkComponents(errors: FieldError[], components: unknown, flags: number): void {
  if (!Array.isArray(components)) return;
  const ids = new Set<string>();
  if (flags & IS_COMPONENTS_V2) {
    let count = 0;
    const walk = (list: unknown[], p: string): void =>
      list.forEach((c, i) => {
        count++;
        if (isObj(c) && typeof c.custom_id === 'string')
          checkCustomId(errors, `${p}.${i}.custom_id`, c.custom_id, ids);
        if (isObj(c) && Array.isArray(c.components)) walk(c.components, `${p}.${i}.components`);
      });
    walk(components, 'components');
    if (count > LIMITS.componentsV2Total) {
      errors.push({
        path: 'components',
        code: 'BASE_TYPE_MAX_LENGTH',
        message: 'Must be 40 or fewer in length.',
      });
    }
    return;
  }
  if (components.length > LIMITS.actionRows) {
    errors.push({
      path: 'components',
      code: 'BASE_TYPE_MAX_LENGTH',
      message: 'Must be 5 or fewer in length.',
    });
  }
  components.forEach((row, i) => {
    const p = `components.${i}`;
    if (!isObj(row) || row.type !== 1 || !Array.isArray(row.components)) {
      errors.push({
        path: p,
        code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        message: 'Top-level components must be action rows.',
      });
      return;
    }
    const children = row.components as unknown[];
    if (children.length < 1 || children.length > LIMITS.buttonsPerRow) {
      errors.push({
        path: `${p}.components`,
        code: 'BASE_TYPE_BAD_LENGTH',
        message: 'Must be between 1 and 5 in length.',
      });
    }
    children.forEach((c, j) => {
      const cp = `${p}.components.${j}`;
      if (!isObj(c)) return;
      if (c.type === 2) checkButton(errors, cp, c, ids);
      else if ([3, 5, 6, 7, 8].includes(c.type as number)) {
        if (children.length > 1) {
          errors.push({
            path: cp,
            code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
            message: 'A select menu fills its row.',
          });
        }
        checkCustomId(errors, `${cp}.custom_id`, c.custom_id, ids);
        if (Array.isArray(c.options) && c.options.length > LIMITS.selectOptions) {
          errors.push({
            path: `${cp}.options`,
            code: 'BASE_TYPE_MAX_LENGTH',
            message: 'Must be 25 or fewer in length.',
          });
        }
      } else
        errors.push({
          path: `${cp}.type`,
          code: 'COMPONENT_TYPE_INVALID',
          message: 'Invalid component type',
        });
    });
  });
}

/**
 * Checks a message body (channel message, interaction reply, webhook send or edit).
 * `partial` is true for edits: an edit may carry only some fields.
 */
export function checkMessage(body: unknown, partial: boolean, fileCount = 0): FieldError[] {
  const errors: FieldError[] = [];
  if (!isObj(body))
    return [{ path: '', code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used.' }];
  maxLen(errors, 'content', body.content, LIMITS.content);
  checkEmbeds(errors, body.embeds);
  checkComponents(errors, body.components, typeof body.flags === 'number' ? body.flags : 0);
  if (!partial) {
    const hasContent = typeof body.content === 'string' && body.content.length > 0;
    const hasEmbeds = Array.isArray(body.embeds) && body.embeds.length > 0;
    const hasComponents = Array.isArray(body.components) && body.components.length > 0;
    const hasFiles = fileCount > 0 || (Array.isArray(body.attachments) && body.attachments.length > 0);
    const hasPoll = isObj(body.poll);
    if (!hasContent && !hasEmbeds && !hasComponents && !hasFiles && !hasPoll) {
      errors.push({ path: '', code: 'EMPTY_MESSAGE', message: 'Cannot send an empty message' });
    }
  }
  return errors;
}

function checkTextInput(errors: FieldError[], p: string, c: Json, ids: Set<string>, labelled: boolean): void {
  checkCustomId(errors, `${p}.custom_id`, c.custom_id, ids);
  if (!labelled) maxLen(errors, `${p}.label`, c.label, LIMITS.textInputLabel, 1);
  if (c.style !== 1 && c.style !== 2) {
    errors.push({ path: `${p}.style`, code: 'BASE_TYPE_CHOICES', message: 'Value must be one of {1, 2}.' });
  }
  for (const key of ['min_length', 'max_length'] as const) {
    const v = c[key];
    if (
      v !== undefined &&
      (typeof v !== 'number' || v < (key === 'max_length' ? 1 : 0) || v > LIMITS.textInputLength)
    ) {
      errors.push({
        path: `${p}.${key}`,
        code: 'NUMBER_TYPE_MAX',
        message: `Must be between 0 and ${LIMITS.textInputLength}.`,
      });
    }
  }
  maxLen(errors, `${p}.value`, c.value, LIMITS.textInputLength);
  maxLen(errors, `${p}.placeholder`, c.placeholder, LIMITS.textInputPlaceholder);
}

/** Checks the `data` of a MODAL (type 9) interaction callback. */
export function checkModal(data: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (!isObj(data))
    return [{ path: 'data', code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used.' }];
  const ids = new Set<string>();
  maxLen(errors, 'data.title', data.title, LIMITS.modalTitle, 1);
  if (typeof data.title !== 'string')
    errors.push({ path: 'data.title', code: 'BASE_TYPE_REQUIRED', message: 'Required' });
  maxLen(errors, 'data.custom_id', data.custom_id, LIMITS.customId, 1);
  const comps = Array.isArray(data.components) ? data.components : [];
  if (comps.length < LIMITS.modalComponentsMin || comps.length > LIMITS.modalComponentsMax) {
    errors.push({
      path: 'data.components',
      code: 'BASE_TYPE_BAD_LENGTH',
      message: 'Must be between 1 and 5 in length.',
    });
  }
  comps.forEach((row: unknown, i: number) => {
    const p = `data.components.${i}`;
    if (!isObj(row)) return;
    if (row.type === 1) {
      const inner = Array.isArray(row.components) ? row.components : [];
      if (inner.length !== 1 || !isObj(inner[0]) || inner[0].type !== 4) {
        errors.push({
          path: `${p}.components`,
          code: 'BASE_TYPE_BAD_LENGTH',
          message: 'One text input per row.',
        });
      } else checkTextInput(errors, `${p}.components.0`, inner[0], ids, false);
    } else if (row.type === 18) {
      maxLen(errors, `${p}.label`, row.label, LIMITS.textInputLabel, 1);
      maxLen(errors, `${p}.description`, row.description, 100);
      const c = row.component;
      if (isObj(c) && c.type === 4) checkTextInput(errors, `${p}.component`, c, ids, true);
      else if (isObj(c)) checkCustomId(errors, `${p}.component.custom_id`, c.custom_id, ids);
      else errors.push({ path: `${p}.component`, code: 'BASE_TYPE_REQUIRED', message: 'Required' });
    } else if (row.type !== 10) {
      errors.push({ path: `${p}.type`, code: 'COMPONENT_TYPE_INVALID', message: 'Invalid component type' });
    }
  });
  return errors;
}
