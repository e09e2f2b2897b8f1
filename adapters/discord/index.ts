import { type Adapter, type AdapterDeps, type AdapterFactory, BODY_LIMITS } from '../../src/api.ts';
import { DeliveryGuard } from './delivery-guard.ts';
import { DiscordGateway } from './gateway.ts';
import { InteractionHandler } from './handler.ts';
import { interactionsEndpoint } from './http-endpoint.ts';
import { type Incoming, readInteraction } from './incoming.ts';
import { discordPublisher } from './publisher.ts';
import { type InitialChannel, Responder, restInitialChannel } from './responder.ts';
import { createRest } from './rest.ts';
import { DEFAULT_SCOREBOARD_OPTIONS, type ScoreboardOptions, Scoreboards } from './scoreboards.ts';
import { type DiscordSettings, discordSettings } from './settings.ts';
import { handleThreadMessage } from './thread-replies.ts';

export interface DiscordAdapterOptions {
  /** Overrides of the settings read from the configuration (tests shorten waits). */
  settings?: Partial<DiscordSettings>;
  scoreboards?: Partial<ScoreboardOptions>;
}

/** Work in progress, so stop() can finish it. */
class InFlight {
  readonly #running = new Set<Promise<unknown>>();
  track(work: Promise<unknown>): void {
    const done = work.catch(() => {}).finally(() => this.#running.delete(done));
    this.#running.add(done);
  }
  async drain(): Promise<void> {
    while (this.#running.size) await Promise.all([...this.#running]);
  }
}

/**
 * The Discord adapter: the gateway when DISCORD_TOKEN is set, the HTTP interactions endpoint when
 * DISCORD_PUBLIC_KEY is set (both may run), one handler behind both.
 */
export function createDiscordAdapter(options: DiscordAdapterOptions = {}): AdapterFactory {
  return async (deps: AdapterDeps): Promise<Adapter> => {
    const settings: DiscordSettings = { ...discordSettings(deps.config), ...options.settings };
    const { engine, logger } = deps;
    const rest = createRest(settings);
    const canPost = settings.token !== undefined;
    const scoreboards = new Scoreboards({
      rest,
      canPost,
      engine,
      logger,
      options: { ...DEFAULT_SCOREBOARD_OPTIONS, ...options.scoreboards },
    });
    const publisher = discordPublisher(rest, canPost, logger, scoreboards, engine);
    engine.registerPublisher('discord', publisher);
    const guard = new DeliveryGuard();
    const handler = new InteractionHandler({
      engine,
      logger,
      rest,
      scoreboards,
      guard,
      deferAfterMs: settings.deferAfterMs,
    });
    const inFlight = new InFlight();
    let accepting = true;

    const dispatch = (incoming: Exclude<Incoming, { kind: 'ping' }>, initial: InitialChannel) => {
      const responder = new Responder(rest, incoming, initial, logger);
      inFlight.track(handler.handle(incoming, responder));
    };

    const gateway =
      settings.gateway && settings.token
        ? new DiscordGateway(
            { token: settings.token, api: settings.api, shards: settings.shards },
            {
              interaction(raw) {
                const incoming = readInteraction(raw, settings.applicationId);
                if (!incoming || incoming.kind === 'ping') {
                  logger.warn({}, 'discord: an interaction the adapter cannot read');
                  return;
                }
                // A replay after a resume: it was answered the first time.
                if (!accepting || !guard.first(incoming.id)) return;
                dispatch(incoming, restInitialChannel(rest, incoming));
              },
              threadMessage(message) {
                if (!accepting) return;
                inFlight.track(
                  handleThreadMessage({ engine, rest, logger }, message).catch((error: unknown) =>
                    logger.error({ err: error }, 'discord: thread reply failed'),
                  ),
                );
              },
            },
            logger,
          )
        : undefined;

    if (!canPost) {
      logger.warn(
        {},
        'discord: no DISCORD_TOKEN: scoreboards are posted as interaction replies and not updated, no weekly summary',
      );
    }

    return {
      platform: 'discord',
      publisher,
      async start() {
        if (settings.publicKey) {
          deps.http.route(
            'POST',
            settings.interactionsPath,
            interactionsEndpoint({
              publicKey: settings.publicKey,
              applicationId: settings.applicationId,
              logger,
              dispatch(incoming, initial) {
                if (!guard.first(incoming.id)) {
                  // Sent again: Discord already has (or will have) the first answer.
                  void initial.send({ type: incoming.kind === 'command' ? 5 : 6, data: { flags: 64 } });
                  return;
                }
                dispatch(incoming, initial);
              },
            }),
            { maxBody: BODY_LIMITS.discord },
          );
        }
        await gateway?.start();
        logger.info(
          { gateway: Boolean(gateway), endpoint: settings.publicKey ? settings.interactionsPath : null },
          'discord adapter started',
        );
      },
      async stop() {
        accepting = false;
        await gateway?.stop();
        await inFlight.drain();
        scoreboards.closing();
      },
    };
  };
}
