import { z } from 'zod';
import { displayName } from './people.ts';

/**
 * Raw interactions (gateway INTERACTION_CREATE or HTTP POST) are validated here, once, and
 * reduced to what the adapter needs. Both transports go through the same schema.
 */
const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  global_name: z.string().nullish(),
});

const optionValue = z.union([z.string(), z.number(), z.boolean()]);
interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  options?: RawOption[] | undefined;
}
const optionSchema: z.ZodType<RawOption> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: z.number(),
    value: optionValue.optional(),
    options: z.array(optionSchema).optional(),
  }),
);

const modalComponent = z.object({
  type: z.number(),
  custom_id: z.string().optional(),
  value: z.string().optional(),
  values: z.array(z.string()).optional(),
});
const modalRow = z.object({
  type: z.number(),
  components: z.array(modalComponent).optional(),
  component: modalComponent.optional(),
});

/** A PING needs nothing but its type (its signature was checked before). */
const pingSchema = z.object({ type: z.literal(1), id: z.string().optional() });

const interactionSchema = z.object({
  id: z.string().regex(/^\d+$/),
  // Discord sends it, its own examples and fixtures do not always: the configured id stands in.
  application_id: z.string().optional(),
  type: z.number().int(),
  token: z.string().optional(),
  guild_id: z.string().optional(),
  channel: z
    .object({ id: z.string(), type: z.number().optional(), parent_id: z.string().nullish() })
    .optional(),
  channel_id: z.string().optional(),
  member: z
    .object({ user: userSchema, nick: z.string().nullish(), permissions: z.string().optional() })
    .optional(),
  user: userSchema.optional(),
  locale: z.string().optional(),
  message: z.object({ id: z.string(), flags: z.number().optional() }).optional(),
  data: z
    .object({
      name: z.string().optional(),
      custom_id: z.string().optional(),
      component_type: z.number().optional(),
      options: z.array(optionSchema).optional(),
      components: z.array(modalRow).optional(),
    })
    .optional(),
});

export type OptionValues = Record<string, string | number | boolean>;

interface Common {
  id: string;
  token: string;
  applicationId: string;
  guildId: string | undefined;
  channelId: string;
  /** Set when the interaction happened in a thread: its parent channel holds the debates. */
  thread: { id: string; parentId: string } | undefined;
  user: { id: string; name: string };
  /** The member's permission bitfield in the channel (decimal string). */
  permissions: string | undefined;
  locale: string | undefined;
  /** The message a component belongs to; `ephemeral` when only the clicker sees it. */
  message: { id: string; ephemeral: boolean } | undefined;
}

export type Incoming =
  | { kind: 'ping'; id: string | undefined }
  | (Common & { kind: 'command'; name: string; subcommand: string | undefined; options: OptionValues })
  | (Common & { kind: 'button'; customId: string })
  | (Common & { kind: 'modal'; customId: string; fields: Record<string, string | string[]> })
  | (Common & { kind: 'unsupported'; type: number });

const EPHEMERAL = 1 << 6;
const THREAD_TYPES = new Set([10, 11, 12]);

function flattenOptions(options: RawOption[] | undefined): { subcommand?: string; values: OptionValues } {
  const values: OptionValues = {};
  let subcommand: string | undefined;
  for (const option of options ?? []) {
    if (option.type === 1 || option.type === 2) {
      const inner = flattenOptions(option.options);
      subcommand = inner.subcommand ? `${option.name} ${inner.subcommand}` : option.name;
      Object.assign(values, inner.values);
    } else if (option.value !== undefined) values[option.name] = option.value;
  }
  return subcommand === undefined ? { values } : { subcommand, values };
}

function modalFields(rows: z.infer<typeof modalRow>[] | undefined): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const row of rows ?? []) {
    for (const c of [...(row.components ?? []), ...(row.component ? [row.component] : [])]) {
      if (!c.custom_id) continue;
      if (c.values !== undefined) fields[c.custom_id] = c.values;
      else if (c.value !== undefined) fields[c.custom_id] = c.value;
    }
  }
  return fields;
}

/**
 * Validates a raw interaction, reading only what its type needs; undefined when it is not one
 * Discord would send. `applicationId` is the configured one, for interactions that omit theirs.
 */
export function readInteraction(raw: unknown, applicationId?: string): Incoming | undefined {
  const ping = pingSchema.safeParse(raw);
  if (ping.success) return { kind: 'ping', id: ping.data.id };
  const parsed = interactionSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const i = parsed.data;
  const person = i.member?.user ?? i.user;
  const channelId = i.channel?.id ?? i.channel_id;
  const application = i.application_id ?? applicationId;
  if (!person || !channelId || !i.token || !application) return undefined;
  const common: Common = {
    id: i.id,
    token: i.token,
    applicationId: application,
    guildId: i.guild_id,
    channelId,
    thread:
      i.channel?.parent_id && THREAD_TYPES.has(i.channel.type ?? -1)
        ? { id: i.channel.id, parentId: i.channel.parent_id }
        : undefined,
    user: { id: person.id, name: displayName(person, i.member?.nick) },
    permissions: i.member?.permissions,
    locale: i.locale,
    message: i.message
      ? { id: i.message.id, ephemeral: ((i.message.flags ?? 0) & EPHEMERAL) !== 0 }
      : undefined,
  };
  if (i.type === 2 && i.data?.name) {
    const { subcommand, values } = flattenOptions(i.data.options);
    return { ...common, kind: 'command', name: i.data.name, subcommand, options: values };
  }
  if (i.type === 3 && i.data?.custom_id && i.data.component_type === 2) {
    return { ...common, kind: 'button', customId: i.data.custom_id };
  }
  if (i.type === 5 && i.data?.custom_id) {
    return { ...common, kind: 'modal', customId: i.data.custom_id, fields: modalFields(i.data.components) };
  }
  return { ...common, kind: 'unsupported', type: i.type };
}
