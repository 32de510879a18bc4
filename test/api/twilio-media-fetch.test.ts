/**
 * Server-side request forgery through Twilio webhooks: anyone who can sign a webhook (a location
 * admin, or anyone with the public demo tokens) must not make the server fetch a URL of their
 * choosing. MediaUrl/RecordingUrl only name a SID; the bytes come from the configured API base.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index';
import { freePort } from '../../src/server/db/embedded';
import { ApiClient } from '../helpers/client';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { ACCOUNT_SID, AUTH_TOKEN, connectTwilio, inboundSms, messageSid, postTwilio } from '../helpers/twilio';
import { bytesOf, callParams, waitFor } from '../helpers/voice';

const PRACTICE = '+12125550100';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
let sim: Simulator;
let server: TestServer;
let fx: Fixture;
let admin: ApiClient;
let channelId: string;
/** An "internal service" (think 169.254.169.254 or an admin port): it records every request. */
let internal: { url: string; hits: string[]; server: http.Server };

beforeAll(async () => {
  const hits: string[] = [];
  const srv = http.createServer((req, res) => {
    hits.push(req.url!);
    res.writeHead(200, { 'content-type': 'image/png' }).end(PNG); // a believable answer, to be stored if fetched
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  internal = { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, hits, server: srv };

  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  sim = await startSimulator({ port: 0, appUrl, accounts: [{ sid: ACCOUNT_SID, token: AUTH_TOKEN, numbers: [PRACTICE] }], timing: { statusDelayMs: 5 } });
  server = await startTestServer({ PORT: String(port), PUBLIC_URL: appUrl, TWILIO_API_BASE_URL: sim.url });
  fx = await standardFixture(server.pool);
  admin = await ApiClient.signedIn(server.url, fx.admin);
  channelId = (await connectTwilio(admin, PRACTICE)).id;
});
afterAll(async () => {
  await server?.stop();
  await sim?.close();
  internal?.server.closeAllConnections();
  await new Promise((r) => internal?.server.close(r));
});

const sid = (prefix: string) => messageSid(prefix);
const messageRow = async (providerId: string) =>
  (await server.pool.query('SELECT id, channel FROM messages WHERE provider_message_id = $1', [providerId])).rows[0] as { id: string; channel: any } | undefined;
const attachmentsOf = async (messageId: string) =>
  (await server.pool.query('SELECT id, content_type, size FROM attachments WHERE message_id = $1', [messageId])).rows as { id: string; content_type: string; size: number }[];

/** A signed inbound MMS naming one picture at `mediaUrl`. */
const mms = (from: string, smsSid: string, mediaUrl: string) => ({
  ...inboundSms(from, PRACTICE, 'Is this normal?', smsSid),
  NumMedia: '1',
  MediaUrl0: mediaUrl,
  MediaContentType0: 'image/png',
});

/** A picture the simulator (the configured Twilio API) holds for a message. */
function simMedia(messageSidValue: string, bytes: Buffer): string {
  const me = sid('ME');
  sim.state.media.set(me, { sid: me, accountSid: ACCOUNT_SID, messageSid: messageSidValue, contentType: 'image/png', bytes, dateCreated: new Date() });
  return me;
}

describe('inbound MMS media', () => {
  it('a MediaUrl on another host is refused as malformed (400): nothing stored, nothing fetched from it', async () => {
    const mm = sid('MM');
    const me = simMedia(mm, PNG);
    const res = await postTwilio(server.url, '/webhooks/twilio/sms', mms('+19175550301', mm, `${internal.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${mm}/Media/${me}`));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error).toMatchObject({ code: 'malformed_webhook' });
    expect(await messageRow(mm)).toBeUndefined(); // no message, so no media job either
    const metadata = await postTwilio(server.url, '/webhooks/twilio/sms', mms('+19175550301', mm, `http://169.254.169.254/latest/meta-data/${me}`));
    expect(metadata.status).toBe(400);
    expect(internal.hits).toEqual([]);
  });

  it('takes only the media SID from MediaUrl and downloads it from the configured API base', async () => {
    const mm = sid('MM');
    const me = simMedia(mm, PNG);
    // Twilio's own host, which this machine cannot even reach: the picture still arrives, fetched
    // from the configured base (the simulator) by account, message and media SID.
    const res = await postTwilio(server.url, '/webhooks/twilio/sms', mms('+19175550302', mm, `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${mm}/Media/${me}`));
    expect(res.status).toBe(200);
    const msg = (await messageRow(mm))!;
    const [att] = await waitFor('the MMS picture', async () => {
      const rows = await attachmentsOf(msg.id);
      return rows.length === 1 && rows;
    });
    expect(att).toMatchObject({ content_type: 'image/png', size: PNG.length });
    const got = await bytesOf(admin, `/api/v1/attachments/${att.id}/content`);
    expect(got.bytes.equals(PNG)).toBe(true);
    expect(internal.hits).toEqual([]);
  });

  it('a picture above 5 MB is refused from its Content-Length, the message kept', async () => {
    const mm = sid('MM');
    const me = simMedia(mm, Buffer.alloc(6 * 1024 * 1024, 7));
    expect((await postTwilio(server.url, '/webhooks/twilio/sms', mms('+19175550303', mm, `${sim.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${mm}/Media/${me}`))).status).toBe(200);
    const msg = await waitFor('the refusal', async () => {
      const m = await messageRow(mm);
      return m?.channel.mediaPending === 0 && m;
    });
    expect(msg.channel.mediaRejected).toEqual(['mms-1.png is larger than 5 MB']);
    expect(await attachmentsOf(msg.id)).toEqual([]);
  });
});

describe('call recordings', () => {
  const recordingPath = `/webhooks/twilio/recording`;
  const startCall = async (from: string) => {
    const call = callParams(from, PRACTICE);
    expect((await postTwilio(server.url, '/webhooks/twilio/voice', call)).status).toBe(200);
    return call.CallSid;
  };
  const recordingOf = async (callSid: string) =>
    (await server.pool.query(`SELECT meta->'recording' AS r FROM messages WHERE provider_message_id = $1`, [callSid])).rows[0]?.r as any;

  it('a RecordingUrl on another host is refused as malformed (400): nothing noted, nothing fetched from it', async () => {
    const callSid = await startCall('+19175550311');
    const re = sid('RE');
    const q = `?location=${fx.locationId}&channel=${channelId}`;
    const params = { CallSid: callSid, AccountSid: ACCOUNT_SID, RecordingSid: re, RecordingUrl: `${internal.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${re}`, RecordingStatus: 'completed', RecordingDuration: '4' };
    const res = await postTwilio(server.url, recordingPath + q, params);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error).toMatchObject({ code: 'malformed_webhook' });
    expect(await recordingOf(callSid)).toBeNull();
    expect(internal.hits).toEqual([]);
  });

  it('downloads the recording by its SID from the configured API base, streamed into storage', async () => {
    const callSid = await startCall('+19175550312');
    const re = sid('RE');
    sim.state.recordings.set(re, { sid: re, accountSid: ACCOUNT_SID, callSid, duration: 3, channels: 1, source: 'DialVerb', dateCreated: new Date() });
    const q = `?location=${fx.locationId}&channel=${channelId}`;
    const params = { CallSid: callSid, AccountSid: ACCOUNT_SID, RecordingSid: re, RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${re}`, RecordingStatus: 'completed', RecordingDuration: '3' };
    expect((await postTwilio(server.url, recordingPath + q, params)).status).toBe(204);
    const rec = await waitFor('the stored recording', async () => {
      const r = await recordingOf(callSid);
      return r?.attachmentId && r;
    });
    const got = await bytesOf(admin, `/api/v1/attachments/${rec.attachmentId}/content`);
    const wav = await fetch(`${sim.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${re}.wav`, {
      headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}` },
    });
    expect(got.type).toContain('audio/wav');
    expect(got.bytes.equals(Buffer.from(await wav.arrayBuffer()))).toBe(true);
    const row = (await server.pool.query('SELECT size, sha256 FROM attachments WHERE id = $1', [rec.attachmentId])).rows[0];
    expect(row.size).toBe(got.bytes.length);
    expect(row.sha256).toBe(crypto.createHash('sha256').update(got.bytes).digest('hex'));
    expect(internal.hits).toEqual([]);
  });
});
