// The Slack adapter: /debat, live scoreboards, buttons and forms, thread replies, the message
// shortcut and App Home, over Socket Mode or HTTP. See README.md, "Slack setup".
import type { Adapter, AdapterDeps } from '../../src/api.ts';
import { ConfigError } from '../../src/api.ts';
import { boltLogger } from './bolt-logger.ts';
import { RecentDeliveries } from './dedupe.ts';
import { actionHandler } from './handlers/actions.ts';
import { commandHandler } from './handlers/command.ts';
import { editFormHandler } from './handlers/edit-form.ts';
import { homeHandler, publishHome } from './handlers/home.ts';
import { modalHandler } from './handlers/modal.ts';
import { shortcutHandler } from './handlers/shortcut.ts';
import { threadReplyHandler } from './handlers/thread-replies.ts';
import { resolveIdentity } from './identity.ts';
import { InFlight } from './in-flight.ts';
import { SlackWorkspaces } from './oauth/many-workspaces.ts';
import { People } from './people.ts';
import { slackPublisher } from './publisher.ts';
import { ResponseUrlPoster } from './response-url.ts';
import { router } from './router.ts';
import { SlackRuntime } from './runtime.ts';
import { buildTransport, type SocketOptions } from './transport.ts';
import { currentWorkspace } from './workspace.ts';

/** The adapter, plus a wait for quiet that tests and benchmarks use. */
export interface SlackAdapter extends Adapter {
  /** Resolves when no work after an ack is running and every pending scoreboard update is sent. */
  whenIdle(): Promise<void>;
}

export interface SlackAdapterOptions {
  /** How long a person's admin flag, name and locale are trusted (default 10 minutes). */
  peopleTtlMs?: number;
  socket?: SocketOptions;
  /** Many workspaces: how long an installation is trusted per instance, when to refresh tokens. */
  installations?: { cacheMs?: number; refreshBeforeMs?: number };
}

export function createSlackAdapter(
  options: SlackAdapterOptions = {},
): (deps: AdapterDeps) => Promise<SlackAdapter> {
  return async (deps) => {
    const { config, engine, logger } = deps;
    const token = config.SLACK_BOT_TOKEN;
    const bolt = boltLogger(logger, config.DEBAT_LOG_LEVEL);
    // One bot token (one workspace), or OAuth installs (many workspaces).
    let many: SlackWorkspaces | undefined;
    if (!token) {
      if (!config.SLACK_CLIENT_ID)
        throw new ConfigError(['SLACK_BOT_TOKEN: required to run the Slack adapter']);
      if (!deps.installations)
        throw new ConfigError(['SLACK_CLIENT_ID: this store cannot keep Slack installations']);
      many = new SlackWorkspaces(config, deps.installations, logger, deps.clock, bolt, options.installations);
    }
    const identity = token
      ? await resolveIdentity({
          token,
          apiUrl: config.SLACK_API_URL,
          botUserId: config.SLACK_BOT_USER_ID,
          botId: config.SLACK_BOT_ID,
          logger: bolt,
        })
      : undefined;
    const transport = buildTransport({
      botToken: token,
      oauth: many?.oauth,
      appToken: config.SLACK_APP_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      apiUrl: config.SLACK_API_URL,
      identity,
      logger: bolt,
      http: deps.http,
      socket: options.socket,
    });
    const { app } = transport;
    const tasks = new InFlight(logger);
    const client = () => currentWorkspace()?.client ?? app.client;
    const people = new People(client, options.peopleTtlMs ?? 10 * 60_000, logger);
    const responses = new ResponseUrlPoster(logger);
    const rt = new SlackRuntime(engine, app.client, people, tasks, responses, logger, many?.clientFor);
    rt.onPersonalChange = (team, user) => publishHome(rt, team, user);

    const handlers = {
      command: commandHandler(rt),
      click: actionHandler(rt),
      argumentForm: modalHandler(rt),
      editForm: editFormHandler(rt),
      messageShortcut: shortcutHandler(rt),
      message: threadReplyHandler(rt),
      homeOpened: homeHandler(rt),
    };
    app.use(router(handlers, new RecentDeliveries(), many));
    app.error(async (error) => {
      // With many workspaces, a request from one that removed the app finds no installation.
      if (many && error.code === 'slack_bolt_authorization_error')
        logger.warn({ err: error }, 'slack request from a workspace without an installation; ignored');
      else logger.error({ err: error }, 'slack handler failed');
    });

    const publisher = slackPublisher(rt);
    engine.registerPublisher('slack', publisher);
    return {
      platform: 'slack',
      publisher,
      async start() {
        await transport.start();
        await many?.start();
        logger.info(
          { mode: transport.mode, bot: identity?.botUserId, workspaces: many ? 'many' : 'one' },
          'Slack adapter started',
        );
      },
      async stop() {
        many?.stop();
        await transport.stop();
        await tasks.drain();
        await responses.close();
      },
      async whenIdle() {
        do {
          await new Promise((resolve) => setImmediate(resolve));
          await tasks.drain();
          await engine.settled();
        } while (tasks.size > 0 || engine.unsettled > 0);
      },
    };
  };
}
