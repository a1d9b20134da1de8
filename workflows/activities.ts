// The activities a procedure workflow calls, with one retry policy, counted while they run: the
// case page keeps refreshing while the system's own follow-up (recording, serving a document,
// listing) is under way, and knows from this count when it has settled.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';

type Activities = ReturnType<typeof createActivities>;

export interface TrackedActivities {
  activities: Activities;
  /** How many activities are running now. */
  running(): number;
}

export function trackedActivities(): TrackedActivities {
  const proxied = proxyActivities<Activities>({
    startToCloseTimeout: '60 seconds',
    // Bounded: a step whose recording keeps failing is refused (and released) after about 15
    // minutes; a data error fails at once (activities/failures.ts).
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20 },
  });
  let running = 0;
  const activities = new Proxy({} as Activities, {
    get(_target, name: string) {
      const fn = proxied[name as keyof Activities] as (...args: unknown[]) => Promise<unknown>;
      return async (...args: unknown[]) => {
        running++;
        try {
          return await fn(...args);
        } finally {
          running--;
        }
      };
    },
  });
  return { activities, running: () => running };
}
