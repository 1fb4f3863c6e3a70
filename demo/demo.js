// The demo page's behaviour: four scenarios from the seed documents, run live on the browser bundle.
// Each card's button runs its scenario; the card's data-state goes idle → running → done, which
// the browser test waits for.
import {
  ajax,
  Deferred,
  getScheduler,
  setScheduler,
  trackUnhandledRejections,
  when,
} from "/dist/browser/jq-deferred.min.js";

const byId = (id) => document.getElementById(id);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Marks a card running while `scenario` runs, then done; the button is disabled meanwhile. */
async function run(cardId, buttonId, scenario) {
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

/** Resolves when a jq-deferred promise settles, whichever way. */
const settled = (promise) => new Promise((resolve) => promise.always(() => resolve()));

// 1. Two requests joined by when, on a timeline

const ROWS = { A: 0, when: 1, then: 2, B: 3 };

function createTimeline() {
  const timeline = byId("timeline");
  const log = byId("when-log");
  timeline.querySelectorAll(".event").forEach((event) => event.remove());
  log.textContent = "";
  const start = performance.now();
  const marks = [];

  function layout() {
    const span = Math.max(1000, ...marks.map((mark) => mark.at * 1.1));
    for (const mark of marks) {
      mark.element.style.left = `${6 + (mark.at / span) * 86}%`;
    }
  }

  return function mark(row, label, kind = "") {
    const at = performance.now() - start;
    const element = document.createElement("div");
    element.className = `event ${kind}`;
    element.style.top = `${6 + ROWS[row] * 36}px`;
    element.innerHTML = `<div class="dot"></div>${label}<br>${Math.round(at)} ms`;
    timeline.append(element);
    marks.push({ at, element });
    layout();
    log.textContent += `+${String(Math.round(at)).padStart(4)} ms  ${label}\n`;
    log.scrollTop = log.scrollHeight;
  };
}

function runWhen() {
  const mark = createTimeline();
  const failB = byId("fail-b").checked;
  const delayA = Math.round(150 + Math.random() * 600);
  const delayB = Math.round(150 + Math.random() * 600);
  mark("A", "A sent", "sent");
  const a = ajax(`/api/json?name=A&delay=${delayA}`, { dataType: "json" });
  mark("B", "B sent", "sent");
  const b = failB
    ? ajax(`/api/fail?status=503&delay=${delayB}`, { dataType: "json" })
    : ajax(`/api/json?name=B&delay=${delayB}`, { dataType: "json" });
  for (const [name, request] of [
    ["A", a],
    ["B", b],
  ]) {
    request
      .done((data, textStatus) => mark(name, `${name}.done(${textStatus})`))
      .fail((jqXHR, textStatus) =>
        mark(name, `${name}.fail(${jqXHR.status} ${textStatus})`, "fail"),
      );
  }
  const joined = when(a, b)
    .done((resultA, resultB) =>
      mark("when", `when.done(${resultA[0].name}, ${resultB[0].name})`, "joined"),
    )
    .fail((jqXHR) => mark("when", `when.fail(${jqXHR.status})`, "fail joined"));
  const afterThen = joined.then(
    () => mark("then", "then(onFulfilled)", "joined"),
    () => mark("then", "then(…, onRejected)", "fail joined"),
  );
  return Promise.all([settled(a), settled(b), settled(afterThen)]);
}

// 2. A long task reporting through notify/progress, and a streamed download

let cancelJob;

function runProgress() {
  const jobBar = byId("job-bar");
  const jobText = byId("job-text");
  const downloadBar = byId("download-bar");
  const downloadText = byId("download-text");
  const cancel = byId("cancel-progress");
  const log = byId("progress-log");
  const counts = { job: 0, download: 0 };
  jobBar.classList.remove("rejected");
  log.textContent = "";
  const note = (line) => (log.textContent += `${line}\n`);

  const total = 40;
  const job = Deferred((dfd) => {
    let step = 0;
    const timer = setInterval(() => {
      step += 1;
      dfd.notify(step, total);
      if (step === total) {
        clearInterval(timer);
        dfd.resolve(`${total} steps`);
      }
    }, 35);
    cancelJob = () => {
      clearInterval(timer);
      dfd.reject("cancelled");
    };
  });
  job
    .progress((step, of) => {
      counts.job += 1;
      jobBar.style.width = `${(100 * step) / of}%`;
      jobText.textContent = `${step} / ${of}`;
    })
    .done((what) => {
      jobText.textContent = `resolved: ${what}`;
      note(`job:      progress ×${counts.job}, then done("${what}")`);
    })
    .fail((why) => {
      jobBar.classList.add("rejected");
      jobText.textContent = `rejected: ${why}`;
      note(`job:      progress ×${counts.job}, then fail("${why}")`);
    })
    .always(() => (cancel.disabled = true));
  cancel.disabled = false;

  downloadBar.style.width = "0";
  const download = ajax("/api/stream?chunks=40&interval=1500")
    .progress((loaded, size) => {
      counts.download += 1;
      downloadBar.style.width = `${(100 * loaded) / (size || loaded)}%`;
      downloadText.textContent = `${Math.round(loaded / 1024)} KB of ${Math.round((size ?? 0) / 1024)} KB`;
    })
    .done((text, textStatus) => {
      downloadText.textContent = `done: ${text.length / 1024} KB`;
      note(`download: progress ×${counts.download}, then done(text, "${textStatus}", jqXHR)`);
    })
    .fail((jqXHR, textStatus) => {
      downloadText.textContent = `failed: ${textStatus}`;
      note(`download: progress ×${counts.download}, then fail(jqXHR, "${textStatus}")`);
    });
  return Promise.all([settled(job), settled(download)]);
}

// 3. then chains under the two schedulers

async function timeChain(setting) {
  const runner = byId(`lane-${setting}`);
  const label = byId(`time-${setting}`);
  const links = 100;
  let reached = 0;
  runner.style.width = "0";
  label.textContent = "running…";
  const previous = getScheduler();
  setScheduler(setting);
  let frame = requestAnimationFrame(function paint() {
    runner.style.width = `${reached}%`;
    frame = requestAnimationFrame(paint);
  });
  const start = performance.now();
  try {
    let chain = Deferred().resolve(0);
    for (let i = 0; i < links; i++) chain = chain.then((n) => (reached = n + 1));
    await chain;
  } finally {
    setScheduler(previous);
  }
  const elapsed = performance.now() - start;
  window.cancelAnimationFrame(frame);
  runner.style.width = "100%";
  label.textContent = `${elapsed < 10 ? elapsed.toFixed(2) : Math.round(elapsed)} ms`;
  return elapsed;
}

async function runSchedulers() {
  byId("scheduler-verdict").textContent = "";
  const microtask = await timeChain("microtask");
  const jquery = await timeChain("jquery");
  byId("scheduler-verdict").textContent =
    `Same 100 links, same results: the microtask scheduler finished ${Math.round(jquery / Math.max(microtask, 0.01))}× sooner.`;
  byId("scheduler-log").textContent = [
    `microtask  ${(microtask / 100).toFixed(3)} ms per link: one queueMicrotask drains the queue`,
    `jquery     ${(jquery / 100).toFixed(3)} ms per link: one setTimeout per callback, clamped`,
  ].join("\n");
}

// 4. exceptionHook and unhandled-rejection tracking

function step(kind, title, detail) {
  const item = document.createElement("li");
  item.className = kind;
  item.innerHTML = `<b>${title}</b>`;
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

async function runErrors() {
  byId("error-steps").textContent = "";
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

byId("run-when").addEventListener("click", () => run("when-card", "run-when", runWhen));
byId("run-progress").addEventListener("click", () =>
  run("progress-card", "run-progress", runProgress),
);
byId("cancel-progress").addEventListener("click", () => cancelJob?.());
byId("run-schedulers").addEventListener("click", () =>
  run("scheduler-card", "run-schedulers", runSchedulers),
);
byId("run-errors").addEventListener("click", () => run("errors-card", "run-errors", runErrors));
byId("run-all").addEventListener("click", async () => {
  await run("when-card", "run-when", runWhen);
  await run("progress-card", "run-progress", runProgress);
  await run("scheduler-card", "run-schedulers", runSchedulers);
  await run("errors-card", "run-errors", runErrors);
});
document.body.dataset.ready = "true";
