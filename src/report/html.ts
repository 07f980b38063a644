import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { trendSvg } from "./chart.js";
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
  // The chart is markup we build (with its text escaped), so it is the one value passed unescaped.
  const trendChart = new hb.SafeString(trendSvg(model.trend, { width: 960, height: 240 }));
  return template({ ...reportView(model), trendChart });
}

