import { describe, expect, it } from "vitest";
import { PartialProgressError } from "../errors.ts";
import { createRequestBudget } from "./budget.ts";

describe("createRequestBudget", () => {
  it("counts requests and refuses the one past the limit with PartialProgressError", () => {
    const budget = createRequestBudget(2);
    budget.consume();
    budget.consume();
    expect(budget.used).toBe(2);
    expect(() => budget.consume()).toThrow(PartialProgressError);
    expect(budget.used).toBe(2);
    expect(budget.limit).toBe(2);
  });

  it("never refuses without a limit", () => {
    const budget = createRequestBudget(undefined);
    for (let i = 0; i < 1000; i += 1) budget.consume();
    expect(budget.used).toBe(1000);
    expect(budget.limit).toBeUndefined();
  });

  it("rejects a negative or fractional limit", () => {
    expect(() => createRequestBudget(-1)).toThrow(RangeError);
    expect(() => createRequestBudget(1.5)).toThrow(RangeError);
  });
});
