/** How the notification centre (and browser notifications) word each kind, missed calls included. */
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../src/shared/notifications';
import { describe as describeNotification } from '../../src/web/notifications/queries';

const n = (extra: Partial<Notification>): Notification => ({
  id: '00000000-0000-4000-8000-000000000001',
  userId: '00000000-0000-4000-8000-000000000002',
  kind: 'call',
  conversationId: '00000000-0000-4000-8000-000000000003',
  messageId: null,
  contactName: 'Mia Caller',
  actor: null,
  body: 'Missed call',
  count: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  readAt: null,
  ...extra,
});

describe('notification wording', () => {
  it('names a missed call, a voicemail with its length, and several missed calls', () => {
    expect(describeNotification(n({}))).toEqual({ title: 'Missed call from Mia Caller', text: '' });
    expect(describeNotification(n({ body: 'Voicemail · 0:14' }))).toEqual({ title: 'Voicemail from Mia Caller', text: 'Left a message of 0:14' });
    expect(describeNotification(n({ count: 3, body: 'Voicemail · 1:02' }))).toEqual({ title: '3 missed calls from Mia Caller', text: 'The last one left a voicemail (1:02)' });
    expect(describeNotification(n({ kind: 'inbound', count: 2, body: 'See you' }))).toEqual({ title: '2 new messages from Mia Caller', text: 'See you' });
  });
});
