import type { ReportModel } from "./types.js";

/** report.json is the report model itself; stable key order comes from the model builder. */
export function renderJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
