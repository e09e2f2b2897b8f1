// Text as Slack sends it (commands, messages): `&`, `<` and `>` arrive as entities. The core keeps
// what the person typed; rendering escapes it again.
export const decodeSlackText = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
