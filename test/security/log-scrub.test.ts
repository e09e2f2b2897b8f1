// The log line filter and the error serializer on what the libraries really throw and print.
import { Writable } from 'node:stream';
import { DiscordAPIError } from '@discordjs/rest';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { errorSerializer, scrubber } from '../../src/log-scrub.ts';

const TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXQtdG9rZW4';

function capture(secrets: string[] = []) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('debug', sink, secrets), text: () => lines.join('') };
}

describe('log scrubbing', () => {
  it('drops the body and the token of a refused Discord follow-up', () => {
    const csv = Buffer.from('kind,number,text\nargument,1,=WEBSERVICE("x")\n');
    const url = `https://discord.com/api/v10/webhooks/100000000000000001/${TOKEN}/messages/%40original`;
    const error = new DiscordAPIError(
      { code: 50035, message: 'Invalid Form Body' },
      50035,
      400,
      'PATCH',
      url,
      {
        body: { content: 'Export' },
        files: [{ name: 'debat-1.csv', data: csv }],
      },
    );
    const { logger, text } = capture();
    logger.error({ err: error }, 'discord: follow-up refused');
    const line = text();
    expect(line).toContain('Invalid Form Body');
    expect(line).toContain('/webhooks/100000000000000001/[redacted]/messages');
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain('WEBSERVICE');
    expect(line).not.toContain('requestBody');
    expect(errorSerializer(error)).toMatchObject({
      type: 'DiscordAPIError',
      code: 50035,
      status: 400,
      method: 'PATCH',
    });
  });

  it('removes configured secrets in any spelling, Slack response URLs, page links and tokens by shape', () => {
    const scrub = scrubber(['p@ss"word/with+chars', 'short']);
    const line = JSON.stringify({
      a: 'p@ss"word/with+chars',
      b: `postgres://debat:${encodeURIComponent('p@ss"word/with+chars')}@db/debat`,
      c: 'https://hooks.slack.com/commands/T0001/1234567890/AbCdEfGhIjKlMnOpQrStUvWx',
      d: 'https://debat.example.org/d/ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq',
      e: 'xoxb-1234-5678-abcdefABCDEF xapp-1-A111-222-abc',
      f: 'Authorization: Bot MTAwMDAw.YWJj.ZGVm',
      g: `/interactions/123456789/${TOKEN}/callback`,
    });
    const out = scrub(line);
    for (const leak of [
      'p@ss',
      'AbCdEfGhIjKl',
      'ABCDEFGHIJKLMNOPQ',
      'xoxb-1234',
      'xapp-1-A111',
      'MTAwMDAw',
      TOKEN,
    ])
      expect(out).not.toContain(leak);
    // Values shorter than 8 characters are left alone (they would blank ordinary words).
    expect(scrub('a short word')).toBe('a short word');
    expect(out).toContain('hooks.slack.com/commands/T0001/1234567890/[redacted]');
    expect(JSON.parse(out)).toBeTypeOf('object');
  });
});
