/** Twilio Voice webhooks, registered inside the Twilio webhook scope (form bodies, rate limit). */
import type { App, Deps } from '../../http/types';
import { handleVoiceStatus } from './call-status';
import { handleDialAction, handleInboundCall, handleVoiceConnect } from './inbound-call';
import { handleRecording } from './recording';

export function voiceWebhookRoutes(s: App, deps: Deps): void {
  const opts = { schema: { hide: true } };
  s.post('/webhooks/twilio/voice', opts, (req, reply) => handleInboundCall(req, reply, deps));
  s.post('/webhooks/twilio/voice-dial', opts, (req, reply) => handleDialAction(req, reply, deps));
  s.post('/webhooks/twilio/voice-connect', opts, (req, reply) => handleVoiceConnect(req, reply, deps));
  s.post('/webhooks/twilio/voice-status', opts, (req, reply) => handleVoiceStatus(req, reply, deps));
  s.post('/webhooks/twilio/recording', opts, (req, reply) => handleRecording(req, reply, deps));
}
