// The demo page's behaviour: seven scenarios run live on the browser bundle. Each scenario is one
// function whose source is shown in its card (Function.prototype.toString), so the code a reader
// sees is exactly the code that ran; the page helpers it calls (print, mark, bars) are above it.
// Each card's data-state goes idle → running → done, which the browser tests wait for.
import {
  ajax,
  Callbacks,
  Deferred,
  getScheduler,
  installAjax,
  setScheduler,
  trackUnhandledRejections,
  when,
} from "/dist/browser/jq-deferred.min.js";

const byId = (id) => document.getElementById(id);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when a jq-deferred promise settles, whichever way. */
const settled = (promise) => new Promise((resolve) => promise.always(() => resolve()));

/** A function that appends lines to the log `id`, which it empties first. */
function logTo(id) {
  const log = byId(id);
  log.textContent = "";
  return (line) => {
    log.textContent += `${line}\n`;
    log.scrollTop = log.scrollHeight;
  };
}

// 1. Two requests joined by when, on a timeline

const ROWS = { A: 0, when: 1, then: 2, B: 3 };

/** Empties the timeline; returns mark(row, label, kind), which places an event at "now". */
function createTimeline() {
  const timeline = byId("timeline");
  const print = logTo("when-log");
  timeline.querySelectorAll(".event").forEach((event) => event.remove());
  const start = performance.now();
  const marks = [];

  function layout() {
    const span = Math.max(1000, ...marks.map((mark) => mark.at * 1.1));
    for (const mark of marks) {
      mark.element.style.left = `${16 + (mark.at / span) * 76}%`;
    }
  }

  return function mark(row, label, kind = "") {
    const at = performance.now() - start;
    const element = document.createElement("div");
    element.className = `event ${kind}`;
    element.style.top = `${6 + ROWS[row] * 36}px`;
    element.innerHTML = `<div class="dot"></div><span class="label">${label}<br></span>${Math.round(at)} ms`;
    timeline.append(element);
    marks.push({ at, element });
    layout();
    print(`+${String(Math.round(at)).padStart(4)} ms  ${label}`);
  };
}

function whenDemo() {
  const mark = createTimeline();
  const delay = () => Math.round(150 + Math.random() * 600);
  const a = ajax(`/api/json?name=A&delay=${delay()}`, { dataType: "json" });
  mark("A", "A sent", "sent");
  const b = byId("fail-b").checked
    ? ajax(`/api/fail?status=503&delay=${delay()}`, { dataType: "json" })
    : ajax(`/api/json?name=B&delay=${delay()}`, { dataType: "json" });
  mark("B", "B sent", "sent");

  a.done((data, textStatus) => mark("A", `A.done(${textStatus})`));
  a.fail((jqXHR, textStatus) => mark("A", `A.fail(${jqXHR.status} ${textStatus})`, "fail"));
  b.done((data, textStatus) => mark("B", `B.done(${textStatus})`));
  b.fail((jqXHR, textStatus) => mark("B", `B.fail(${jqXHR.status} ${textStatus})`, "fail"));

  const joined = when(a, b)
    .done(([dataA], [dataB]) => mark("when", `when.done(${dataA.name}, ${dataB.name})`, "joined"))
    .fail((jqXHR) => mark("when", `when.fail(${jqXHR.status})`, "fail joined"));
  const afterThen = joined.then(
    () => mark("then", "then(onFulfilled)", "joined"),
    () => mark("then", "then(…, onRejected)", "fail joined"),
  );
  return Promise.all([settled(a), settled(b), settled(afterThen)]);
}

// 2. A long task reporting through notify/progress, and a streamed download

let cancelJob;

/** A progress bar and its label: set(done, of) or finish(text, rejected). */
function bar(name) {
  const fill = byId(`${name}-bar`);
  const text = byId(`${name}-text`);
  fill.classList.remove("rejected");
  fill.style.width = "0";
  return {
    set(done, of, label = `${done} / ${of}`) {
      fill.style.width = `${(100 * done) / (of || done || 1)}%`;
      text.textContent = label;
    },
    finish(label, rejected = false) {
      fill.classList.toggle("rejected", rejected);
      text.textContent = label;
    },
  };
}

function progressDemo() {
  const print = logTo("progress-log");
  const [jobBar, downloadBar] = [bar("job"), bar("download")];
  const counts = { job: 0, download: 0 };

  const total = 40;
  const job = Deferred((dfd) => {
    let step = 0;
    const timer = setInterval(() => {
      dfd.notify(++step, total);
      if (step === total) dfd.resolve(`${total} steps`);
    }, 35);
    dfd.always(() => clearInterval(timer));
    cancelJob = () => dfd.reject("cancelled");
  });
  job
    .progress((step, of) => (counts.job++, jobBar.set(step, of)))
    .done((what) => {
      jobBar.finish(`resolved: ${what}`);
      print(`job:      progress ×${counts.job}, then done("${what}")`);
    })
    .fail((why) => {
      jobBar.finish(`rejected: ${why}`, true);
      print(`job:      progress ×${counts.job}, then fail("${why}")`);
    });

  const download = ajax("/api/stream?chunks=40&interval=1500")
    .progress((loaded, size) => {
      counts.download++;
      downloadBar.set(loaded, size, `${Math.round(loaded / 1024)} KB of ${size / 1024} KB`);
    })
    .done((text, textStatus) => {
      downloadBar.finish(`done: ${text.length / 1024} KB`);
      print(`download: progress ×${counts.download}, then done(text, "${textStatus}", jqXHR)`);
    })
    .fail((jqXHR, textStatus) => {
      downloadBar.finish(`failed: ${textStatus}`, true);
      print(`download: progress ×${counts.download}, then fail(jqXHR, "${textStatus}")`);
    });
  return { job, download };
}

async function runProgress() {
  const cancel = byId("cancel-progress");
  cancel.disabled = false;
  const { job, download } = progressDemo();
  await settled(job);
  cancel.disabled = true;
  await settled(download);
}

// 3. then chains under the two schedulers

/** Shows the two lanes' times, each bar as long as its time relative to the slower one. */
function drawRace(times) {
  const slowest = Math.max(...Object.values(times));
  for (const [setting, ms] of Object.entries(times)) {
    byId(`lane-${setting}`).style.width = `${Math.max(0.5, (100 * ms) / slowest)}%`;
    byId(`time-${setting}`).textContent = `${ms < 10 ? ms.toFixed(2) : Math.round(ms)} ms`;
  }
}

async function schedulersDemo() {
  const times = {};
  for (const setting of ["microtask", "jquery"]) {
    const previous = getScheduler();
    setScheduler(setting);
    const start = performance.now();
    try {
      let chain = Deferred().resolve(0);
      for (let i = 0; i < 100; i++) chain = chain.then((n) => n + 1);
      await chain;
    } finally {
      setScheduler(previous);
    }
    times[setting] = performance.now() - start;
  }
  return times;
}

async function runSchedulers() {
  for (const id of ["lane-microtask", "lane-jquery"]) byId(id).style.width = "0";
  for (const id of ["time-microtask", "time-jquery"]) byId(id).textContent = "running…";
  byId("scheduler-verdict").textContent = "";
  const times = await schedulersDemo();
  drawRace(times);
  const ratio = Math.round(times.jquery / Math.max(times.microtask, 0.01));
  byId("scheduler-verdict").textContent =
    `Same 100 links, same results: the microtask scheduler finished ${ratio}× sooner.`;
  byId("scheduler-log").textContent = [
    `microtask  ${(times.microtask / 100).toFixed(3)} ms per link: one queueMicrotask drains the queue`,
    `jquery     ${(times.jquery / 100).toFixed(3)} ms per link: one setTimeout per callback, clamped`,
  ].join("\n");
}

// 4. exceptionHook and unhandled-rejection tracking

/** Appends a step to the errors card: kind "good", "bad" or "", a title and optional detail. */
function step(kind, title, detail) {
  const item = document.createElement("li");
  item.className = kind;
  item.innerHTML = `<b></b>`;
  item.firstChild.textContent = title;
  if (detail) {
    const pre = document.createElement("pre");
    pre.textContent = detail;
    item.append(pre);
  }
  byId("error-steps").append(item);
}

const firstLines = (stack, count) =>
  String(stack ?? "")
    .split("\n")
    .slice(0, count)
    .join("\n");

async function errorsDemo() {
  const saved = { hook: Deferred.exceptionHook, getErrorHook: Deferred.getErrorHook };
  Deferred.getErrorHook = () => new Error("the then() callback was scheduled here");
  Deferred.exceptionHook = (error, asyncError) =>
    step(
      "bad",
      `exceptionHook(${error.name}: ${error.message})`,
      `asyncError: ${firstLines(asyncError?.stack, 3)}`,
    );
  trackUnhandledRejections({
    unhandled: (reason) => step("bad", `unhandled rejection reported: ${reason.message}`),
    handled: () => step("good", "handled late: a fail callback arrived after the report"),
  });
  try {
    step("", "Deferred().resolve({}).then(order => order.items.length)");
    await Deferred()
      .resolve({})
      .then((order) => order.items.length)
      .catch((error) => step("good", `the derived promise rejected; catch() got a ${error.name}`));

    step("", "Deferred().reject(new Error('nobody is listening'))");
    const lost = Deferred().reject(new Error("nobody is listening"));
    await sleep(60);
    lost.fail(() => step("good", "fail() callback ran with the stored reason"));
    await sleep(20);
  } finally {
    trackUnhandledRejections(false);
    Deferred.exceptionHook = saved.hook;
    Deferred.getErrorHook = saved.getErrorHook;
  }
}

// 5. Callbacks

function callbacksDemo() {
  const print = logTo("callbacks-log");

  const ready = Callbacks("once memory");
  ready.add((user) => print(`first listener: hello ${user}`));
  ready.fire("ada");
  ready.fire("bob"); // "once": ignored
  ready.add((user) => print(`late listener runs at once with the memory: ${user}`));
  print(`ready.fired() = ${ready.fired()}, ready.disabled() = ${ready.disabled()}`);

  const validators = Callbacks("stopOnFalse");
  validators.add(
    (form) => (print(`required: ${form.name ? "ok" : "missing"}`), Boolean(form.name)),
    (form) => (print(`length: ${form.name.length} characters`), form.name.length < 40),
  );
  validators.fire({ name: "" });
  print("…stopped at the first false; with a name:");
  validators.fire({ name: "Ada Lovelace" });
}

// 6. promise(target)

async function targetDemo() {
  const print = logTo("target-log");
  const upload = { file: "report.pdf", bytes: 48_213 };
  const dfd = Deferred();
  dfd.promise(upload); // upload gains done, fail, state, then, promise, …

  upload.done((url) => print(`upload.done: ${upload.file} is at ${url}`));
  print(`upload.state() = "${upload.state()}", own fields kept: ${upload.file}, ${upload.bytes} B`);
  setTimeout(() => dfd.resolve("/files/7/report.pdf"), 300);

  const url = await upload; // a thenable, so await works
  print(`await upload → "${url}", state "${upload.state()}"`);
  print(`upload.promise() is the deferred's own promise: ${upload.promise() === dfd.promise()}`);
}

// 7. $.ajax on jQuery slim

async function slimDemo() {
  const $ = window.jQuery; // jQuery 4 slim, from its own <script> tag
  const print = logTo("slim-log");
  print(`jQuery ${$.fn.jquery}, slim: $.ajax was ${typeof $.ajax} before install`);
  const { installed } = installAjax($); // or install($): Deferred, when, Callbacks only
  print(`installAjax($) added: ${installed.join(", ")}`);

  // From here on, code written for full jQuery:
  await $.ajax({ url: "/api/json?name=slim", dataType: "json" }).done((data, textStatus, jqXHR) =>
    print(`$.ajax → done(${JSON.stringify(data)}, "${textStatus}", jqXHR ${jqXHR.status})`),
  );
  await $.when($.get("/api/text?value=Whip"), $.get("/api/text?value=%20It")).done((a, b) =>
    print(`$.when($.get(…), $.get(…)) → "${a[0] + b[0]}"`),
  );
  const missing = $.getJSON("/api/fail?status=404").fail((jqXHR, textStatus, errorThrown) =>
    print(`$.getJSON → fail(jqXHR ${jqXHR.status}, "${textStatus}", "${errorThrown}")`),
  );
  await settled(missing);
}

// The page: show each scenario's code, wire the buttons.

const CARDS = [
  { card: "when-card", button: "run-when", code: "when", show: whenDemo, run: whenDemo },
  {
    card: "progress-card",
    button: "run-progress",
    code: "progress",
    show: progressDemo,
    run: runProgress,
  },
  {
    card: "scheduler-card",
    button: "run-schedulers",
    code: "schedulers",
    show: schedulersDemo,
    run: runSchedulers,
  },
  {
    card: "errors-card",
    button: "run-errors",
    code: "errors",
    show: errorsDemo,
    run: runErrorsCard,
  },
  {
    card: "callbacks-card",
    button: "run-callbacks",
    code: "callbacks",
    show: callbacksDemo,
    run: callbacksDemo,
  },
  { card: "target-card", button: "run-target", code: "target", show: targetDemo, run: targetDemo },
  { card: "slim-card", button: "run-slim", code: "slim", show: slimDemo, run: slimDemo },
];

async function runErrorsCard() {
  byId("error-steps").textContent = "";
  await errorsDemo();
}

/** Marks a card running while its scenario runs, then done; the button is disabled meanwhile. */
async function run({ card: cardId, button: buttonId, run: scenario }) {
  const card = byId(cardId);
  const button = byId(buttonId);
  if (card.dataset.state === "running") return;
  card.dataset.state = "running";
  button.disabled = true;
  try {
    await scenario();
  } finally {
    button.disabled = false;
    card.dataset.state = "done";
  }
}

for (const entry of CARDS) {
  document.querySelector(`[data-code="${entry.code}"]`).textContent = entry.show.toString();
  byId(entry.button).addEventListener("click", () => run(entry));
}
byId("cancel-progress").addEventListener("click", () => cancelJob?.());
byId("run-all").addEventListener("click", async () => {
  for (const entry of CARDS) await run(entry);
});
document.body.dataset.ready = "true";
