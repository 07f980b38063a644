import { randomBytes } from "node:crypto";

/** Sortable, readable run ids: `20261127T100000Z-3fa9c1`. */
export function newRunId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}
