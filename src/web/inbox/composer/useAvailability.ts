/**
 * Which channels a reply can go on for this contact, and why not — the shared send rules
 * (#shared/send-rules#availability) with what the web app knows: the contact, the conversation's
 * channels and last inbound time per channel, and the location's connected providers. The API
 * refuses with the same reasons.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { SEND_KINDS } from '#shared/channel-catalog';
import type { Contact } from '#shared/contacts';
import type { Conversation } from '#shared/conversations';
import type { SendType } from '#shared/messages';
import { availability, defaultSendType, hasRecipient, type Availability } from '#shared/send-rules';
import { get } from '../../lib/api';

export function useConnectedProviders() {
  return useQuery({
    queryKey: ['connected-providers'],
    queryFn: () => get<{ providers: string[] }>('/channels/connected').then((r) => r.providers),
    staleTime: 60_000,
  });
}

export interface ChannelChoice {
  options: Availability[];
  /** The channel a reply goes on: the one chosen, else the one that answers the last inbound message. */
  type: SendType | null;
  current: Availability | null;
}

/** `now` moves the window countdowns (the caller ticks it). */
export function useChannelChoice(contact: Contact | undefined, conversation: Conversation | undefined, chosen: SendType | null, now: number): ChannelChoice {
  const connected = useConnectedProviders().data;
  return useMemo(() => {
    if (!contact || !conversation) return { options: [], type: null, current: null };
    const ctx = { contact, used: conversation.channels, connected, lastInbound: conversation.inboundAt ?? {}, now };
    const options = SEND_KINDS.filter((k) => hasRecipient(ctx, k.recipient)).map((k) => availability(k.sendType, ctx));
    const reachable = options.map((o) => o.sendType);
    const usable = options.filter((o) => o.ok).map((o) => o.sendType);
    const type =
      chosen && reachable.includes(chosen)
        ? chosen
        : (defaultSendType(conversation.lastInbound?.messageType, reachable) ?? defaultSendType(conversation.lastInbound?.messageType, usable));
    return { options, type, current: options.find((o) => o.sendType === type) ?? null };
  }, [contact, conversation, connected, chosen, now]);
}
