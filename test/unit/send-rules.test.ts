/**
 * The shared send rules (#shared/send-rules): what the API refuses and the composer explains, in
 * one order — DND, connection, messaging window, recipient — from the channel catalog.
 */
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/shared/contacts';
import { availability, defaultSendType, reachableSendTypes, windowState, type SendContext } from '../../src/shared/send-rules';

const inactive = { status: 'inactive' as const };
const contact = (over: Partial<Contact> = {}): SendContext['contact'] => ({
  dnd: false,
  dndSettings: { SMS: inactive, Email: inactive, Call: inactive, WhatsApp: inactive, GMB: inactive, FB: inactive, IG: inactive },
  phone: '+12125550123',
  email: null,
  additionalPhones: [],
  additionalEmails: [],
  ...over,
});
const NOW = Date.parse('2026-12-03T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
const ctx = (over: Partial<SendContext> = {}): SendContext => ({
  contact: contact(),
  used: [],
  connected: ['twilio', 'whatsapp', 'facebook', 'email', 'google'],
  lastInbound: {},
  now: NOW,
  ...over,
});

describe('send rules', () => {
  it('keeps WhatsApp free-form to the 24 hours after the contact last wrote on WhatsApp; templates outside', () => {
    const open = availability('WhatsApp', ctx({ used: ['TYPE_WHATSAPP'], lastInbound: { TYPE_WHATSAPP: hoursAgo(23) } }));
    expect(open).toMatchObject({ ok: true, window: { open: true, closesAt: new Date(NOW + 3_600_000).toISOString() } });
    const closed = availability('WhatsApp', ctx({ used: ['TYPE_WHATSAPP'], lastInbound: { TYPE_WHATSAPP: hoursAgo(25), TYPE_SMS: hoursAgo(1) } }));
    expect(closed.refusal).toMatchObject({ code: 'messaging_window_closed', templatesOnly: true });
    // Never written on WhatsApp: templates only (an SMS does not open the WhatsApp window).
    expect(availability('WhatsApp', ctx({ lastInbound: { TYPE_SMS: hoursAgo(1) } })).refusal?.code).toBe('messaging_window_closed');
  });

  it('lets a person answer on Messenger for 7 days (HUMAN_AGENT), Instagram only 24 hours', () => {
    const fb = availability('FB', ctx({ used: ['TYPE_FACEBOOK'], lastInbound: { TYPE_FACEBOOK: hoursAgo(30) } }));
    expect(fb).toMatchObject({ ok: true, window: { open: false } });
    expect(fb.window?.humanAgentUntil).toBe(new Date(NOW - 30 * 3_600_000 + 7 * 86_400_000).toISOString());
    expect(availability('FB', ctx({ used: ['TYPE_FACEBOOK'], lastInbound: { TYPE_FACEBOOK: hoursAgo(8 * 24) } })).refusal?.code).toBe('messaging_window_closed');
    const ig = availability('IG', ctx({ used: ['TYPE_INSTAGRAM'], lastInbound: { TYPE_INSTAGRAM: hoursAgo(30) } }));
    expect(ig.refusal).toMatchObject({ code: 'messaging_window_closed', templatesOnly: false });
  });

  it('refuses in one order: DND, connection, window, recipient', () => {
    const dnd = contact({ dndSettings: { ...contact().dndSettings, WhatsApp: { status: 'active' } } });
    const everything = ctx({ contact: { ...dnd, phone: null }, connected: [], lastInbound: { TYPE_WHATSAPP: hoursAgo(48) } });
    expect(availability('WhatsApp', everything).refusal?.code).toBe('dnd_active');
    expect(availability('WhatsApp', { ...everything, contact: { ...contact(), phone: null } }).refusal?.code).toBe('channel_not_connected');
    expect(availability('WhatsApp', { ...everything, contact: { ...contact(), phone: null }, connected: ['whatsapp'] }).refusal?.code).toBe('messaging_window_closed');
    expect(availability('SMS', ctx({ contact: contact({ phone: null }) })).refusal?.code).toBe('no_recipient');
    expect(availability('SMS', ctx({ contact: contact({ dnd: true }) })).refusal?.message).toBe('Cannot send messages as DND is active for all channels.');
    // Web chat is built in: never "not connected".
    expect(availability('Live_Chat', ctx({ used: ['TYPE_LIVE_CHAT'], connected: [] })).ok).toBe(true);
  });

  it('offers the channels the contact has an address on, and answers on the one they wrote on last', () => {
    const reach = reachableSendTypes(contact({ email: 'a@b.co' }), ['TYPE_INSTAGRAM_COMMENT', 'TYPE_REVIEW']);
    expect(reach).toEqual(['SMS', 'Email', 'WhatsApp', 'IG', 'GMB']);
    expect(defaultSendType('TYPE_INSTAGRAM_COMMENT', reach)).toBe('IG');
    expect(defaultSendType('TYPE_CALL', reach)).toBe('SMS');
    expect(windowState('SMS', ctx())).toBeNull();
  });
});
