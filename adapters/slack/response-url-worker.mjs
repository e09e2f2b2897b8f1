// The thread that POSTs private answers to Slack's response_urls (see response-url.ts). Plain
// JavaScript so that it starts without the TypeScript loader. Messages in: arrays of
// { id, url, body } with `body` already JSON; messages out: arrays of { id, status } once Slack
// answered, or { id, error }. Both sides send what one turn of their event loop gathered.
import { parentPort } from 'node:worker_threads';
import { Agent, request } from 'undici';

const TIMEOUT_MS = 10_000;
// Kept-alive, pooled connections: Slack's answers all go to one host.
const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000 });

async function post({ id, url, body }) {
  try {
    const answer = await request(url, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/json' },
      body,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    await answer.body.dump();
    answered({ id, status: answer.statusCode });
  } catch (error) {
    answered({ id, error: error instanceof Error ? error.message : String(error) });
  }
}

let answers = [];
function answered(answer) {
  if (answers.length === 0)
    setImmediate(() => {
      parentPort.postMessage(answers);
      answers = [];
    });
  answers.push(answer);
}

parentPort.on('message', (posts) => {
  for (const one of posts) void post(one);
});
