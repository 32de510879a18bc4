import WebSocket from 'ws';

/** An agent's real-time socket, signed in by cookie like the web app (same-origin handshake). */
export function openAgentSocket(baseUrl: string, cookie: string, onFrame: (frame: { type: string; data?: any }, at: bigint) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/api/v1/ws', { headers: { cookie, origin: baseUrl }, perMessageDeflate: false });
    ws.on('message', (raw) => {
      const at = process.hrtime.bigint();
      const frame = JSON.parse(String(raw));
      if (frame.type === 'ready') resolve(ws);
      onFrame(frame, at);
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
