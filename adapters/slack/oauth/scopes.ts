// The bot's scopes are listed once, in manifest.json; the OAuth install asks for the same ones
// (manifest.distributed.json must agree: a test compares them).
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Manifest = z.object({
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()).min(1) }) }),
});

export const MANIFEST_PATH = new URL('../manifest.json', import.meta.url);
export const DISTRIBUTED_MANIFEST_PATH = new URL('../manifest.distributed.json', import.meta.url);

export function botScopes(path: URL = MANIFEST_PATH): string[] {
  return Manifest.parse(JSON.parse(readFileSync(path, 'utf8'))).oauth_config.scopes.bot;
}
