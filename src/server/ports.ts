/**
 * A port that cannot be had (taken by another program, or privileged) is said in one plain line
 * naming the variable that moves it, instead of a stack trace: checked before anything starts
 * (the embedded database takes seconds), and again where the server really listens (a race).
 */
import net from 'node:net';

/** A start-up failure the operator fixes with configuration: printed as its message alone. */
export class StartupError extends Error {}

export function portError(err: unknown, port: number, variable: string): unknown {
  const code = (err as { code?: string })?.code;
  const example = `${variable}=${port + 100} npm start`;
  if (code === 'EADDRINUSE') return new StartupError(`Port ${port} is in use; set ${variable} to another port (e.g. ${example})`);
  if (code === 'EACCES') return new StartupError(`Port ${port} needs privileges this user does not have; set ${variable} to a port above 1023 (e.g. ${example})`);
  return err;
}

/** Throws a StartupError when `port` on `host` cannot be listened on right now (port 0: any, always fine). */
export async function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err) => reject(portError(err, port, variable)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
