/** DND channels (plain values, no zod: the web app imports them). */
export const DND_CHANNELS = ['SMS', 'Email', 'Call', 'WhatsApp', 'GMB', 'FB', 'IG'] as const;
export type DndChannel = (typeof DND_CHANNELS)[number];
