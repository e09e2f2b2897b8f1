// A mistyped command: every platform answers the same three lines, never the whole help.
import { describe, expect, it } from 'vitest';
import { renderReply as discord } from '../../adapters/discord/render/index.ts';
import { renderReply as slack } from '../../adapters/slack/render/reply.ts';
import { renderReply as terminal } from '../../adapters/terminal/render.ts';
import type { Language } from '../../src/domain/types.ts';
import { helpView } from '../../src/views/build.ts';
import type { Reply } from '../../src/views/types.ts';

const reply = (language: Language, view = helpView('lancr', 'lancer')): Reply => ({
  visibility: 'private',
  language,
  view,
});

/** What each platform shows, as plain text. */
const shown = (r: Reply) => ({
  terminal: terminal(r, { color: false, timezone: 'UTC' }),
  slack: JSON.stringify(slack(r).blocks),
  discord: JSON.stringify(discord(r)),
});

describe('a mistyped command', () => {
  it.each([
    [
      'fr',
      [
        'Je ne connais pas « lancr ».',
        'Vouliez-vous dire « lancer » ?',
        'Toutes les commandes : /debat aide',
      ],
      'Débat : les commandes',
    ],
    [
      'en',
      ['I don’t know “lancr”.', 'Did you mean “lancer”?', 'All the commands: /debat help'],
      'Débat: the commands',
    ],
  ] as const)(
    'in %s: the suggestion and one line pointing at the help, on every platform',
    (language, lines, title) => {
      for (const [platform, text] of Object.entries(shown(reply(language)))) {
        for (const line of lines) expect(text, platform).toContain(line);
        expect(text, platform).not.toContain(title);
        expect(text, platform).not.toContain('oublier-moi');
        expect(text, platform).not.toContain('forget-me');
      }
      expect(shown(reply(language)).terminal).toBe(lines.join('\n'));
    },
  );

  it('without a close word, no suggestion: still one line pointing at the help', () => {
    const text = terminal(reply('fr', helpView('xyzzy')), { color: false, timezone: 'UTC' });
    expect(text).toBe('Je ne connais pas « xyzzy ».\nToutes les commandes : /debat aide');
  });

  it('`aide` itself still lists every command, on every platform', () => {
    for (const [platform, text] of Object.entries(shown(reply('fr', helpView())))) {
      expect(text, platform).toContain('Débat : les commandes');
      expect(text, platform).toContain('oublier-moi');
    }
  });
});
