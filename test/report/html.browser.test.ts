import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { XSS_NAME, XSS_TAIL_NAME, reportModelWithFindings, reportModelWithTail, sampleReportModel } from "../fixtures/report-model.js";
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

  describe("a group whose quiet rows are collapsed", () => {
    const tailModel = reportModelWithTail(300);
    const tailFile = join(dir, "tail.html");
    const wholeFile = join(dir, "whole.html");
    const total = tailModel.controls.flatMap((c) => c.findings).length;
    const BULK = 'div.group[data-check="sagemaker.notebook.direct-internet-disabled"]';
    // Each row as a tree of tag, sorted attributes and trimmed text, blank text left out: the template's
    // line breaks aside, a row the script draws must be the row the template would have written.
    const serialiseRows = `(() => {
      const walk = (n) => n.nodeType === 3 ? (n.textContent.trim() ? n.textContent.trim() : null)
        : [n.tagName, Array.from(n.attributes).map((a) => a.name + "=" + a.value).sort().join(" "), Array.from(n.childNodes).map(walk).filter((c) => c !== null)];
      return Array.from(document.querySelectorAll('${BULK} tr[data-status]')).map((tr) => JSON.stringify(walk(tr)));
    })()`;

    beforeAll(() => {
      writeFileSync(tailFile, renderHtml(tailModel, TEMPLATES));
      writeFileSync(wholeFile, renderHtml(tailModel, TEMPLATES, { maxListedQuietRows: Infinity }));
    });

    /** A page that records console errors, page errors, requests and CSP violations. */
    async function open(target: string, options: { javaScriptEnabled?: boolean } = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") problems.push(msg.text());
      });
      page.on("pageerror", (err) => problems.push(err.message));
      page.on("request", (req) => requests.push(req.url()));
      // Registered before any page script: a blocked script or a policy breach lands here.
      await page.addInitScript("window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI))");
      await page.goto(pathToFileURL(target).href, { waitUntil: "load" });
      return { page, problems, requests, close: () => context.close() };
    }

    it("draws the collapsed rows on request, as text, under the same policy", async () => {
      const { page, problems, requests, close } = await open(tailFile);
      // The data block is not a script to the browser: nothing was blocked, so nothing tried to run.
      expect(await page.evaluate<string[]>("window.__violations")).toEqual([]);
      const bulkRows = page.locator(`${BULK} tr[data-status]`);
      expect(await bulkRows.count()).toBe(3);
      const note = page.locator(`${BULK} .tail-note`);
      expect(await note.textContent()).toContain("296 passing, 1 not applicable — not listed here; every finding is in the CSV and JSON reports.");
      await expect.poll(() => page.locator("#filter-count").textContent()).toBe(`${total} findings`);

      await page.click(`${BULK} .tail-toggle`);
      expect(await bulkRows.count()).toBe(300);
      expect(await page.locator(`${BULK} .tail-toggle`).textContent()).toBe("Hide these rows");
      expect(await page.locator(`${BULK} tr:has-text("bulk-nb-0250")`).isVisible()).toBe(true);
      // The hostile name is a cell's text; it opened no element, ran nothing, and the JSON block stayed data.
      expect(await page.locator(`${BULK} .rname`).allTextContents()).toContain(XSS_TAIL_NAME);
      expect(await page.locator("img, b").count()).toBe(0);
      expect(await page.locator("script").count()).toBe(2);
      expect(await page.locator("script:not([type])").count()).toBe(1);
      expect(await page.evaluate<string>("typeof window.__xss")).toBe("undefined");
      expect(await page.evaluate<string[]>("window.__violations")).toEqual([]);
      // The evidence links of drawn rows resolve, as the template's do.
      const href = await page.locator(`${BULK} tr:has-text("bulk-nb-0009") a.ev`).first().getAttribute("href");
      expect(href).toBe("#evidence-ev-bulk-bulk-nb-0009");
      expect(await page.locator(`[id="${href!.slice(1)}"]`).count()).toBe(1);

      await page.click(`${BULK} .tail-toggle`);
      expect(await page.locator(`${BULK} tr:has-text("bulk-nb-0250")`).isVisible()).toBe(false);
      expect(problems).toEqual([]);
      expect(requests).toEqual([pathToFileURL(tailFile).href]);
      await close();
    });

    it("draws the same cells the template writes", async () => {
      const whole = await open(wholeFile);
      const expected = await whole.page.evaluate<string[]>(serialiseRows);
      await whole.close();
      const tail = await open(tailFile);
      await tail.page.click(`${BULK} .tail-toggle`);
      const drawn = await tail.page.evaluate<string[]>(serialiseRows);
      await tail.close();
      expect(drawn).toHaveLength(300);
      // Both list the rows that need action first; the drawn ones follow in the view's order.
      expect(drawn).toEqual(expected);
      expect(drawn.some((r) => r.includes("Last change:") && r.includes("AWS Config rule") && r.includes("ev_not_in_index"))).toBe(true);
    });

    it("filters collapsed rows before and after they are drawn, with truthful counts", async () => {
      const { page, problems, close } = await open(tailFile);
      const visibleBulk = (): Promise<{ status: string; region: string; text: string }[]> =>
        page.evaluate(`Array.from(document.querySelectorAll('${BULK} tr[data-status]')).filter((tr) => tr.offsetParent !== null)
          .map((tr) => ({ status: tr.dataset.status, region: tr.dataset.region, text: tr.textContent }))`);
      const bulk = tailModel.controls[0]!.findings;
      const quiet = bulk.filter((f) => f.status === "PASS" || f.status === "NOT_APPLICABLE");

      // Not drawn yet: the collapsed rows still count, and the note says how many match.
      await page.fill("[name=q]", "bulk-nb-0250");
      await expect.poll(() => page.locator("#filter-count").textContent()).toBe(`1 of ${total} findings match`);
      expect(await page.locator(`${BULK} .tail-match`).textContent()).toBe("1 of 297 match the filter.");
      expect(await page.locator(BULK).isVisible()).toBe(true);
      expect(await visibleBulk()).toEqual([]);
      await page.click(`${BULK} .tail-toggle`);
      expect((await visibleBulk()).map((r) => r.text.includes("bulk-nb-0250"))).toEqual([true]);

      // Drawn: the filter hides and shows them like any row.
      await page.fill("[name=q]", "");
      await page.selectOption("[name=region]", "eu-west-1");
      const eu = bulk.filter((f) => f.region === "eu-west-1");
      await expect.poll(async () => (await visibleBulk()).length).toBe(eu.length);
      expect(new Set((await visibleBulk()).map((r) => r.region))).toEqual(new Set(["eu-west-1"]));
      expect(await page.locator(`${BULK} .tail-match`).textContent()).toBe(`${quiet.filter((f) => f.region === "eu-west-1").length} of 297 match the filter.`);
      await page.selectOption("[name=region]", "");
      await page.selectOption("[name=status]", "NOT_APPLICABLE");
      expect((await visibleBulk()).map((r) => r.status)).toEqual(["NOT_APPLICABLE"]);
      // Free text reaches the drawn notes too (the principal of the last change).
      await page.selectOption("[name=status]", "");
      await page.fill("[name=q]", "198.51.100.7 pass");
      await expect.poll(async () => (await visibleBulk()).map((r) => r.text.includes("bulk-nb-0009"))).toEqual([true]);
      expect(problems).toEqual([]);
      await close();
    });

    it("prints the count line, not the button, and every group laid out", async () => {
      const { page, close } = await open(tailFile);
      await expect.poll(() => page.locator(`${BULK} .tail-toggle`).isVisible()).toBe(true);
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(`${BULK} .tail-toggle`).isVisible()).toBe(false);
      expect(await page.locator(`${BULK} .tail-note`).isVisible()).toBe(true);
      // Off-screen groups skip rendering on screen only: a printout must hold every one of them.
      const skipped = await page.evaluate<number>(`Array.from(document.querySelectorAll("div.group")).filter((g) => getComputedStyle(g).contentVisibility !== "visible").length`);
      expect(skipped).toBe(0);
      await close();
    });

    it("without scripts, says how many rows are collapsed and where they are", async () => {
      const { page, close } = await open(tailFile, { javaScriptEnabled: false });
      const note = page.locator(`${BULK} .tail-note`);
      // On screen, so the group is rendered (off screen, content-visibility skips it) and innerText is what a reader sees.
      await note.scrollIntoViewIfNeeded();
      // content-visibility lays the group out on a later frame: poll rather than read once.
      await expect.poll(() => note.isVisible()).toBe(true);
      await expect.poll(() => note.innerText()).toBe("296 passing, 1 not applicable — not listed here; every finding is in the CSV and JSON reports.");
      expect(await page.locator(`${BULK} .tail-toggle`).isVisible()).toBe(false);
      expect(await page.locator(`${BULK} tr[data-status]`).count()).toBe(3);
      await close();
    });
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
