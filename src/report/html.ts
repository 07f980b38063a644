import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { sparklineSvg, trendSvg } from "./chart.js";
import type { ReportModel } from "./types.js";
import { reportView } from "./view.js";

export function renderHtml(model: ReportModel, templatesDir: string): string {
  const hb = Handlebars.create();
  const compile = (source: string): Handlebars.TemplateDelegate =>
    hb.compile(source, { strict: true, preventIndent: true });
  const partialsDir = join(templatesDir, "partials");
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith(".hbs")).sort()) {
    hb.registerPartial(file.slice(0, -".hbs".length), compile(readFileSync(join(partialsDir, file), "utf8")));
  }
  const template = compile(readFileSync(join(templatesDir, "report.html.hbs"), "utf8"));
  // The findings filter is our own static script, inlined whole; the Content-Security-Policy allows
  // exactly these bytes by their hash (CSP level 2 hash source), and no other script.
  const script = readFileSync(join(templatesDir, "scripts", "filter.js"), "utf8");
  if (/<\/script/i.test(script)) throw new Error("templates/scripts/filter.js must not contain </script");
  const scriptHash = `sha256-${createHash("sha256").update(script, "utf8").digest("base64")}`;
  const view = reportView(model);
  // The charts are markup we build (with their text escaped), and the script is a file we ship: the
  // only values passed unescaped.
  return template({
    ...view,
    controls: view.controls.map((c) => ({ ...c, sparkline: new hb.SafeString(sparklineSvg(c.resources.trend)) })),
    trendChart: new hb.SafeString(trendSvg(model.trend, { width: 960, height: 240 })),
    filterScript: new hb.SafeString(script),
    // Base64 of a digest: nothing to escape, and kept verbatim so the policy reads as written.
    scriptHash: new hb.SafeString(scriptHash),
  });
}
