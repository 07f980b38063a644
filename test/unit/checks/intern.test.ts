import { describe, expect, it } from "vitest";
import { BoundedInterner } from "../../../src/checks/intern.js";

describe("BoundedInterner", () => {
  it("hands back the first value made for a key and makes no other while it is held", () => {
    const table = new BoundedInterner<{ n: number }>(10);
    let made = 0;
    const first = table.intern("a", () => ({ n: ++made }));
    expect(table.intern("a", () => ({ n: ++made }))).toBe(first);
    expect(made).toBe(1);
    expect(table.intern("b", () => ({ n: ++made }))).not.toBe(first);
  });

  it("holds no more than its limit: past it each value is made and returned, not held", () => {
    const table = new BoundedInterner<{ key: string }>(2);
    const a = table.intern("a", () => ({ key: "a" }));
    table.intern("b", () => ({ key: "b" }));
    const c1 = table.intern("c", () => ({ key: "c" }));
    const c2 = table.intern("c", () => ({ key: "c" }));
    expect(c1).toEqual(c2);
    expect(c1).not.toBe(c2);
    expect(table.intern("a", () => ({ key: "a" }))).toBe(a);
  });

  it("forgets everything it held when cleared", () => {
    const table = new BoundedInterner<{ key: string }>(2);
    const a = table.intern("a", () => ({ key: "a" }));
    table.clear();
    expect(table.intern("a", () => ({ key: "a" }))).not.toBe(a);
  });
});
