// Private answers leave through a worker thread: what Slack answers reaches the caller.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResponseUrlError, ResponseUrlPoster } from '../../adapters/slack/response-url.ts';
import { silentLogger } from '../../src/domain/logger.ts';

describe('response_url poster', () => {
  let server: Server;
  let base: string;
  let received: Array<{ path: string; body: unknown }>;
  let poster: ResponseUrlPoster;

  beforeEach(async () => {
    received = [];
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: JSON.parse(text) });
        res.writeHead(req.url === '/expired' ? 404 : 200).end(req.url === '/expired' ? 'expired_url' : 'ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    poster = new ResponseUrlPoster(silentLogger);
  });
  afterEach(async () => {
    await poster.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the JSON body and resolves once Slack accepted it', async () => {
    await poster.post(`${base}/r/1`, { response_type: 'ephemeral', text: 'Vote retiré' });
    expect(received).toHaveLength(1);
    await poster.post(`${base}/r/2`, { text: 'é ∆ 🎉' });
    expect(received).toEqual([
      { path: '/r/1', body: { response_type: 'ephemeral', text: 'Vote retiré' } },
      { path: '/r/2', body: { text: 'é ∆ 🎉' } },
    ]);
  });

  it('rejects with the status Slack answered', async () => {
    const refused = await poster
      .post(`${base}/expired`, { text: 'trop tard' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ResponseUrlError);
    expect((refused as ResponseUrlError).status).toBe(404);
  });

  it('rejects when nobody answers, and keeps working afterwards', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(poster.post(`http://127.0.0.1:${port}/r`, { text: 'x' })).rejects.toThrow(/response_url/);
    await poster.post(`${base}/r/3`, { text: 'encore' });
    expect(received.map((r) => r.path)).toEqual(['/r/3']);
  });

  it('waits for posts in flight when closed', async () => {
    const inFlight = poster.post(`${base}/r/4`, { text: 'dernier' });
    await poster.close();
    await inFlight;
    expect(received.map((r) => r.path)).toEqual(['/r/4']);
  });
});
