/**
 * The set-up most API test files share: a real server on its own database, the standard fixture
 * (two locations; an admin and a staff member of the first, an admin of the second) and a client
 * signed in as each of the three.
 */
import { ApiClient } from './client';
import { standardFixture, type Fixture } from './fixtures';
import { startTestServer, type TestServer } from './server';

export interface StandardServer {
  server: TestServer;
  fx: Fixture;
  admin: ApiClient;
  staff: ApiClient;
  /** The admin of the other location. */
  stranger: ApiClient;
}

export async function standardServer(env: Record<string, string> = {}): Promise<StandardServer> {
  const server = await startTestServer(env);
  const fx = await standardFixture(server.pool);
  const [admin, staff, stranger] = await Promise.all([
    ApiClient.signedIn(server.url, fx.admin),
    ApiClient.signedIn(server.url, fx.staff),
    ApiClient.signedIn(server.url, fx.stranger),
  ]);
  return { server, fx, admin, staff, stranger };
}
