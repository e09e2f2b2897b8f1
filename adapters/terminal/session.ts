import type { Actor } from '../../src/api.ts';
import { cleanUserText, fold } from '../../src/api.ts';

const personId = (name: string): string =>
  fold(name)
    .replace(/[^\p{L}\p{N}_.-]/gu, '')
    .slice(0, 40) || 'anonyme';

/** Who speaks and where, in the terminal: `/as <name>` and `/canal <name>` change it. */
export class TerminalSession {
  user: Actor;
  channel = 'general';

  constructor(private readonly owner: string) {
    this.user = { id: owner, name: owner, isAdmin: true };
  }

  /** The keyboard's owner is the local workspace's admin; anyone else taken on is a member. */
  speakAs(raw: string): void {
    // The name is shown in every prompt and stored with what this person writes.
    const name = cleanUserText(raw) || 'anonyme';
    const id = personId(name);
    // `/as <owner>` gives the keyboard back to its owner: same id, still the admin.
    if (id === personId(this.owner)) this.user = { id: this.owner, name: this.owner, isAdmin: true };
    else this.user = { id, name: name.slice(0, 40), isAdmin: false };
  }

  moveTo(channel: string): void {
    this.channel =
      fold(cleanUserText(channel))
        .replace(/^#/, '')
        .replace(/[^\p{L}\p{N}_-]/gu, '')
        .slice(0, 40) || 'general';
  }

  get prompt(): string {
    return `${this.user.name}@#${this.channel}> `;
  }
}

export type MetaCommand =
  | { kind: 'as'; name: string }
  | { kind: 'channel'; name: string }
  | { kind: 'quit' }
  | { kind: 'debat'; text: string };

/** Terminal-only commands start with `/` and are not `/debat`; everything else goes to the grammar. */
export function readLine(line: string): MetaCommand | undefined {
  const text = line.trim();
  // Comments in a script: `# …` (as in examples/), `#!…` and `// …`.
  if (text === '' || /^#(?:!|\s|$)/u.test(text) || text.startsWith('//')) return undefined;
  const match = /^\/(\S+)\s*(.*)$/u.exec(text);
  if (match) {
    const word = fold(match[1]!);
    const rest = match[2]!.trim();
    if (word === 'as' || word === 'en-tant-que' || word === 'user')
      return rest ? { kind: 'as', name: rest } : undefined;
    if (word === 'canal' || word === 'channel' || word === 'salon')
      return rest ? { kind: 'channel', name: rest } : undefined;
    if (word === 'quit' || word === 'quitter' || word === 'exit' || word === 'q') return { kind: 'quit' };
  }
  return { kind: 'debat', text };
}
