/**
 * Turns a results object (see run.mjs) into the markdown report and the SVG chart.
 *
 * Both show same-run comparisons only: "× jQuery 4" is jQuery 4's median divided by the
 * contender's (times faster, or times smaller), "÷ native" is the contender's median divided by
 * native Promise's (at most 1 means at least as fast, or as light, as native).
 */

import { CALLBACK_FLAGS, CALLBACK_VARIANTS } from "./workloads.mjs";

const KB = 1024;

export function formatNumber(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export const formatTimes = (value) => (value === null ? "–" : `${formatNumber(value)}×`);
export const formatRatio = (value) => (value === null ? "–" : formatNumber(value));

/**
 * The targets of the issue, evaluated on a timing results object and, when given, an instruction
 * results object (bench/results/instructions.json); rows for the report. A target whose figures
 * are missing from the run (a partial run, or no instruction counts) has no row.
 */
export function evaluateTargets(results, instructions) {
  const metric = (id) => results.metrics.find((m) => m.id === id)?.results["jq-deferred"];
  const counted = (id) => instructions?.workloads.find((w) => w.id === id)?.results["jq-deferred"];
  const rows = [];
  const add = (target, entry, measure, describe, pass) => {
    if (entry?.median === undefined && entry?.perUnit === undefined) return;
    const value = measure(entry);
    // A ratio without its reference (native or the short chain missing) is null or NaN: not met.
    const met = typeof value === "number" && Number.isFinite(value) && pass(value);
    rows.push({ target, measured: describe(value, entry), met });
  };
  const bytes = (v) => `${formatNumber(v)} B`;
  const toNative = (v) => `${formatRatio(v)} × native`;
  const ratioToNative = (e) => e.ratioToNative;

  add(
    "create + then + resolve ≤ 1.25 × native (time)",
    metric("then"),
    ratioToNative,
    toNative,
    (v) => v <= 1.25,
  );
  add(
    "create + then + resolve ≤ 1.25 × native (instructions)",
    counted("then"),
    ratioToNative,
    toNative,
    (v) => v <= 1.25,
  );
  add(
    "then-chain, per link ≤ 1.35 × native (time)",
    metric("chainLink"),
    ratioToNative,
    toNative,
    (v) => v <= 1.35,
  );
  add(
    "then-chain, build + resolve per link ≤ 1.35 × native (instructions)",
    counted("chain"),
    ratioToNative,
    toNative,
    (v) => v <= 1.35,
  );
  const shortChain = metric("chainLink");
  add(
    "then-chain of 20,000 links no slower per link than of 1,000 (time)",
    metric("chainLongLink"),
    (e) => e.median / shortChain?.median,
    (v, e) => `${formatNumber(e.median)} ns/link, ${formatRatio(v)} × the 1,000-link chain's`,
    (v) => v <= 1,
  );
  const shortChainCount = counted("chain");
  add(
    "then-chain of 20,000 links no more instructions per link than of 1,000",
    counted("chainLong"),
    (e) => e.perUnit / shortChainCount?.perUnit,
    (v, e) => `${formatNumber(e.perUnit)} per link, ${formatRatio(v)} × the 1,000-link chain's`,
    (v) => v <= 1,
  );
  add(
    "create + done + resolve ≤ 900 instructions",
    counted("done"),
    (e) => e.perUnit,
    (v) => `${formatNumber(v)} instructions`,
    (v) => v <= 900,
  );
  add(
    "create + done + resolve ≥ 60× jQuery 4 (time)",
    metric("done"),
    (e) => e.timesBetterThanJquery4,
    (v) => `${formatTimes(v)} jQuery 4`,
    (v) => v >= 60,
  );
  for (const [id, what] of [
    ["whenPending", "pending"],
    ["whenResolved", "resolved"],
  ]) {
    add(
      `when of 1,000 ${what} inputs < native Promise.all (time)`,
      metric(id),
      ratioToNative,
      toNative,
      (v) => v < 1,
    );
    add(
      `when of 1,000 ${what} inputs < native Promise.all (instructions)`,
      counted(id),
      ratioToNative,
      toNative,
      (v) => v < 1,
    );
  }
  const callbackLists = (entries, key) => (name) =>
    entries
      .filter((e) => /^callbacks(Unrelated)?:/.test(e.id))
      .map((e) => e.results[name]?.[key])
      .filter((r) => typeof r === "number");
  const range = (ratios) =>
    `${formatTimes(Math.min(...ratios))} to ${formatTimes(Math.max(...ratios))}`;
  for (const [what, ratiosOf] of [
    ["time", callbackLists(results.metrics, "timesBetterThanJquery4")],
    ["instructions", callbackLists(instructions?.workloads ?? [], "timesFewerThanJquery4")],
  ]) {
    const measured = ratiosOf("jq-deferred");
    if (measured.length === 0) continue;
    // The lower bound (a bare array and loop) shows how far any list can get from jQuery 4.
    const bound = ratiosOf("array-loop");
    rows.push({
      target: `Callbacks add + fire ≥ 2× jQuery 4, every flag set, related and unrelated functions (${what}, ${measured.length} lists)`,
      measured:
        range(measured) + (bound.length > 0 ? ` (a bare array + loop: ${range(bound)})` : ""),
      // Met only when every list of the issue was measured: all flag sets, both variants.
      met:
        measured.length === CALLBACK_FLAGS.length * CALLBACK_VARIANTS.length &&
        Math.min(...measured) >= 2,
    });
  }
  for (const [id, target, limit] of [
    ["memPending3Then", "memory: pending + 3 then ≤ 870 B", 870],
    ["memPending", "memory: bare pending ≤ 180 B", 180],
    ["memPending3", "memory: pending + 3 done ≤ 450 B", 450],
    ["memSettled", "memory: settled (after 3 done ran) ≤ 400 B", 400],
  ]) {
    add(
      target,
      metric(id),
      (e) => e.median,
      bytes,
      (v) => v <= limit,
    );
  }
  add(
    "create + then + resolve at N = 100,000 ≤ 3 × native (time)",
    metric("thenLarge"),
    ratioToNative,
    toNative,
    (v) => v <= 3,
  );
  const core = results.size?.["jq-deferred core"];
  if (core?.gzipped !== undefined) {
    rows.push({
      target: "core (Deferred + when + Callbacks) ≤ 4,096 B min+gzip",
      measured: `${core.gzipped.toLocaleString("en-US")} B`,
      met: core.gzipped <= 4 * KB,
    });
  }
  return rows;
}

export function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/**
 * The markdown report. `document: true` adds a title and the explanation of the columns, for
 * docs/bench.md; the console gets the same tables. `instructions`, when given, is an instruction
 * results object (see instructions.mjs), whose figures the targets table also checks.
 */
export function markdownReport(results, { document, instructions }) {
  const labels = Object.fromEntries(results.contenders.map((c) => [c.name, c.label]));
  const parts = [];
  if (document) {
    parts.push(
      "# Benchmark results",
      "",
      "Generated by `npm run bench` (bench/run.mjs); the chart is [bench.svg](bench.svg) and the raw " +
        "figures are in [bench/results/latest.json](../bench/results/latest.json).",
      "",
    );
  }
  parts.push(
    `Machine: ${results.machine}. Commit ${results.commit}, ${results.generatedAt}.` +
      ` ${results.rounds} fresh process(es) per contender and job; ${results.durationSeconds} s in all.` +
      (results.quick
        ? " **Quick run (BENCH_QUICK=1): small sizes, figures are indicative only.**"
        : ""),
    "",
    "Each process reports its best run after a warm-up; the table gives the median over the " +
      "processes, with their min–max spread. **× jQuery 4** = jQuery 4's median ÷ this " +
      "one (times faster or smaller; higher is better). **÷ native** = this median ÷ native " +
      "Promise's (lower is better; ≤ 1 means at least as fast or as light as native). Promise-only " +
      'libraries have no synchronous `done`: their "done" rows use `then`. "array + loop" is ' +
      "no library: the least work any callback list does on the Callbacks workloads (an array " +
      "push per add, a loop of calls per fire), a lower bound for those rows.",
    "",
  );

  const targets = evaluateTargets(results, instructions);
  if (targets.length > 0) {
    parts.push(
      "## Targets",
      "",
      ...(instructions
        ? [
            "Instruction figures: [bench-instructions.md](bench-instructions.md), commit " +
              `${instructions.commit}, ${instructions.generatedAt}.`,
            "",
          ]
        : []),
      table(
        ["Target", "jq-deferred", "Met"],
        targets.map((t) => [t.target, t.measured, t.met ? "yes" : "**no**"]),
      ),
      "",
    );
  }

  for (const [title, filter] of [
    ["Speed", (m) => !m.memory],
    ["Memory", (m) => m.memory],
  ]) {
    const rows = [];
    for (const metric of results.metrics.filter(filter)) {
      let first = true;
      for (const { name } of results.contenders) {
        const entry = metric.results[name];
        if (!entry) continue;
        if (entry.median === undefined) {
          rows.push([
            first ? `${metric.title} (${metric.unit})` : "",
            labels[name],
            entry.skipped ?? `fails: ${entry.failure}`,
            "",
            "",
            "",
          ]);
          first = false;
          continue;
        }
        rows.push([
          first ? `${metric.title} (${metric.unit})` : "",
          name === "jq-deferred" ? `**${labels[name]}**` : labels[name],
          formatNumber(entry.median),
          `${formatNumber(entry.min)}–${formatNumber(entry.max)}`,
          formatTimes(entry.timesBetterThanJquery4),
          formatRatio(entry.ratioToNative),
        ]);
        first = false;
      }
    }
    if (rows.length > 0) {
      parts.push(
        `## ${title}`,
        "",
        table(["Workload", "Contender", "Median", "Min–max", "× jQuery 4", "÷ native"], rows),
        "",
      );
    }
  }

  parts.push(
    "## Size",
    "",
    "esbuild (ESM, minify, tree-shaking) then gzip -9. The core is `Deferred`, `Callbacks` and `when`.",
    "",
    table(
      ["Bundle", "Minified (B)", "Min+gz (B)"],
      Object.entries(results.size).map(([name, size]) =>
        size.absent
          ? [name, "absent", size.absent]
          : [name, size.minified.toLocaleString("en-US"), size.gzipped.toLocaleString("en-US")],
      ),
    ),
    "",
  );
  return parts.join("\n");
}

// -----------------------------------------------------------------------------------------------
// SVG chart

const COLORS = {
  "jq-deferred": "#d6336c",
  jquery4: "#0769ad",
  "jquery-deferred": "#74a9cf",
  bluebird: "#2f9e44",
  native: "#495057",
  "p-defer": "#f59f00",
  "array-loop": "#adb5bd",
};

const escapeXml = (text) =>
  String(text).replace(
    /[<>&"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c],
  );

/** Speed metrics shown in the chart (the Callbacks rows are summarised by two flag sets). */
const CHART_SPEED = [
  "done",
  "then",
  "done10",
  "then10",
  "chainBuild",
  "chainLink",
  "whenResolved",
  "whenPending",
  "callbacks:",
  "callbacks:once memory",
  "callbacksUnrelated:",
];
const CHART_MEMORY = ["memPending", "memPending3", "memPending3Then", "memSettled"];

/**
 * The chart: speed as times faster than jQuery 4 and retained memory per deferred, both on log
 * scales, then bundle sizes. Plain SVG with inline styles, readable on light and dark pages.
 */
export function svgChart(results) {
  const width = 960;
  const labelWidth = 300;
  const plotLeft = labelWidth + 10;
  const plotWidth = width - plotLeft - 90;
  const barHeight = 9;
  const groupGap = 12;
  const contenders = results.contenders.map((c) => c.name);
  const out = [];
  let y = 0;

  const text = (x, ty, content, attrs = "") =>
    out.push(
      `<text x="${x.toFixed(1)}" y="${ty.toFixed(1)}" ${attrs}>${escapeXml(content)}</text>`,
    );

  y += 28;
  text(16, y, "jq-deferred benchmark", 'font-size="18" font-weight="bold"');
  y += 18;
  text(
    16,
    y,
    `${results.machine} · ${results.rounds} processes per figure · commit ${results.commit}`,
    'font-size="11" fill="#868e96"',
  );
  y += 22;
  let legendX = 16;
  for (const c of results.contenders) {
    out.push(`<rect x="${legendX}" y="${y - 9}" width="10" height="10" fill="${COLORS[c.name]}"/>`);
    text(legendX + 14, y, c.label, 'font-size="12"');
    legendX += 28 + c.label.length * 6.6;
  }
  y += 14;

  /** One panel of grouped bars; `scale` maps a value to [0, 1]; `format` labels the bar. */
  const panel = (title, subtitle, groups, scale, ticks, format) => {
    y += 26;
    text(16, y, title, 'font-size="14" font-weight="bold"');
    y += 15;
    text(16, y, subtitle, 'font-size="11" fill="#868e96"');
    y += 10;
    const top = y;
    for (const group of groups) {
      const bars = contenders.filter((name) => group.values[name] !== undefined);
      const groupHeight = bars.length * (barHeight + 2);
      text(labelWidth, y + groupHeight / 2 + 4, group.title, 'font-size="12" text-anchor="end"');
      for (const name of bars) {
        const value = group.values[name];
        const length = Math.max(1, scale(value) * plotWidth);
        out.push(
          `<rect x="${plotLeft}" y="${y.toFixed(1)}" width="${length.toFixed(1)}" height="${barHeight}" fill="${COLORS[name]}"><title>${escapeXml(`${name}: ${format(value)}`)}</title></rect>`,
        );
        text(
          plotLeft + length + 4,
          y + barHeight - 1,
          format(value),
          'font-size="9" fill="#868e96"',
        );
        y += barHeight + 2;
      }
      y += groupGap;
    }
    for (const tick of ticks) {
      const x = plotLeft + scale(tick.value) * plotWidth;
      out.push(
        `<line x1="${x.toFixed(1)}" y1="${top - 4}" x2="${x.toFixed(1)}" y2="${y - groupGap + 4}" stroke="#adb5bd" stroke-width="${tick.strong ? 1.2 : 0.5}" stroke-dasharray="${tick.strong ? "" : "2,3"}"/>`,
      );
      text(x, y + 6, tick.label, 'font-size="10" text-anchor="middle" fill="#868e96"');
    }
    y += 10;
  };

  const byId = (id) => results.metrics.find((m) => m.id === id);
  const logScale = (min, max) => (v) =>
    Math.min(
      1,
      Math.max(
        0,
        (Math.log10(Math.max(v, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)),
      ),
    );
  const decadeTicks = (min, max, label, strongAt) => {
    const ticks = [];
    for (let v = min; v <= max * 1.0001; v *= 10)
      ticks.push({ value: v, label: label(v), strong: v === strongAt });
    return ticks;
  };
  const compact = (v) => (v >= 1000 ? `${formatNumber(v / 1000)}k` : formatNumber(v));

  const speedGroups = CHART_SPEED.map(byId)
    .filter(Boolean)
    .map((metric) => ({
      title: metric.title,
      values: Object.fromEntries(
        Object.entries(metric.results)
          .filter(([, e]) => e.median !== undefined)
          .map(([name, e]) => [name, e.timesBetterThanJquery4]),
      ),
    }));
  const speedMax =
    10 **
    Math.ceil(Math.log10(Math.max(10, ...speedGroups.flatMap((g) => Object.values(g.values)))));
  panel(
    "Speed: times faster than jQuery 4 (log scale, higher is better)",
    "Median of the processes; each figure divided into jQuery 4's from the same run.",
    speedGroups,
    logScale(0.1, speedMax),
    decadeTicks(0.1, speedMax, (v) => `${compact(v)}×`, 1),
    (v) => `${compact(v)}×`,
  );

  const memoryGroups = CHART_MEMORY.map(byId)
    .filter(Boolean)
    .map((metric) => ({
      title: metric.title.replace("memory: ", ""),
      values: Object.fromEntries(
        Object.entries(metric.results)
          .filter(([, e]) => e.median !== undefined)
          .map(([name, e]) => [name, e.median]),
      ),
    }));
  const memoryMax =
    10 **
    Math.ceil(Math.log10(Math.max(1000, ...memoryGroups.flatMap((g) => Object.values(g.values)))));
  panel(
    "Memory: retained heap bytes per deferred (log scale, lower is better)",
    "Heap delta over many deferreds after full GC (--expose-gc).",
    memoryGroups,
    logScale(10, memoryMax),
    decadeTicks(10, memoryMax, (v) => `${compact(v)} B`, 0),
    (v) => `${formatNumber(v)} B`,
  );

  const sizeEntries = Object.entries(results.size).filter(([, s]) => !s.absent);
  const sizeMax = Math.max(...sizeEntries.map(([, s]) => s.gzipped));
  const sizeColor = (name) =>
    name.startsWith("jq-deferred")
      ? COLORS["jq-deferred"]
      : name.startsWith("jQuery 4")
        ? COLORS.jquery4
        : name.startsWith("jquery-deferred")
          ? COLORS["jquery-deferred"]
          : name.startsWith("bluebird")
            ? COLORS.bluebird
            : COLORS["p-defer"];
  y += 26;
  text(
    16,
    y,
    "Size: minified + gzipped bytes (lower is better)",
    'font-size="14" font-weight="bold"',
  );
  y += 10;
  for (const [name, size] of sizeEntries) {
    y += 4;
    const length = Math.max(1, (size.gzipped / sizeMax) * plotWidth);
    text(labelWidth, y + barHeight, name, 'font-size="12" text-anchor="end"');
    out.push(
      `<rect x="${plotLeft}" y="${y}" width="${length.toFixed(1)}" height="${barHeight + 2}" fill="${sizeColor(name)}"/>`,
    );
    text(
      plotLeft + length + 4,
      y + barHeight,
      `${(size.gzipped / KB).toFixed(2)} KB`,
      'font-size="10" fill="#868e96"',
    );
    y += barHeight + 6;
  }
  for (const [name, size] of Object.entries(results.size).filter(([, s]) => s.absent)) {
    y += 4;
    text(labelWidth, y + barHeight, name, 'font-size="12" text-anchor="end"');
    text(plotLeft, y + barHeight, `absent: ${size.absent}`, 'font-size="10" fill="#868e96"');
    y += barHeight + 6;
  }
  y += 16;

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.ceil(y)}" viewBox="0 0 ${width} ${Math.ceil(y)}" font-family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" fill="#495057">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...out,
    "</svg>",
    "",
  ].join("\n");
}
