import { createHash, randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { sparklineSvg, trendSvg } from "./chart.js";
import { MAX_LISTED_QUIET_ROWS, splitGroup } from "./html-tail.js";
import type { ReportModel } from "./types.js";
import { reportView } from "./view.js";
import type { ControlView } from "./view.js";

export interface HtmlOptions {
  /** Quiet rows (passing, not applicable) a check's group lists as markup before it collapses them. */
  maxListedQuietRows?: number;
}

interface Templates {
  hb: typeof Handlebars;
  page: Handlebars.TemplateDelegate;
  control: Handlebars.TemplateDelegate;
  script: string;
}

function compileTemplates(templatesDir: string): Templates {
  const hb = Handlebars.create();
  const compile = (source: string): Handlebars.TemplateDelegate =>
    hb.compile(source, { strict: true, preventIndent: true });
  const partialsDir = join(templatesDir, "partials");
  let control: Handlebars.TemplateDelegate | undefined;
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith(".hbs")).sort()) {
    const name = file.slice(0, -".hbs".length);
    const template = compile(readFileSync(join(partialsDir, file), "utf8"));
    hb.registerPartial(name, template);
    if (name === "control") control = template;
  }
  if (!control) throw new Error(`${partialsDir}: no control.hbs partial`);
  const page = compile(readFileSync(join(templatesDir, "report.html.hbs"), "utf8"));
  // The findings script (filter, collapsed rows) is our own static file, inlined whole; the
  // Content-Security-Policy allows exactly these bytes by their hash (CSP level 2 hash source), and no
  // other script. The collapsed rows' JSON blocks are data, never executed.
  const script = readFileSync(join(templatesDir, "scripts", "findings.js"), "utf8");
  if (/<\/script/i.test(script)) throw new Error("templates/scripts/findings.js must not contain </script");
  return { hb, page, control, script };
}

/**
 * The report as HTML pieces, written as they come: the page around the controls, then one control
 * at a time. A control's markup (and its collapsed rows' JSON) is built only when its turn comes, so
 * a report of tens of thousands of findings is never one string in memory, nor its Handlebars
 * buffer. The page is rendered with a random marker where the controls go and split there: no
 * escaped value can contain a marker drawn after the data was fixed.
 */
export function* htmlChunks(model: ReportModel, templatesDir: string, options: HtmlOptions = {}): Generator<string> {
  const { hb, page, control, script } = compileTemplates(templatesDir);
  const view = reportView(model);
  const maxQuiet = options.maxListedQuietRows ?? MAX_LISTED_QUIET_ROWS;
  let tails = 0;
  const nextTail = (): string => `tail-${++tails}`;
  const slot = `<!-- controls ${randomUUID()} -->`;
  // The charts are markup we build (with their text escaped), the script is a file we ship, and the
  // collapsed rows are JSON escaped for a script element: the only values passed unescaped.
  const around = page({
    ...view,
    controlsSlot: new hb.SafeString(slot),
    trendChart: new hb.SafeString(trendSvg(model.trend, { width: 960, height: 240 })),
    findingsScript: new hb.SafeString(script),
    // Base64 of a digest: nothing to escape, and kept verbatim so the policy reads as written.
    scriptHash: new hb.SafeString(`sha256-${createHash("sha256").update(script, "utf8").digest("base64")}`),
  });
  const parts = around.split(slot);
  if (parts.length !== 2) throw new Error(`report.html.hbs must place {{controlsSlot}} exactly once (found ${parts.length - 1})`);
  yield parts[0] as string;
  for (const c of view.controls) yield control(controlContext(c, hb, maxQuiet, nextTail));
  yield parts[1] as string;
}

function controlContext(c: ControlView, hb: typeof Handlebars, maxQuiet: number, nextTail: () => string): object {
  return {
    ...c,
    sparkline: new hb.SafeString(sparklineSvg(c.resources.trend)),
    groups: c.groups().map((g) => {
      const group = splitGroup(g, maxQuiet, nextTail);
      return group.tail ? { ...group, tail: { ...group.tail, data: new hb.SafeString(group.tail.data) } } : group;
    }),
  };
}

/** The whole report as one string, for the package writer and the tests. */
export function renderHtml(model: ReportModel, templatesDir: string, options: HtmlOptions = {}): string {
  return [...htmlChunks(model, templatesDir, options)].join("");
}
