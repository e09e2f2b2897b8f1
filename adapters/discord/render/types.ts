/** The JSON shapes the adapter sends to Discord (a small subset of the API's). */
export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Embed {
  title?: string;
  description?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string };
  image?: { url: string };
}

export const BUTTON_STYLE = { primary: 1, secondary: 2, success: 3, danger: 4 } as const;

export interface Button {
  type: 2;
  style: number;
  label: string;
  custom_id: string;
  disabled?: boolean;
}

export interface ActionRow {
  type: 1;
  components: Button[];
}

export interface OutgoingFile {
  name: string;
  data: Uint8Array;
  contentType?: string;
}

/** A message before it is sent: the transport adds flags and allowed_mentions. */
export interface OutgoingMessage {
  content?: string;
  embeds?: Embed[];
  components?: ActionRow[];
  files?: OutgoingFile[];
}

export interface TextInput {
  type: 4;
  custom_id: string;
  style: 1 | 2;
  min_length?: number;
  max_length?: number;
  required?: boolean;
  placeholder?: string;
  /** The text the field starts with (an edit form filled in). */
  value?: string;
}

export interface StringSelect {
  type: 3;
  custom_id: string;
  options: { label: string; value: string; default?: boolean }[];
  min_values?: number;
  max_values?: number;
  required?: boolean;
}

export interface Label {
  type: 18;
  label: string;
  description?: string;
  component: TextInput | StringSelect;
}

export interface Modal {
  custom_id: string;
  title: string;
  components: Label[];
}
