/** Recording bodies: a valid WAV of a soft tone (8 kHz, 16-bit PCM, like Twilio's) and a silent MP3. */

const RATE = 8000;
/** Recordings are generated on request; longer ones are cut to keep memory small. */
const MAX_SECONDS = 600;

export function toneWav(seconds: number, channels = 1, hz = 440): Buffer {
  const frames = Math.max(1, Math.round(Math.min(seconds, MAX_SECONDS) * RATE));
  const dataBytes = frames * channels * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(channels, 22);
  buf.writeUInt32LE(RATE, 24);
  buf.writeUInt32LE(RATE * channels * 2, 28); // byte rate
  buf.writeUInt16LE(channels * 2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
  for (let f = 0; f < frames; f++) {
    // Half a second of tone, half a second of quiet, so it sounds like "something" was said.
    const on = Math.floor(f / (RATE / 2)) % 2 === 0;
    const sample = on ? Math.round(Math.sin((2 * Math.PI * hz * f) / RATE) * 6000) : 0;
    for (let c = 0; c < channels; c++) buf.writeInt16LE(sample, 44 + (f * channels + c) * 2);
  }
  return buf;
}

/**
 * MPEG-1 Layer III, 32 kbit/s, 44.1 kHz, mono: each 104-byte frame (26 ms) is a header and
 * all-zero side information and main data, which every decoder plays as silence.
 */
export function silentMp3(seconds: number): Buffer {
  const frameBytes = 104;
  const frames = Math.max(1, Math.ceil((Math.min(seconds, MAX_SECONDS) * 44100) / 1152));
  const buf = Buffer.alloc(frames * frameBytes);
  for (let f = 0; f < frames; f++) buf.set([0xff, 0xfb, 0x10, 0xc0], f * frameBytes);
  return buf;
}
