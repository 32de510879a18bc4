import { describe, expect, it } from 'vitest';
import { toE164 } from '../../src/server/contacts/phone';
import { decodeKeyset, encodeKeyset } from '../../src/server/http/cursor';
import { decodeCursor, encodeCursor } from '../../src/server/realtime/event-log';
import { checkAttachment } from '../../src/server/attachments/file-types';
import { preview } from '../../src/server/messages/preview';
import { displayName } from '../../src/server/contacts/serialize';
import { parseMentions } from '../../src/shared/messages';
import { loadConfig } from '../../src/server/config';

describe('toE164', () => {
  it('reads national numbers in the given country and keeps international ones', () => {
    expect(toE164('(212) 867-5309', 'US')).toBe('+12128675309');
    expect(toE164('07700 900123', 'GB')).toBe('+447700900123');
    expect(toE164('+44 7700 900123', 'US')).toBe('+447700900123');
    expect(toE164('12', 'US')).toBeNull();
    expect(toE164('call me', 'US')).toBeNull();
  });
});

describe('cursors', () => {
  it('round-trips a keyset and refuses garbage', () => {
    const k = '2026-11-25 01:02:03.123456+00';
    const id = '6f1c1f2e-1111-4222-8333-444455556666';
    expect(decodeKeyset(encodeKeyset(k, id))).toEqual({ k, id });
    expect(decodeKeyset(undefined)).toBeNull();
    expect(() => decodeKeyset('not-base64-json')).toThrow(/cursor/);
    expect(() => decodeKeyset(Buffer.from('["x","not-a-uuid"]').toString('base64url'))).toThrow();
  });

  it('binds event cursors to their location', () => {
    const loc = 'abcdef12-0000-4000-8000-000000000000';
    expect(decodeCursor(loc, encodeCursor(loc, 42))).toBe(42);
    expect(decodeCursor('00000000-0000-4000-8000-000000000000', encodeCursor(loc, 42))).toBeNull();
    expect(decodeCursor(loc, '42')).toBeNull();
  });
});

describe('mentions', () => {
  it('finds each mentioned user once', () => {
    const a = '11111111-1111-4111-8111-111111111111';
    const b = '22222222-2222-4222-8222-222222222222';
    expect(parseMentions(`@[Ann](${a}) and @[Bob](${b}) and again @[Ann](${a})`)).toEqual([a, b]);
    expect(parseMentions('no mentions @here')).toEqual([]);
  });
});

describe('attachment content check', () => {
  it('trusts the bytes, not the name', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    expect(await checkAttachment('a.png', png)).toBe('image/png');
    await expect(checkAttachment('a.jpg', png)).rejects.toMatchObject({ status: 415 });
    await expect(checkAttachment('a.pdf', Buffer.from('%PDF-1.4 fake'))).resolves.toBe('application/pdf');
    await expect(checkAttachment('a.txt', Buffer.from([0xff, 0xfe, 0x00, 0x01]))).rejects.toMatchObject({ status: 415 });
    await expect(checkAttachment('a.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).resolves.toBe('image/svg+xml');
    await expect(checkAttachment('a.svg', Buffer.from('just text'))).rejects.toMatchObject({ status: 415 });
    await expect(checkAttachment('noext', png)).rejects.toMatchObject({ status: 415 });
  });
});

describe('small helpers', () => {
  it('previews flatten whitespace and cut at 200 characters', () => {
    expect(preview('a\n\n b   c')).toBe('a b c');
    expect(preview('x'.repeat(300))).toHaveLength(200);
    expect(preview(null)).toBeNull();
  });

  it('names a contact by name, else phone, else e-mail', () => {
    expect(displayName({ first_name: 'Ann', last_name: 'Lee' })).toBe('Ann Lee');
    expect(displayName({ phone: '+12125550100', email: 'a@b.c' })).toBe('+12125550100');
    expect(displayName({ email: 'a@b.c' })).toBe('a@b.c');
  });

  it('config: defaults, empty variables as unset, clear errors', () => {
    const c = loadConfig({ PORT: '4000', DATABASE_URL: '' });
    expect(c.port).toBe(4000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.seedDemo).toBe(true);
    expect(c.publicUrl).toBe('http://localhost:4000');
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db' }).seedDemo).toBe(false);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
  });
});
