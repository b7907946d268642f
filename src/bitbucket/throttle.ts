/**
 * One shared pause per client. Bitbucket's rate limit is per credential, not per request
 * (api-notes.md §2), so when any request is throttled every other request must hold off too;
 * otherwise parallel workers keep the 429 storm going (jenkinsci/bitbucket-branch-source-plugin#280).
 */

/** What the throttle needs: a clock and a way to wait. */
export interface ThrottleDeps {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** A shared "resume at" time that every request awaits before it is sent. */
export interface Throttle {
  /** Resolves once no pause is in force (at once when there is none). */
  wait: () => Promise<void>;
  /** Holds every request for at least `ms` from now; a longer pause already in force is kept. */
  pauseFor: (ms: number) => void;
}

/** Creates the shared pause of one client. */
export function createThrottle(deps: ThrottleDeps): Throttle {
  let resumeAt = 0;
  return {
    async wait() {
      // Loop: the pause may be extended by another request while this one sleeps.
      for (;;) {
        const remaining = resumeAt - deps.now();
        if (remaining <= 0) return;
        await deps.sleep(remaining);
      }
    },
    pauseFor(ms) {
      resumeAt = Math.max(resumeAt, deps.now() + ms);
    },
  };
}
