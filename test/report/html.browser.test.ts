import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { XSS_NAME, reportModelWithFindings, sampleReportModel } from "../fixtures/report-model.js";
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
    expect(await page.locator("img").count()).toBe(0);
    // The filter script is the only one, and it ran (it un-hides its form).
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.locator("#finding-filter").isVisible()).toBe(true);

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

  it("filters findings by status, check, severity, account, region and text", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(msg.text());
    });
    page.on("pageerror", (err) => problems.push(err.message));
    const requests: string[] = [];
    page.on("request", (req) => requests.push(req.url()));
    await page.goto(url, { waitUntil: "load" });

    const rows = page.locator("tr[data-status]");
    const total = model.controls.flatMap((c) => c.findings).length;
    const visible = async (): Promise<{ status: string; account: string; region: string; text: string }[]> =>
      // A string, so the test compiles without the DOM typings; it runs in the page.
      page.evaluate(`Array.from(document.querySelectorAll("tr[data-status]"))
        .filter((tr) => tr.offsetParent !== null)
        .map((tr) => ({ status: tr.dataset.status, account: tr.dataset.account, region: tr.dataset.region, text: tr.textContent }))`);
    expect(await rows.count()).toBe(total);
    expect(await visible()).toHaveLength(total);
    await expect.poll(() => page.locator("#filter-count").textContent()).toBe(`${total} findings`);

    await page.selectOption("[name=status]", "FAIL");
    const failing = model.controls.flatMap((c) => c.findings).filter((f) => f.status === "FAIL");
    expect((await visible()).map((r) => r.status)).toEqual(failing.map(() => "FAIL"));
    expect(await page.locator("#filter-count").textContent()).toBe(`${failing.length} of ${total} findings match`);
    // Controls without a matching finding step aside while a filter is on.
    expect(await page.locator("section.control:visible").count()).toBe(new Set(model.controls.filter((c) => c.findings.some((f) => f.status === "FAIL")).map((c) => c.id)).size);

    await page.selectOption("[name=status]", "");
    await page.selectOption("[name=account]", "444455556666");
    expect(new Set((await visible()).map((r) => r.account))).toEqual(new Set(["444455556666"]));
    await page.selectOption("[name=region]", "eu-west-1");
    await page.selectOption("[name=severity]", "critical");
    expect((await visible()).map((r) => r.status)).toEqual(["ERROR"]);
    await page.click("[name=clear]");
    expect(await visible()).toHaveLength(total);

    await page.selectOption("[name=check]", "sagemaker.notebook.kms-encrypted");
    expect(await visible()).toHaveLength(model.controls.flatMap((c) => c.findings).filter((f) => f.checkId === "sagemaker.notebook.kms-encrypted").length);
    await page.click("[name=clear]");

    // Free text: every word must match, in any field of the row (name, ARN, reason, principal).
    await page.fill("[name=q]", "radiology  DISABLED");
    await expect.poll(async () => (await visible()).map((r) => r.text.includes("radiology-research-nb"))).toEqual([true]);

    // The XSS probe matches as text and stays text: nothing it holds becomes markup or runs.
    await page.fill("[name=q]", "<img src=x");
    await expect.poll(async () => (await visible()).map((r) => r.text.includes(XSS_NAME))).toEqual([true]);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.evaluate<string>("typeof window.__xss")).toBe("undefined");

    await page.fill("[name=q]", "no-such-resource-anywhere");
    await expect.poll(() => page.locator("#filter-count").textContent()).toBe(`0 of ${total} findings match`);
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it("stays fast at 10,000 findings: one keystroke filters over the index", async () => {
    const bigFile = join(dir, "big.html");
    writeFileSync(bigFile, renderHtml(reportModelWithFindings(10_000), TEMPLATES));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on("pageerror", (err) => problems.push(err.message));
    await page.goto(pathToFileURL(bigFile).href, { waitUntil: "load" });
    await expect.poll(() => page.locator("#finding-filter").isVisible()).toBe(true);
    // Measured in the page: from the keystroke's input event to the count changing, then the layout
    // that hides the rows (150 ms of it is the debounce).
    const elapsed = await page.evaluate<number>(`new Promise((resolve) => {
      const q = document.querySelector("[name=q]");
      const count = document.getElementById("filter-count");
      const t0 = performance.now();
      const seen = new MutationObserver(() => {
        seen.disconnect();
        void document.body.offsetHeight;
        resolve(performance.now() - t0);
      });
      seen.observe(count, { childList: true, characterData: true, subtree: true });
      q.value = "bulk-nb-4217";
      q.dispatchEvent(new Event("input"));
    })`);
    expect(await page.locator("#filter-count").textContent()).toMatch(/^1 of \d+ findings match$/);
    expect(elapsed).toBeLessThan(1_500);
    console.info(`10,000 findings: filtered in ${Math.round(elapsed)} ms`);
    await page.selectOption("[name=status]", "PASS");
    await expect.poll(() => page.locator("#filter-count").textContent()).toMatch(/^0 of \d+ findings match$/);
    expect(problems).toEqual([]);
    await page.close();
  });
});
