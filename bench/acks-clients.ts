// The load generators of ./acks-under-work.ts, each run as a child process's module text (so that
// none of their work counts against the bot's process).

/**
 * Module text shared by the Slack load generators: `slackSigned(req, body)` signs a request body
 * as Slack does, with the signing secret in `env.SECRET` (`createHmac` imported by the module).
 */
export const SLACK_SIGNED = `
function slackSigned(req, b) {
  const ts = Math.floor(Date.now() / 1000);
  const signature = 'v0=' + createHmac('sha256', process.env.SECRET).update('v0:' + ts + ':' + b).digest('hex');
  return { ...req, body: b, headers: { 'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature } };
}
`;

/**
 * Clicks at a fixed rate on the given scoreboards, each from a new person, signed as Slack does
 * (or, with AMOUNT, that many clicks; without RATE, as fast as CONNECTIONS allow).
 */
export const CLICKS = `
import autocannon from 'autocannon';
import { createHmac } from 'node:crypto';
${SLACK_SIGNED}
const env = process.env;
const boards = JSON.parse(env.BOARDS);
let i = Number(env.OFFSET);
function body(n) {
  const board = boards[n % boards.length];
  const side = n % 3 === 0 ? 'con' : 'pro';
  const user = 'U' + n;
  const payload = {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: env.TEAM },
    api_app_id: 'A0FAKE', token: 'legacy', trigger_id: n + '.trigger',
    team: { id: env.TEAM, domain: 'fake' },
    container: { type: 'message', message_ts: board.ts, channel_id: board.channel, is_ephemeral: false },
    channel: { id: board.channel, name: board.channel.toLowerCase() },
    message: { type: 'message', ts: board.ts, user: 'UBOT', text: '' },
    response_url: env.RESPONSE_URL,
    actions: [{ type: 'button', action_id: 'debat.vote.' + side, block_id: 'scoreboard-0',
      value: board.number + ':' + side, action_ts: (Date.now() / 1000).toFixed(6) }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
const result = await autocannon({
  url: env.TARGET, method: 'POST', connections: Number(env.CONNECTIONS),
  ...(env.AMOUNT ? { amount: Number(env.AMOUNT) } : { duration: Number(env.DURATION) }),
  ...(env.RATE ? { overallRate: Number(env.RATE) } : {}),
  requests: [{ setupRequest: (req) => slackSigned(req, body(++i)) }],
});
process.stdout.write(JSON.stringify({ total: result.requests.total, p50: result.latency.p50,
  p99: result.latency.p99, max: result.latency.max,
  errors: result.errors + result.non2xx + result.timeouts }));
`;

/** Discord vote clicks at a fixed rate, each from a new person, signed with Ed25519 as Discord does. */
export const DISCORD_CLICKS = `
import autocannon from 'autocannon';
import { createPrivateKey, sign } from 'node:crypto';
const env = process.env;
const boards = JSON.parse(env.BOARDS);
const key = createPrivateKey(env.PRIVATE_KEY);
const EPOCH = 1420070400000n;
let i = Number(env.OFFSET);
function body(n) {
  const board = boards[n % boards.length];
  const user = { id: String(700000000000000000n + BigInt(n)), username: 'u' + n, global_name: null };
  const id = (((BigInt(Date.now()) - EPOCH) << 22n) | BigInt(n % 4194304)).toString();
  return JSON.stringify({ id, application_id: env.APP, type: 3, token: 'bench-token-' + n, version: 1,
    guild_id: env.GUILD, channel_id: board.channel, channel: { id: board.channel, type: 0 },
    member: { user, roles: [], permissions: '3072', nick: null }, locale: 'fr',
    message: { id: board.ts, channel_id: board.channel, flags: 0 },
    data: { custom_id: 'db:v:' + board.number + ':' + (n % 3 === 0 ? 'c' : 'p'), component_type: 2 } });
}
const result = await autocannon({
  url: env.TARGET, method: 'POST', connections: Number(env.CONNECTIONS),
  duration: Number(env.DURATION), overallRate: Number(env.RATE),
  requests: [{ setupRequest: (req) => {
    i += 1;
    const b = body(i);
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.from(ts + b), key).toString('hex');
    return { ...req, body: b, headers: { 'content-type': 'application/json',
      'x-signature-ed25519': signature, 'x-signature-timestamp': ts } };
  } }],
});
process.stdout.write(JSON.stringify({ total: result.requests.total, p50: result.latency.p50,
  p99: result.latency.p99, max: result.latency.max,
  errors: result.errors + result.non2xx + result.timeouts }));
`;

/**
 * Clients fetching one page over and over, each on its own kept-alive connection, taking gzip as
 * every browser does (the bytes counted are those sent).
 */
export const PAGES = `
import { Agent, get } from 'node:http';
const env = process.env;
const until = Date.now() + Number(env.DURATION) * 1000;
let pages = 0, failed = 0, bytes = 0;
const fetchOne = (agent) => new Promise((resolve) => get(env.URL, { agent, headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
  res.on('data', (c) => { bytes += c.length; });
  res.on('end', () => { if (res.statusCode === 200) pages++; else failed++; resolve(); });
}).on('error', () => { failed++; resolve(); }));
await Promise.all(Array.from({ length: Number(env.CLIENTS) }, async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  while (Date.now() < until) await fetchOne(agent);
  agent.destroy();
}));
process.stdout.write(JSON.stringify({ pages, failed, bytes }));
`;
