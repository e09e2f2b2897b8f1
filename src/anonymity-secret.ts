import { ConfigError } from './config.ts';
import { generateSecret } from './engine/identity.ts';
import type { DebateStore } from './store/ports/debate-store.ts';

/**
 * The anonymous voters' secret comes from the database alone, so every instance on it keys a
 * person the same way: the first start keeps DEBAT_SECRET (or a generated one) there, and an
 * instance whose DEBAT_SECRET differs from the kept one refuses to start, instead of letting one
 * person vote once per secret.
 */
export async function anonymitySecret(store: DebateStore, configured: string | undefined): Promise<string> {
  const kept = await store.serverSecret(() => configured ?? generateSecret());
  if (configured !== undefined && kept !== configured)
    throw new ConfigError([
      'DEBAT_SECRET: differs from the secret this database already keeps; give every instance the same one, or leave it unset to use the kept one',
    ]);
  return kept;
}
