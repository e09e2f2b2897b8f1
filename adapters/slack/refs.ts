// A posted Slack message as the core stores it: "C123:1700000000.000100" (channel, then ts).

export interface MessageRef {
  channel: string;
  ts: string;
}

export const formatRef = (ref: MessageRef): string => `${ref.channel}:${ref.ts}`;

export function parseRef(ref: string): MessageRef | undefined {
  const match = /^([A-Z0-9]+):(\d+\.\d+)$/.exec(ref);
  return match ? { channel: match[1]!, ts: match[2]! } : undefined;
}
