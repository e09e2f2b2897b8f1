import type { Logger } from '../../src/api.ts';
import { EPHEMERAL, messageBody, rawFiles } from './message-body.ts';
import type { Modal, OutgoingFile, OutgoingMessage } from './render/types.ts';
import { ALREADY_ACKNOWLEDGED, discordCode, type Rest, routes, UNKNOWN_INTERACTION } from './rest.ts';

/** An interaction's first answer (callback types 4, 5, 6, 7, 9). */
export interface InitialResponse {
  type: number;
  data?: unknown;
}

/** How the first answer leaves: a REST callback (gateway) or the HTTP response (endpoint). */
export interface InitialChannel {
  /** False when files cannot ride on the first answer (HTTP endpoint): defer, then edit. */
  readonly acceptsFiles: boolean;
  send(response: InitialResponse, files?: readonly OutgoingFile[]): Promise<void>;
}

export interface InteractionRef {
  id: string;
  token: string;
  applicationId: string;
}

type State = 'new' | 'replied' | 'deferredReply' | 'deferredUpdate' | 'updated' | 'modal';

/**
 * Answers one interaction, whatever the transport: the first answer once, then edits of the
 * original and follow-ups through the interaction webhook. Calls are serialised, so an automatic
 * deferral and the real answer never cross. It never throws: an expired interaction (10062) is
 * logged and dropped.
 */
export class Responder {
  #state: State = 'new';
  #deferredEphemeral = false;
  #originalFilled = false;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly rest: Rest,
    private readonly ref: InteractionRef,
    private readonly initial: InitialChannel,
    private readonly logger: Logger,
  ) {}

  get acknowledged(): boolean {
    return this.#state !== 'new';
  }

  /** A reply: ephemeral (only the person sees it) or public in the channel. */
  reply(message: OutgoingMessage, ephemeral: boolean): Promise<void> {
    return this.#run(() => this.#reply(message, ephemeral));
  }

  /** Replaces the message the clicked component belongs to. */
  update(message: OutgoingMessage): Promise<void> {
    return this.#run(async () => {
      if (this.#state === 'new') {
        await this.#initial({ type: 7, data: messageBody(message) });
        this.#state = 'updated';
      } else if (this.#state === 'deferredUpdate' || this.#state === 'updated') {
        await this.#call('edit', () =>
          this.rest.patch(routes.original(this.ref.applicationId, this.ref.token), {
            body: messageBody(message),
            auth: false,
          }),
        );
        this.#state = 'updated';
      } else await this.#reply(message, true);
    });
  }

  modal(modal: Modal): Promise<void> {
    return this.#run(async () => {
      if (this.#state !== 'new') {
        this.logger.warn({ interaction: this.ref.id }, 'discord: a form can only be the first answer');
        return;
      }
      await this.#initial({ type: 9, data: modal });
      this.#state = 'modal';
    });
  }

  /** "Thinking…": the answer will come by editing the original. */
  deferReply(ephemeral: boolean): Promise<void> {
    return this.#run(() => this.#deferReply(ephemeral));
  }

  /** Acknowledges a click without changing anything yet. */
  deferUpdate(): Promise<void> {
    return this.#run(async () => {
      if (this.#state !== 'new') return;
      await this.#initial({ type: 6 });
      this.#state = 'deferredUpdate';
    });
  }

  /** Defers if nothing was answered after `ms`; returns the cancel function. */
  autoDefer(ms: number, how: { kind: 'reply'; ephemeral: boolean } | { kind: 'update' }): () => void {
    const timer = setTimeout(() => {
      if (this.#state !== 'new') return;
      void (how.kind === 'reply' ? this.deferReply(how.ephemeral) : this.deferUpdate());
    }, ms);
    return () => clearTimeout(timer);
  }

  /** Ends the exchange: a deferral never answered is removed rather than left "thinking". */
  finish(): Promise<void> {
    return this.#run(async () => {
      if (this.#state === 'deferredReply' && !this.#originalFilled) {
        await this.#call('delete', () =>
          this.rest.delete(routes.original(this.ref.applicationId, this.ref.token), { auth: false }),
        );
        this.#originalFilled = true;
      }
    });
  }

  #run(step: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(step, step);
    this.#queue = next.catch(() => {});
    return this.#queue;
  }

  async #deferReply(ephemeral: boolean): Promise<void> {
    if (this.#state !== 'new') return;
    await this.#initial({ type: 5, data: { flags: ephemeral ? EPHEMERAL : 0 } });
    this.#state = 'deferredReply';
    this.#deferredEphemeral = ephemeral;
  }

  async #reply(message: OutgoingMessage, ephemeral: boolean): Promise<void> {
    const flags = ephemeral ? EPHEMERAL : 0;
    if (this.#state === 'new') {
      if (message.files?.length && !this.initial.acceptsFiles) await this.#deferReply(ephemeral);
      else {
        await this.#initial({ type: 4, data: messageBody(message, flags) }, message.files);
        this.#state = 'replied';
        return;
      }
    }
    const files = rawFiles(message.files);
    if (this.#state === 'deferredReply' && !this.#originalFilled && this.#deferredEphemeral === ephemeral) {
      this.#originalFilled = true;
      await this.#call('edit', () =>
        this.rest.patch(routes.original(this.ref.applicationId, this.ref.token), {
          body: messageBody(message),
          ...(files ? { files } : {}),
          auth: false,
        }),
      );
      return;
    }
    await this.#call('follow-up', () =>
      this.rest.post(routes.followUp(this.ref.applicationId, this.ref.token), {
        body: messageBody(message, flags),
        ...(files ? { files } : {}),
        query: new URLSearchParams({ wait: 'true' }),
        auth: false,
      }),
    );
    if (this.#state === 'deferredReply' && !this.#originalFilled) {
      // The deferral's visibility did not match this answer: remove the placeholder.
      this.#originalFilled = true;
      await this.#call('delete', () =>
        this.rest.delete(routes.original(this.ref.applicationId, this.ref.token), { auth: false }),
      );
    }
  }

  async #initial(response: InitialResponse, files?: readonly OutgoingFile[]): Promise<void> {
    await this.#call('answer', () => this.initial.send(response, files));
  }

  async #call(what: string, call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (error) {
      const code = discordCode(error);
      const context = { interaction: this.ref.id, step: what, code };
      if (code === UNKNOWN_INTERACTION)
        this.logger.warn(context, 'discord: interaction expired or unknown (10062)');
      else if (code === ALREADY_ACKNOWLEDGED)
        this.logger.warn(context, 'discord: interaction already acknowledged');
      else this.logger.error({ ...context, err: error }, 'discord: answering an interaction failed');
    }
  }
}

/** The gateway's first answer: a REST callback (no bot token needed). */
export function restInitialChannel(rest: Rest, ref: InteractionRef): InitialChannel {
  return {
    acceptsFiles: true,
    async send(response, files) {
      const raw = rawFiles(files);
      await rest.post(routes.callback(ref.id, ref.token), {
        body: response,
        ...(raw ? { files: raw } : {}),
        auth: false,
      });
    },
  };
}

/** The HTTP endpoint's first answer: resolved into the HTTP response body. */
export class HttpInitialChannel implements InitialChannel {
  readonly acceptsFiles = false;
  readonly response: Promise<InitialResponse>;
  #resolve: (r: InitialResponse) => void = () => {};
  #sent = false;

  constructor() {
    this.response = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  async send(response: InitialResponse): Promise<void> {
    if (this.#sent) throw Object.assign(new Error('already answered'), { code: ALREADY_ACKNOWLEDGED });
    this.#sent = true;
    this.#resolve(response);
  }
}
