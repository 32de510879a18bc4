import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let fx: Fixture;
let api: ApiClient;

// A 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
// The start of a Windows executable.
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)]);

function form(name: string, bytes: Buffer, type = 'application/octet-stream'): FormData {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return f;
}

beforeAll(async () => {
  server = await startTestServer({ MAX_UPLOAD_MB: '1' });
  fx = await standardFixture(server.pool);
  api = await ApiClient.signedIn(server.url, fx.admin);
});
afterAll(() => server.stop());

describe('attachments', () => {
  it('stores an image and serves the same bytes back to its location only', async () => {
    const res = await api.request('POST', '/api/v1/attachments', form('before photo.png', PNG));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ fileName: 'before photo.png', contentType: 'image/png', size: PNG.length });
    const got = await fetch(server.url + res.body.url, { headers: { cookie: api.cookie! } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);

    const other = await ApiClient.signedIn(server.url, fx.stranger);
    expect((await other.get(res.body.url)).status).toBe(404);
  });

  it('accepts plain text and CSV by content', async () => {
    const res = await api.request('POST', '/api/v1/attachments', form('prices.csv', Buffer.from('treatment,price\nBotox,350\n')));
    expect(res.status).toBe(201);
    expect(res.body.contentType).toBe('text/csv');
  });

  it('refuses an executable renamed .pdf or .txt, and unknown extensions, with 415', async () => {
    for (const name of ['invoice.pdf', 'notes.txt', 'song.gsm']) {
      const res = await api.request('POST', '/api/v1/attachments', form(name, EXE));
      expect(res.status, name).toBe(415);
      expect(res.body.error.code).toBe('attachment_type_not_allowed');
    }
    const exe = await api.request('POST', '/api/v1/attachments', form('setup.exe', EXE));
    expect(exe.status).toBe(415);
    expect(exe.body.error.message).toContain('.pdf');
    const n = await server.pool.query('SELECT count(*)::int AS n FROM attachments WHERE location_id = $1', [fx.locationId]);
    expect(n.rows[0].n).toBe(2); // the PNG and the CSV above
  });

  it('refuses a file above the size limit with 413', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024 + 10)]);
    const res = await api.request('POST', '/api/v1/attachments', form('huge.png', big));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('answers 415 when the body is not multipart', async () => {
    const res = await api.post('/api/v1/attachments', { file: 'x' });
    expect(res.status).toBe(415);
  });
});
