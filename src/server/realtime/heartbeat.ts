import type { WebSocket } from 'ws';

/**
 * Pings a socket now and then and terminates it when the previous ping went unanswered (a peer
 * that vanished without closing). Answers the function that stops it.
 */
export function keepAlive(socket: WebSocket, everyMs = 25_000): () => void {
  let alive = true;
  socket.on('pong', () => (alive = true));
  const timer = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, everyMs);
  return () => clearInterval(timer);
}
