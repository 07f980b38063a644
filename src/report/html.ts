import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { sparklineSvg, trendSvg } from "./chart.js";
import { MAX_LISTED_QUIET_ROWS, splitGroup } from "./html-tail.js";
import type { ReportModel } from "./types.js";
import { reportView } from "./view.js";

export interface HtmlOptions {
  /** Quiet rows (passing, not applicable) a check's group lists as markup before it collapses them. */
  maxListedQuietRows?: number;
}

export function renderHtml(model: ReportModel, templatesDir: string, options: HtmlOptions = {}): string {
  const hb = Handlebars.create();
  const compile = (source: string): Handlebars.TemplateDelegate =>
    hb.compile(source, { strict: true, preventIndent: true });
  const partialsDir = join(templatesDir, "partials");
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith(".hbs")).sort()) {
    hb.registerPartial(file.slice(0, -".hbs".length), compile(readFileSync(join(partialsDir, file), "utf8")));
  }
  const template = compile(readFileSync(join(templatesDir, "report.html.hbs"), "utf8"));
  // The findings script (filter, collapsed rows) is our own static file, inlined whole; the
  // Content-Security-Policy allows exactly these bytes by their hash (CSP level 2 hash source), and no
  // other script. The collapsed rows' JSON blocks are data, never executed.
  const script = readFileSync(join(templatesDir, "scripts", "findings.js"), "utf8");
  if (/<\/script/i.test(script)) throw new Error("templates/scripts/findings.js must not contain </script");
  const scriptHash = `sha256-${createHash("sha256").update(script, "utf8").digest("base64")}`;
  const view = reportView(model);
  const maxQuiet = options.maxListedQuietRows ?? MAX_LISTED_QUIET_ROWS;
  let tails = 0;
  const nextTail = (): string => `tail-${++tails}`;
  // The charts are markup we build (with their text escaped), the script is a file we ship, and the
  // collapsed rows are JSON escaped for a script element: the only values passed unescaped.
  return template({
    ...view,
    controls: view.controls.map((c) => ({
      ...c,
      sparkline: new hb.SafeString(sparklineSvg(c.resources.trend)),
      groups: c.groups.map((g) => {
        const group = splitGroup(g, maxQuiet, nextTail);
        return group.tail ? { ...group, tail: { ...group.tail, data: new hb.SafeString(group.tail.data) } } : group;
      }),
    })),
    trendChart: new hb.SafeString(trendSvg(model.trend, { width: 960, height: 240 })),
    findingsScript: new hb.SafeString(script),
    // Base64 of a digest: nothing to escape, and kept verbatim so the policy reads as written.
    scriptHash: new hb.SafeString(scriptHash),
  });
}
