// Block Kit limits as Slack enforces them (see platform-facts.md §1). The fake answers
// `invalid_blocks` when a message or a view breaks one, so adapter tests catch violations.
// Lengths are counted in UTF-16 code units, which is stricter than Slack for astral emoji.

type Json = Record<string, unknown>;

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  actionId: 255,
  blockId: 255,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  plainTextInputMaxLength: 3000,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
  messageText: 40000,
} as const;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly errors: string[] = [];

  fail(path: string, message: string): void {
    this.errors.push(`${message} [json-pointer:${path}]`);
  }

  max(path: string, value: unknown, limit: number, what: string): void {
    if (typeof value === 'string' && value.length > limit) {
      this.fail(path, `${what} must be less than ${limit + 1} characters (got ${value.length})`);
    }
  }

  textObject(path: string, t: unknown, limit: number, opts: { plainOnly?: boolean } = {}): void {
    if (!isObj(t)) {
      this.fail(path, 'must provide an object');
      return;
    }
    if (t.type !== 'plain_text' && t.type !== 'mrkdwn') {
      this.fail(`${path}/type`, 'must be plain_text or mrkdwn');
    } else if (opts.plainOnly && t.type !== 'plain_text') {
      this.fail(`${path}/type`, 'must be plain_text');
    }
    if (typeof t.text !== 'string' || t.text.length === 0) {
      this.fail(`${path}/text`, 'must be more than 0 characters');
      return;
    }
    this.max(`${path}/text`, t.text, limit, 'text');
  }

  id(path: string, value: unknown, limit: number): void {
    if (value === undefined) return;
    if (typeof value !== 'string' || value.length === 0) this.fail(path, 'must be a non-empty string');
    else this.max(path, value, limit, 'id');
  }

  option(path: string, o: unknown): void {
    if (!isObj(o)) {
      this.fail(path, 'must provide an object');
      return;
    }
    this.textObject(`${path}/text`, o.text, LIMITS.optionText);
    this.max(`${path}/value`, o.value, LIMITS.optionValue, 'option value');
  }

  element(path: string, e: unknown, actionIds: Set<string>): void {
    if (!isObj(e)) {
      this.fail(path, 'must provide an object');
      return;
    }
    if (typeof e.action_id === 'string') {
      this.id(`${path}/action_id`, e.action_id, LIMITS.actionId);
      if (actionIds.has(e.action_id)) this.fail(`${path}/action_id`, 'action_id must be unique in the block');
      actionIds.add(e.action_id);
    }
    switch (e.type) {
      case 'button':
        this.textObject(`${path}/text`, e.text, LIMITS.buttonText, { plainOnly: true });
        this.max(`${path}/value`, e.value, LIMITS.buttonValue, 'button value');
        this.max(`${path}/url`, e.url, LIMITS.url, 'url');
        if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') {
          this.fail(`${path}/style`, 'must be primary or danger');
        }
        break;
      case 'static_select':
      case 'radio_buttons':
      case 'checkboxes': {
        const options = e.options;
        if (!Array.isArray(options) || options.length === 0)
          this.fail(`${path}/options`, 'must provide options');
        else {
          if (options.length > LIMITS.selectOptions) this.fail(`${path}/options`, 'too many options');
          options.forEach((o, i) => {
            this.option(`${path}/options/${i}`, o);
          });
        }
        if (e.placeholder !== undefined)
          this.textObject(`${path}/placeholder`, e.placeholder, LIMITS.placeholder);
        break;
      }
      case 'plain_text_input':
        if (typeof e.max_length === 'number' && e.max_length > LIMITS.plainTextInputMaxLength) {
          this.fail(`${path}/max_length`, `must be at most ${LIMITS.plainTextInputMaxLength}`);
        }
        if (e.placeholder !== undefined)
          this.textObject(`${path}/placeholder`, e.placeholder, LIMITS.placeholder);
        break;
      case 'image':
        this.max(`${path}/image_url`, e.image_url, LIMITS.url, 'image_url');
        break;
      default:
        break;
    }
  }

  block(path: string, b: unknown, blockIds: Set<string>): void {
    if (!isObj(b)) {
      this.fail(path, 'must provide an object');
      return;
    }
    if (b.block_id !== undefined) {
      this.id(`${path}/block_id`, b.block_id, LIMITS.blockId);
      if (typeof b.block_id === 'string') {
        if (blockIds.has(b.block_id)) this.fail(`${path}/block_id`, 'block_id must be unique');
        blockIds.add(b.block_id);
      }
    }
    const actionIds = new Set<string>();
    switch (b.type) {
      case 'section': {
        if (b.text === undefined && b.fields === undefined) this.fail(path, 'must provide text or fields');
        if (b.text !== undefined) this.textObject(`${path}/text`, b.text, LIMITS.sectionText);
        if (b.fields !== undefined) {
          if (!Array.isArray(b.fields) || b.fields.length > LIMITS.sectionFields) {
            this.fail(`${path}/fields`, `must be an array of at most ${LIMITS.sectionFields} items`);
          } else {
            b.fields.forEach((f, i) => {
              this.textObject(`${path}/fields/${i}`, f, LIMITS.fieldText);
            });
          }
        }
        if (b.accessory !== undefined) this.element(`${path}/accessory`, b.accessory, actionIds);
        break;
      }
      case 'header':
        this.textObject(`${path}/text`, b.text, LIMITS.headerText, { plainOnly: true });
        break;
      case 'divider':
        break;
      case 'context':
        if (
          !Array.isArray(b.elements) ||
          b.elements.length === 0 ||
          b.elements.length > LIMITS.contextElements
        ) {
          this.fail(`${path}/elements`, `must have 1 to ${LIMITS.contextElements} elements`);
        } else {
          b.elements.forEach((el, i) => {
            if (isObj(el) && el.type === 'image') this.element(`${path}/elements/${i}`, el, actionIds);
            else this.textObject(`${path}/elements/${i}`, el, LIMITS.sectionText);
          });
        }
        break;
      case 'actions':
        if (
          !Array.isArray(b.elements) ||
          b.elements.length === 0 ||
          b.elements.length > LIMITS.actionsElements
        ) {
          this.fail(`${path}/elements`, `must have 1 to ${LIMITS.actionsElements} elements`);
        } else {
          b.elements.forEach((el, i) => {
            this.element(`${path}/elements/${i}`, el, actionIds);
          });
        }
        break;
      case 'input':
        this.textObject(`${path}/label`, b.label, LIMITS.inputLabel, { plainOnly: true });
        if (b.hint !== undefined)
          this.textObject(`${path}/hint`, b.hint, LIMITS.inputHint, { plainOnly: true });
        this.element(`${path}/element`, b.element, actionIds);
        break;
      case 'image':
        this.max(`${path}/image_url`, b.image_url, LIMITS.url, 'image_url');
        break;
      default:
        this.fail(`${path}/type`, `unsupported block type ${String(b.type)}`);
    }
  }

  blocks(path: string, blocks: unknown, maxBlocks: number): void {
    if (!Array.isArray(blocks)) {
      this.fail(path, 'must provide an array');
      return;
    }
    if (blocks.length > maxBlocks)
      this.fail(path, `no more than ${maxBlocks} items allowed (got ${blocks.length})`);
    const blockIds = new Set<string>();
    blocks.forEach((b, i) => {
      this.block(`${path}/${i}`, b, blockIds);
    });
  }
}

/** Problems with the blocks of a chat.postMessage / chat.update / response_url body; [] when fine. */
export function checkMessage(args: Json): string[] {
  const c = new Checker();
  if (args.blocks !== undefined) c.blocks('/blocks', args.blocks, LIMITS.messageBlocks);
  c.max('/text', args.text, LIMITS.messageText, 'text');
  return c.errors;
}

/** Problems with a view given to views.open / views.update / views.publish; [] when fine. */
export function checkView(view: unknown): string[] {
  const c = new Checker();
  if (!isObj(view)) {
    c.fail('/view', 'must provide an object');
    return c.errors;
  }
  if (view.type === 'modal') {
    c.textObject('/view/title', view.title, LIMITS.viewTitle, { plainOnly: true });
    if (view.submit !== undefined)
      c.textObject('/view/submit', view.submit, LIMITS.viewSubmit, { plainOnly: true });
    if (view.close !== undefined)
      c.textObject('/view/close', view.close, LIMITS.viewClose, { plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined)
      c.fail('/view/submit', 'a modal with input blocks needs submit');
  } else if (view.type !== 'home') {
    c.fail('/view/type', 'must be modal or home');
  }
  c.max('/view/private_metadata', view.private_metadata, LIMITS.privateMetadata, 'private_metadata');
  c.max('/view/callback_id', view.callback_id, LIMITS.callbackId, 'callback_id');
  c.blocks('/view/blocks', view.blocks, LIMITS.viewBlocks);
  return c.errors;
}
