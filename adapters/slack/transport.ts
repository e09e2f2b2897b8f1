// The Bolt App and how Slack reaches it: Socket Mode when an app token is set (no public URL),
// otherwise HTTP on the process's one server at POST /slack/events (signature checked by Bolt).
import {
  App,
  type Logger as BoltLogger,
  HTTPReceiver,
  type InstallationStore,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import {
  BODY_LIMITS,
  ConfigError,
  type HttpRoutes,
  type Language,
  type RouteHandler,
  signedTimeAhead,
} from '../../src/api.ts';
import type { BotIdentity } from './identity.ts';
import { callbackPages, framed, installPage } from './oauth/pages.ts';
import { platformError } from './slack-errors.ts';

export const EVENTS_PATH = '/slack/events';

/**
 * Bolt refuses requests signed more than 5 minutes ago but takes any time ahead: a request signed
 * ahead (a skewed or stolen clock) could be replayed until then. Refused as Bolt refuses a stale one.
 */
function refuseAhead(listener: RouteHandler): RouteHandler {
  return (req, res) => {
    if (signedTimeAhead(req.headers['x-slack-request-timestamp'], Date.now())) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('stale or future request timestamp');
      return;
    }
    return listener(req, res);
  };
}

export interface SocketOptions {
  /** How long the Socket Mode client waits for a pong (also its reconnect step). */
  clientPingTimeoutMs?: number;
  serverPingTimeoutMs?: number;
}

/** Many workspaces: Bolt's OAuth (InstallProvider) with installations kept by the project's store. */
export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  scopes: string[];
  installationStore: InstallationStore;
  /** The install pages' first language (both are shown). */
  language: Language;
}

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface TransportOptions {
  /** One workspace, one bot token; or none and `oauth`. */
  botToken?: string | undefined;
  oauth?: OAuthOptions | undefined;
  appToken?: string | undefined;
  signingSecret?: string | undefined;
  apiUrl?: string | undefined;
  identity?: BotIdentity | undefined;
  logger: BoltLogger;
  http: HttpRoutes;
  socket?: SocketOptions | undefined;
}

export interface Transport {
  mode: 'socket' | 'http';
  app: App;
  start(): Promise<void>;
  /** Stops taking work (Socket Mode disconnects; in HTTP mode the shared server is closed by main). */
  stop(): Promise<void>;
}

/** Web API client settings: a 429 is handed back to the caller instead of pausing every call. */
export function clientOptions(apiUrl: string | undefined, logger: BoltLogger): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 4000 },
    timeout: 15_000,
    logger,
  };
}

export function buildTransport(o: TransportOptions): Transport {
  if (o.oauth) return oauthTransport(o, o.oauth);
  const common = {
    token: o.botToken,
    botId: o.identity?.botId,
    botUserId: o.identity?.botUserId,
    logger: o.logger,
    convoStore: false as const,
    clientOptions: clientOptions(o.apiUrl, o.logger),
  };
  if (o.appToken) {
    const receiver = new SocketModeReceiver({
      appToken: o.appToken,
      logger: o.logger,
      installerOptions: { clientOptions: o.apiUrl ? { slackApiUrl: o.apiUrl } : {} },
      ...(o.socket?.clientPingTimeoutMs ? { clientPingTimeout: o.socket.clientPingTimeoutMs } : {}),
      ...(o.socket?.serverPingTimeoutMs ? { serverPingTimeout: o.socket.serverPingTimeoutMs } : {}),
    });
    const app = new App({ ...common, receiver, socketMode: true });
    return {
      mode: 'socket',
      app,
      async start() {
        try {
          await app.start();
        } catch (error) {
          const code = platformError(error);
          throw code
            ? new ConfigError([`SLACK_APP_TOKEN: Slack refused to open a Socket Mode connection (${code})`])
            : error;
        }
      },
      async stop() {
        await app.stop();
      },
    };
  }
  const receiver = new HTTPReceiver({
    signingSecret: o.signingSecret ?? '',
    endpoints: [EVENTS_PATH],
    logger: o.logger,
    processBeforeResponse: false,
  });
  const app = new App({ ...common, receiver });
  o.http.route('POST', EVENTS_PATH, refuseAhead(receiver.requestListener), { maxBody: BODY_LIMITS.slack });
  return { mode: 'http', app, start: async () => {}, stop: async () => {} };
}

/** HTTP only (a distributed app cannot use Socket Mode): events, the install page and its redirect. */
function oauthTransport(o: TransportOptions, oauth: OAuthOptions): Transport {
  const receiver = new HTTPReceiver({
    signingSecret: o.signingSecret ?? '',
    endpoints: [EVENTS_PATH],
    logger: o.logger,
    processBeforeResponse: false,
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: oauth.scopes,
    installationStore: oauth.installationStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      stateVerification: true,
      renderHtmlForInstallPath: installPage(oauth.language),
      callbackOptions: callbackPages(oauth.language, INSTALL_PATH),
      clientOptions: clientOptions(o.apiUrl, o.logger),
    },
  });
  const app = new App({
    receiver,
    logger: o.logger,
    convoStore: false,
    clientOptions: clientOptions(o.apiUrl, o.logger),
  });
  o.http.route('POST', EVENTS_PATH, refuseAhead(receiver.requestListener), { maxBody: BODY_LIMITS.slack });
  o.http.route('GET', INSTALL_PATH, framed(receiver.requestListener));
  o.http.route('GET', REDIRECT_PATH, framed(receiver.requestListener));
  return { mode: 'http', app, start: async () => {}, stop: async () => {} };
}
