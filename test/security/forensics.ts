// What an attacker holding the files looks for: a key in any common encoding, at any alignment.

/** The parts of base64 of `bytes` that do not depend on what precedes it, at each of 3 alignments. */
function base64Runs(bytes: Buffer): string[] {
  const runs: string[] = [];
  for (let shift = 0; shift < 3; shift += 1) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const first = Math.ceil((8 * shift) / 6);
    const last = Math.floor((8 * (shift + bytes.length) - 6) / 6);
    const run = encoded.slice(first, last + 1);
    runs.push(run, run.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return runs;
}

function formsOfBytes(bytes: Buffer): string[] {
  return [
    bytes.toString('latin1'),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    ...base64Runs(bytes),
  ];
}

/**
 * A key as text, its bytes as hex or base64 or base64url (at any alignment), and, when the text is
 * itself base64 or base64url, the raw bytes it stands for in the same encodings. Compared against
 * files read as latin1 (one character per byte).
 */
export function keyForms(key: string): string[] {
  const forms = formsOfBytes(Buffer.from(key, 'utf8'));
  if (/^[A-Za-z0-9_-]+={0,2}$/.test(key) || /^[A-Za-z0-9+/]+={0,2}$/.test(key)) {
    const raw = Buffer.from(key.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
    if (raw.length >= 16) forms.push(...formsOfBytes(raw));
  }
  return [...new Set(forms.filter((form) => form.length >= 12))];
}
