import type { Task } from 'graphile-worker';
import type { Deps } from '../http/types';
import { ADAPTERS } from '../channels/registry';

/** Every background task, by name (the name is what enqueue() uses): each adapter's tasks. */
export function buildTasks(deps: Deps): Record<string, Task> {
  return Object.assign({}, ...ADAPTERS.map((a) => a.tasks(deps)));
}
