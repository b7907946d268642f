import { describe, expect, it } from "vitest";
import { createThrottle } from "./throttle.ts";

function clock() {
  let time = 1_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe("createThrottle", () => {
  it("lets requests through at once when no pause is in force", async () => {
    const c = clock();
    await createThrottle(c).wait();
    expect(c.sleeps).toEqual([]);
  });

  it("holds every waiter until the shared pause ends", async () => {
    const c = clock();
    const throttle = createThrottle(c);
    throttle.pauseFor(500);
    c.advance(200);
    await throttle.wait();
    expect(c.sleeps).toEqual([300]);
    await throttle.wait();
    expect(c.sleeps).toEqual([300]);
  });

  it("keeps the longer of two pauses", () => {
    const c = clock();
    const throttle = createThrottle(c);
    throttle.pauseFor(5_000);
    throttle.pauseFor(1_000);
    return throttle.wait().then(() => expect(c.sleeps).toEqual([5_000]));
  });
});
