/** Browser tests run against the built web app: build it first when it is missing or stale. */
import { ensureWebBuild } from '../../scripts/ensure-web-build';

export default async function setup() {
  await ensureWebBuild(() => {});
}
