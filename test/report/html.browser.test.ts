import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { sampleReportModel } from "../fixtures/report-model.js";
import { hasBinary, requireInCi } from "../helpers/requires.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TEMPLATES = join(import.meta.dirname, "../../templates");

describe.skipIf(requireInCi(hasBinary(CHROMIUM), `chromium at ${CHROMIUM} (set CHROMIUM_PATH)`))("HTML report in headless Chromium", () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), "sageaudit-html-"));
  const file = join(dir, "report.html");
  const url = pathToFileURL(file).href;
  const model = sampleReportModel();

  beforeAll(async () => {
    writeFileSync(file, renderHtml(model, TEMPLATES));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("loads with no errors, no network, no script execution, and working anchors", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    const requests: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => pageErrors.push(err.message));
    page.on("request", (req) => requests.push(req.url()));

    await page.goto(url, { waitUntil: "load" });

    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await page.evaluate<string>("typeof window.__xss")).toBe("undefined");
    expect(await page.locator("img, script").count()).toBe(0);

    const controlIds = await page.locator("section.control .cid").allTextContents();
    expect(controlIds).toEqual(model.controls.map((c) => c.id));

    const targets = await Promise.all((await page.locator("nav.toc a").all()).map((a) => a.getAttribute("href")));
    expect(targets.filter((t) => t?.startsWith("#control-"))).toHaveLength(model.controls.length);
    const unresolved: (string | null)[] = [];
    for (const href of targets) {
      if (!href?.startsWith("#") || (await page.locator(`[id="${href.slice(1)}"]`).count()) !== 1) unresolved.push(href);
    }
    expect(unresolved).toEqual([]);

    const shot = join(dir, "report.png");
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    console.info(`screenshot: ${shot}`);
    await page.close();
  });
});
