/**
 * Which pings a message would fire on the real Discord, given its content and allowed_mentions.
 * Only `content` pings (never embeds). Without allowed_mentions Discord parses users, roles and
 * @everyone/@here in channel messages, and users only in interaction replies and webhooks;
 * an edit without allowed_mentions re-parses with those defaults (platform-facts.md §2).
 */
export interface Pings {
  everyone: boolean;
  users: string[];
  roles: string[];
}

export type MentionContext = 'channel' | 'interaction';

interface AllowedMentions {
  parse?: string[];
  users?: string[];
  roles?: string[];
}

export function pingsOf(content: unknown, allowed: unknown, context: MentionContext): Pings {
  const text = typeof content === 'string' ? content : '';
  const am = (typeof allowed === 'object' && allowed !== null ? allowed : undefined) as
    | AllowedMentions
    | undefined;
  const parse = new Set(
    am ? (am.parse ?? []) : context === 'channel' ? ['users', 'roles', 'everyone'] : ['users'],
  );
  const userList = new Set(am?.users ?? []);
  const roleList = new Set(am?.roles ?? []);
  const users = [...text.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? '');
  const roles = [...text.matchAll(/<@&(\d+)>/g)].map((m) => m[1] ?? '');
  return {
    everyone: parse.has('everyone') && /@(everyone|here)/.test(text),
    users: users.filter((id) => parse.has('users') || userList.has(id)),
    roles: roles.filter((id) => parse.has('roles') || roleList.has(id)),
  };
}

export function pingsAnyone(p: Pings): boolean {
  return p.everyone || p.users.length > 0 || p.roles.length > 0;
}
