/** Recording files: `.wav` (and no extension) as audio/wav, `.mp3`, and `.json` metadata. */
import type { FastifyInstance } from 'fastify';
import { silentMp3, toneWav } from '../audio';
import type { SimContext } from '../context';
import { errors } from '../twilio-errors';
import { recordingResource } from '../views';

export function recordingRoutes(api: FastifyInstance, ctx: SimContext): void {
  api.get<{ Params: { accountSid: string; file: string } }>('/Accounts/:accountSid/Recordings/:file', async (req, reply) => {
    const m = /^(RE[0-9a-f]{32})(?:\.(wav|mp3|json))?$/.exec(req.params.file);
    const recording = m ? ctx.state.recordings.get(m[1]) : undefined;
    if (!m || !recording || recording.accountSid !== req.params.accountSid) {
      return reply.code(404).send(errors.notFound(req.url.split('?')[0]));
    }
    switch (m[2]) {
      case 'json':
        return recordingResource(recording);
      case 'mp3':
        return reply.type('audio/mpeg').send(silentMp3(recording.duration));
      default:
        return reply.type('audio/x-wav').send(toneWav(recording.duration, recording.channels));
    }
  });
}
