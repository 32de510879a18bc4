import type { Task } from 'graphile-worker';
import type { Deps } from '../http/types';
import { ADAPTERS } from '../channels/registry';
import { SEND_SCHEDULED_TASK } from '../messages/schedule';
import { sendScheduledTask } from '../messages/send-scheduled';
import { housekeepingTasks } from './housekeeping';

/** Every background task, by name (the name is what enqueue() uses): each adapter's tasks, scheduled sends, housekeeping (cron). */
export function buildTasks(deps: Deps): Record<string, Task> {
  return Object.assign({}, ...ADAPTERS.map((a) => a.tasks(deps)), { [SEND_SCHEDULED_TASK]: sendScheduledTask(deps) }, housekeepingTasks(deps));
}
