// The search page in a real browser: Debian's headless Chromium driven by playwright-core.
// Usage: node browser_test.mjs CGI_URL SCREENSHOT_DIR PROFILE_DIR
// Searches, clicks a facet, pages forward, follows the Atom link, downloads a citation, uses
// the date range, the order and "did you mean", and reads the page without its stylesheet,
// checking what the page shows at each step; saves a screenshot of each step. Prints
// "N passed, N failed".

import { chromium } from "playwright-core";
import path from "node:path";

const [base, shots, profile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
function check(what, ok, detail = "") {
    if (ok) {
        passed++;
        console.log(`ok: ${what}`);
    } else {
        failed++;
        console.log(`FAIL: ${what}${detail ? ` (${detail})` : ""}`);
    }
}

// The machine has no network beyond 127.0.0.1: without these flags Chromium waits on
// background services; as root it needs --no-sandbox.
const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    viewport: { width: 1100, height: 900 },
    acceptDownloads: true,
});
context.setDefaultTimeout(15000);
const page = context.pages()[0] ?? (await context.newPage());
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });

try {
    // 1. The empty page: a labelled search box inside <search>.
    await page.goto(base);
    check("the start page has a labelled search box",
        (await page.getByLabel("Search publications").count()) === 1);
    check("the search box is inside <search>", (await page.locator("search input#q").count()) === 1);

    // 2. Search by typing and pressing Enter, as a person does.
    await page.getByLabel("Search publications").fill("central asia");
    await Promise.all([page.waitForURL(/q=central/), page.keyboard.press("Enter")]);
    const status = await page.locator("[role=status]").first().innerText();
    check("the status region counts the results", /Results 1–\d+ of \d+ results? for “central asia”/.test(status), status);
    check("the query is in the title", (await page.title()).startsWith("central asia"), await page.title());
    const titles = await page.locator("ol.results h2").allInnerTexts();
    check("results are listed", titles.length > 0, String(titles.length));
    check("matches are marked", (await page.locator("ol.results mark").count()) > 0);
    // The stylesheet is loaded: the page is a centred column, not the browser's full width.
    const maxWidth = await page.evaluate(() => getComputedStyle(document.body).maxWidth);
    check("the stylesheet applies", maxWidth !== "none", maxWidth);
    await page.screenshot({ path: path.join(shots, "1-search.png"), fullPage: true });

    // 3. Click an author facet: every result is then by her, and as many as the count said.
    const facetItem = page.locator("aside li", { has: page.locator("a", { hasText: "Natasha Kuhrt" }) }).first();
    const facet = facetItem.locator("a");
    const count = Number((await facetItem.locator(".count").innerText()).replace(/\D/g, ""));
    await Promise.all([page.waitForURL(/author=Natasha/), facet.click()]);
    const narrowed = await page.locator("ol.results > li").count();
    check(`the facet narrows to its count (${count})`, narrowed === count, String(narrowed));
    const bylines = await page.locator("ol.results .authors").allInnerTexts();
    check("every result is by the chosen author",
        bylines.length === narrowed && bylines.every((b) => b.includes("Natasha Kuhrt")), bylines.join(" | "));
    check("the active filter shows and can be removed",
        (await page.locator("aside a.active", { hasText: "Natasha Kuhrt" }).count()) === 1);
    await page.screenshot({ path: path.join(shots, "2-facet.png"), fullPage: true });

    // 4. Page forward through every dated publication.
    await page.goto(`${base}?since=2000`);
    const firstPage = await page.locator("ol.results h2").allInnerTexts();
    const next = page.locator("nav.pages a[rel=next]");
    check("page 1 links page 2", (await next.count()) === 1);
    await Promise.all([page.waitForURL(/page=2/), next.click()]);
    const secondPage = await page.locator("ol.results h2").allInnerTexts();
    check("page 2 shows other publications",
        secondPage.length > 0 && secondPage.every((t) => !firstPage.includes(t)), secondPage.join(" | "));
    check("page 2 starts at result 11", (await page.locator("ol.results").getAttribute("start")) === "11");
    check("page 2 is in the title", (await page.title()).includes("page 2"), await page.title());
    check("the pagination is a <nav>", (await page.locator("nav[aria-label=Pages]").count()) === 1);
    await page.screenshot({ path: path.join(shots, "3-page-2.png"), fullPage: true });

    // 5. Follow the Atom link of a search: a feed of its newest matches.
    await page.goto(`${base}?q=central+asia`);
    const feedHref = await page.locator("a[type='application/atom+xml']").getAttribute("href");
    const headHref = await page.locator("link[rel=alternate][type='application/atom+xml']").getAttribute("href");
    check("the visible feed link and the head's autodiscovery link agree", feedHref === headHref, `${feedHref} ${headHref}`);
    const feed = await page.request.get(new URL(feedHref, page.url()).href);
    check("the feed answers 200 as Atom",
        feed.status() === 200 && feed.headers()["content-type"].startsWith("application/atom+xml"),
        `${feed.status()} ${feed.headers()["content-type"]}`);
    const xml = await feed.text();
    // Parse it as XML in the browser itself: a parser error means it is not well-formed.
    const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, "application/xml");
        const ns = "http://www.w3.org/2005/Atom";
        return {
            error: doc.getElementsByTagName("parsererror").length > 0,
            root: doc.documentElement.localName,
            entries: doc.getElementsByTagNameNS(ns, "entry").length,
            self: [...doc.getElementsByTagNameNS(ns, "link")].find((l) => l.getAttribute("rel") === "self")?.getAttribute("href"),
            first: doc.getElementsByTagNameNS(ns, "entry")[0]?.getElementsByTagNameNS(ns, "title")[0]?.textContent,
        };
    }, xml);
    check("the feed is well-formed Atom", !parsed.error && parsed.root === "feed", JSON.stringify(parsed));
    check("the feed has entries", parsed.entries > 0, String(parsed.entries));
    check("the feed's self link is the link followed", parsed.self === new URL(feedHref, page.url()).href, parsed.self);
    check("the newest match comes first", parsed.first === "Sino-Russian Relations in Central Asia", parsed.first);
    await page.goto(new URL(feedHref, page.url()).href);
    await page.screenshot({ path: path.join(shots, "4-feed.png") });

    // 6. Each result offers its citation; the BibTeX link downloads a .bib file of that result.
    await page.goto(`${base}?q=%22Shanghai+Cooperation+Organisation%22`);
    const results = await page.locator("ol.results > li").count();
    check("every result has a BibTeX and a RIS link",
        results > 0 && (await page.locator("ol.results .cite a", { hasText: "BibTeX" }).count()) === results &&
        (await page.locator("ol.results .cite a", { hasText: "RIS" }).count()) === results, String(results));
    const firstTitle = await page.locator("ol.results h2").first().innerText();
    const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("ol.results .cite a", { hasText: "BibTeX" }).first().click(),
    ]);
    const bibPath = path.join(shots, download.suggestedFilename());
    await download.saveAs(bibPath);
    const { readFile } = await import("node:fs/promises");
    const bib = await readFile(bibPath, "utf8");
    check("the download is a .bib file", /^[a-z0-9]+\.bib$/.test(download.suggestedFilename()), download.suggestedFilename());
    check("it cites the result", bib.startsWith("@misc{") && bib.includes(`{{${firstTitle}}}`), bib.slice(0, 200));
    const [risDownload] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("ol.results .cite a", { hasText: "RIS" }).first().click(),
    ]);
    check("the RIS link downloads a .ris file", risDownload.suggestedFilename().endsWith(".ris"), risDownload.suggestedFilename());

    // 7. The date range and the order, from the form.
    await page.goto(base);
    await page.getByLabel("From").fill("2025");
    await page.getByLabel("Order").selectOption("oldest");
    await Promise.all([page.waitForURL(/since=2025/), page.getByRole("button", { name: "Search" }).click()]);
    const dates = await page.locator("ol.results time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")));
    check("the date range keeps only publications from 2025 on",
        dates.length > 0 && dates.every((d) => d >= "2025"), dates.join(" "));
    check("in the chosen order, oldest first",
        dates.every((d, i) => i === 0 || dates[i - 1] <= d), dates.join(" "));
    check("the form shows the range and order chosen",
        (await page.getByLabel("From").inputValue()) === "2025" &&
        (await page.getByLabel("Order").inputValue()) === "oldest");

    // 8. "Did you mean": a misspelt query offers the correction, which searches for it.
    await page.goto(`${base}?q=cental+asia`);
    const suggestion = page.locator("p", { hasText: "Did you mean" }).locator("a");
    check("a misspelt query offers a correction", (await suggestion.count()) === 1);
    if ((await suggestion.count()) === 1) {
        await Promise.all([page.waitForURL(/q=central/), suggestion.click()]);
        check("following it searches for the corrected words",
            (await page.locator("ol.results > li").count()) > 0 && (await page.title()).startsWith("central asia"),
            await page.title());
    }

    // 9. Without its stylesheet (a server that does not serve it), the page still works.
    await page.route("**/*.css", (route) => route.abort());
    await page.goto(`${base}?q=central+asia`);
    check("without CSS: the labelled search box is there", (await page.getByLabel("Search publications").count()) === 1);
    check("without CSS: the results are listed", (await page.locator("ol.results > li").count()) > 0);
    check("without CSS: the status says how many",
        /Results 1–\d+ of/.test(await page.locator("[role=status]").first().innerText()));
    await page.screenshot({ path: path.join(shots, "6-no-css.png"), fullPage: true });
    await page.unroute("**/*.css");
    // The blocked stylesheet is logged as a failed load: expected here, not a page error.
    errors.splice(0, errors.length, ...errors.filter((e) => !e.includes("net::ERR_FAILED")));

    // 10. A phone-sized screen: the sidebar goes under the results, nothing overflows.
    await page.setViewportSize({ width: 380, height: 800 });
    await page.goto(`${base}?q=central+asia`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    check("no horizontal scrolling on a phone", !overflow);
    await page.screenshot({ path: path.join(shots, "5-phone.png"), fullPage: true });

    check("no script errors in the page", errors.length === 0, errors.join(" | "));
} catch (e) {
    check("the browser session ran to the end", false, e.message);
} finally {
    await context.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
