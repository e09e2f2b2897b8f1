// The anonymity key: it turns a person into an anonymous voter's key (an HMAC), and signs page
// links and stored delivery ids. It never sits beside the data it protects: it comes from
// DEBAT_SECRET, or is kept in the database sealed under DEBAT_ENCRYPTION_KEY, or (the embedded
// SQLite default, with neither) lives in a key file of its own beside the database. The database
// keeps only its fingerprint, so an instance given another key refuses to start instead of
// letting one person vote once per key. Older versions kept the key in clear in the database: the
// first start moves it out and says where.
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ConfigError } from './config.ts';
import type { Logger } from './domain/logger.ts';
import { generateSecret } from './engine/identity.ts';
import { parseKey, SealError, Sealer } from './secrets/sealer.ts';
import type { DebateStore } from './store/ports/debate-store.ts';

export interface AnonymityKeySources {
  /** DEBAT_SECRET. */
  secret?: string | undefined;
  /** DEBAT_ENCRYPTION_KEY and DEBAT_ENCRYPTION_KEY_PREVIOUS (as configured, validated). */
  encryptionKey?: string | undefined;
  previousKeys?: readonly string[] | undefined;
  /** The key file beside the SQLite database; null for a database in memory; undefined on PostgreSQL. */
  keyFile: string | null | undefined;
}

type Store = Pick<DebateStore, 'serverSetting' | 'keepServerSetting' | 'changeServerSettings'>;

/** The key file of a SQLite database: its own file, beside it, readable by its owner alone. */
export const keyFileOf = (databasePath: string): string | null =>
  databasePath === ':memory:' ? null : `${databasePath}.key`;

/** What the database keeps of the key: 64 bits of an HMAC under it, never the key in any encoding. */
export const keyFingerprint = (key: string): string =>
  createHmac('sha256', key).update('debat anonymity key fingerprint').digest('hex').slice(0, 16);

const SEAL_AAD = 'anonymity key';

function sealerOf(sources: AnonymityKeySources): Sealer | undefined {
  if (!sources.encryptionKey) return undefined;
  const current = parseKey(sources.encryptionKey);
  if (!current) throw new ConfigError(['DEBAT_ENCRYPTION_KEY: is not a 32-byte key']);
  return new Sealer(
    current,
    (sources.previousKeys ?? []).flatMap((text) => parseKey(text) ?? []),
  );
}

function readKeyFile(path: string): string {
  const key = readFileSync(path, 'utf8').trim();
  if (key.length < 16)
    throw new ConfigError([`DEBAT_DB_PATH: the key file ${path} holds no key (16+ characters)`]);
  return key;
}

/** Writes the key file, 0600, never over an existing one (two starts at once: the second reads the first's). */
function createKeyFile(path: string, key: string): string {
  try {
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(path);
    throw new ConfigError([
      `DEBAT_DB_PATH: cannot create the key file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    ]);
  }
}

/** The key, where it comes from, and the removal of the clear copy older versions kept. */
export async function anonymityKey(
  store: Store,
  sources: AnonymityKeySources,
  logger?: Logger,
): Promise<string> {
  const legacy = await store.serverSetting('anonymity_secret');
  const sealer = sealerOf(sources);
  let key: string;
  let where: string;
  let mismatch: string;
  if (sources.secret !== undefined) {
    key = sources.secret;
    where = 'DEBAT_SECRET';
    mismatch =
      'DEBAT_SECRET: differs from the key this database was used with; give every instance the same one';
    if (legacy !== undefined && legacy !== key)
      throw new ConfigError([
        'DEBAT_SECRET: differs from the secret this database already keeps; give every instance the same one, or leave it unset to use the kept one',
      ]);
  } else if (sealer) {
    key = await sealedKey(store, sealer, legacy);
    where = 'the database, sealed with DEBAT_ENCRYPTION_KEY';
    mismatch = 'DEBAT_ENCRYPTION_KEY: the key it opens differs from the one this database was used with';
  } else if (sources.keyFile) {
    const path = sources.keyFile;
    where = `the key file ${path}`;
    mismatch = `DEBAT_DB_PATH: the key file ${path} differs from the key this database was used with; restore the right one, or set DEBAT_SECRET`;
    if (existsSync(path)) {
      key = readKeyFile(path);
      if (legacy !== undefined && legacy !== key) throw new ConfigError([mismatch]);
    } else {
      // A database already used with a key: a new key file would key everyone anew.
      if (legacy === undefined && (await store.serverSetting('anonymity_key_fingerprint')) !== undefined)
        throw new ConfigError([
          `DEBAT_DB_PATH: the key file ${path} is missing, and this database was used with a key; restore the file (it is never in a backup), or set DEBAT_SECRET`,
        ]);
      key = createKeyFile(path, legacy ?? generateSecret());
    }
  } else if (sources.keyFile === null) {
    key = legacy ?? generateSecret();
    where = 'memory only';
    mismatch = 'DEBAT_SECRET: differs from the key this database was used with';
  } else {
    throw new ConfigError([
      legacy !== undefined
        ? 'DEBAT_ENCRYPTION_KEY: this database still keeps the anonymity key in clear, which every copy of it would carry; set DEBAT_ENCRYPTION_KEY (the key is then sealed there) or DEBAT_SECRET to that key'
        : 'DEBAT_SECRET: required with DATABASE_URL, unless DEBAT_ENCRYPTION_KEY is set (the anonymity key is never kept in the database in clear)',
    ]);
  }
  const fingerprint = keyFingerprint(key);
  if ((await store.keepServerSetting('anonymity_key_fingerprint', fingerprint)) !== fingerprint)
    throw new ConfigError([mismatch]);
  if (legacy !== undefined) {
    await store.changeServerSettings({ anonymity_secret: null });
    logger?.warn({ where }, `anonymity key moved out of the database, to ${where}`);
  }
  return key;
}

/** The key sealed in the database (sealed there first from `legacy`, or generated), opened. */
async function sealedKey(store: Store, sealer: Sealer, legacy: string | undefined): Promise<string> {
  const candidate = JSON.stringify(sealer.seal(legacy ?? generateSecret(), SEAL_AAD));
  const kept = await store.keepServerSetting('anonymity_key_sealed', candidate);
  let key: string;
  let sealed: { keyId: string; box: string };
  try {
    sealed = JSON.parse(kept) as { keyId: string; box: string };
    key = sealer.open(sealed, SEAL_AAD);
  } catch (error) {
    if (error instanceof SealError || error instanceof SyntaxError)
      throw new ConfigError([
        `DEBAT_ENCRYPTION_KEY: does not open the anonymity key sealed in the database (${error.message}); give the key that sealed it, or add it to DEBAT_ENCRYPTION_KEY_PREVIOUS`,
      ]);
    throw error;
  }
  if (sealer.needsReseal(sealed))
    await store.changeServerSettings({ anonymity_key_sealed: JSON.stringify(sealer.seal(key, SEAL_AAD)) });
  return key;
}
