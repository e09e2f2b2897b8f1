// The Slack adapter: /debat, live scoreboards, buttons and forms, thread replies, the message
// shortcut and App Home, over Socket Mode or HTTP. See README.md, "Slack setup".
import type { Adapter, AdapterDeps } from '../../src/adapter.ts';
import { ConfigError } from '../../src/config.ts';
import { boltLogger } from './bolt-logger.ts';
import { RecentDeliveries } from './dedupe.ts';
import { actionHandler } from './handlers/actions.ts';
import { commandHandler } from './handlers/command.ts';
import { homeHandler, publishHome } from './handlers/home.ts';
import { editFormHandler } from './handlers/edit-form.ts';
import { modalHandler } from './handlers/modal.ts';
import { shortcutHandler } from './handlers/shortcut.ts';
import { threadReplyHandler } from './handlers/thread-replies.ts';
import { resolveIdentity } from './identity.ts';
import { InFlight } from './in-flight.ts';
import { People } from './people.ts';
import { slackPublisher } from './publisher.ts';
import { ResponseUrlPoster } from './response-url.ts';
import { router } from './router.ts';
import { SlackRuntime } from './runtime.ts';
import { buildTransport, type SocketOptions } from './transport.ts';

/** The adapter, plus a wait for quiet that tests and benchmarks use. */
export interface SlackAdapter extends Adapter {
  /** Resolves when no work after an ack is running and every pending scoreboard update is sent. */
  whenIdle(): Promise<void>;
}

export interface SlackAdapterOptions {
  /** How long a person's admin flag, name and locale are trusted (default 10 minutes). */
  peopleTtlMs?: number;
  socket?: SocketOptions;
}

export function createSlackAdapter(
  options: SlackAdapterOptions = {},
): (deps: AdapterDeps) => Promise<SlackAdapter> {
  return async (deps) => {
    const { config, engine, logger } = deps;
    const token = config.SLACK_BOT_TOKEN;
    if (!token) throw new ConfigError(['SLACK_BOT_TOKEN: required to run the Slack adapter']);
    const bolt = boltLogger(logger, config.DEBAT_LOG_LEVEL);
    const identity = await resolveIdentity({
      token,
      apiUrl: config.SLACK_API_URL,
      botUserId: config.SLACK_BOT_USER_ID,
      botId: config.SLACK_BOT_ID,
      logger: bolt,
    });
    const transport = buildTransport({
      botToken: token,
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
    const people = new People(app.client, options.peopleTtlMs ?? 10 * 60_000, logger);
    const responses = new ResponseUrlPoster(logger);
    const rt = new SlackRuntime(engine, app.client, people, tasks, responses, logger);
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
    app.use(router(handlers, new RecentDeliveries()));
    app.error(async (error) => {
      logger.error({ err: error }, 'slack handler failed');
    });

    const publisher = slackPublisher(rt);
    engine.registerPublisher('slack', publisher);
    return {
      platform: 'slack',
      publisher,
      async start() {
        await transport.start();
        logger.info({ mode: transport.mode, bot: identity.botUserId }, 'Slack adapter started');
      },
      async stop() {
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
