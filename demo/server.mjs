// The demo's web server, also used by the browser tests: `node demo/server.mjs [--port N]`.
//
// Serves, on 127.0.0.1 only, the demo page, the browser bundles from dist/browser, jQuery's slim
// build, the browser test pages, and a few JSON/text endpoints that the seed documents' ajax
// examples talk to. Every delay is capped so no request can hang a test or the demo.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, normalize } from "node:path";
import { Buffer } from "node:buffer";
import { fileURLToPath, URLSearchParams } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** URL prefixes served from the repository as files; nothing else on disk is reachable. */
const STATIC_PREFIXES = [
  "/demo/",
  "/dist/browser/",
  "/test/browser/pages/",
  "/node_modules/jquery/dist/",
  "/node_modules/mocha/mocha.js",
];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

const MAX_DELAY_MS = 5000;

/** Milliseconds from a query parameter, clamped to [0, MAX_DELAY_MS]. */
function delayOf(params, name = "delay") {
  const ms = Number(params.get(name) ?? 0);
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_DELAY_MS) : 0;
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function send(response, status, type, body, headers = {}) {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store", ...headers });
  response.end(body);
}

const sendJSON = (response, status, value) =>
  send(response, status, "application/json; charset=utf-8", JSON.stringify(value));

async function readBody(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The endpoints. `?delay=ms` delays any of them.
 * - `/api/text?value=…`: the value as text/plain (seed 004's "Whip" + " It").
 * - `/api/json?…`: the query parameters echoed as a JSON object, plus `method`.
 * - `/api/fail?status=…`: that status (default 500) with a JSON error body (seed 002's parseError).
 * - `/api/timestamp`: the server's clock, as text (seed 003's startTask).
 * - `/api/contact` (POST): validates a form-encoded `name` (seed 003's saveContact).
 * - `/api/stream?chunks=n&interval=ms`: n 1 KB chunks with a Content-Length, for download progress.
 */
const API = {
  "/api/text": (params, response) =>
    send(response, 200, "text/plain; charset=utf-8", params.get("value") ?? ""),
  "/api/json": (params, response, request) =>
    sendJSON(response, 200, { ...Object.fromEntries(params), method: request.method }),
  "/api/fail": (params, response) => {
    const status = Number(params.get("status") ?? 500);
    sendJSON(response, status >= 400 && status < 600 ? status : 500, {
      error: "validation failed",
      fields: { email: "is not an email address" },
    });
  },
  "/api/timestamp": (_params, response) =>
    send(response, 200, "text/plain; charset=utf-8", new Date().toISOString()),
  "/api/contact": async (_params, response, request) => {
    const form = new URLSearchParams(await readBody(request));
    const name = form.get("name") ?? "";
    sendJSON(
      response,
      200,
      name ? { success: true, id: 42, name } : { success: false, errors: ["name is required"] },
    );
  },
  "/api/stream": async (params, response) => {
    const chunks = Math.min(Math.max(Number(params.get("chunks")) || 10, 1), 100);
    const interval = delayOf(params, "interval") / chunks;
    response.writeHead(200, {
      "content-type": "text/plain; charset=utf-8",
      "content-length": String(chunks * 1024),
      "cache-control": "no-store",
    });
    for (let i = 0; i < chunks && !response.destroyed; i++) {
      response.write("x".repeat(1024));
      await wait(interval);
    }
    response.end();
  },
};

async function serveFile(path, response) {
  const file = `${root}${path.slice(1)}`;
  try {
    const body = await readFile(file);
    send(response, 200, TYPES[extname(file)] ?? "application/octet-stream", body);
  } catch {
    send(response, 404, "text/plain", `not found: ${path}`);
  }
}

/**
 * Starts the server on 127.0.0.1. `generated` maps extra URL paths to in-memory JavaScript (the
 * browser tests serve their esbuild bundles this way). Resolves to `{ url, close }`.
 */
export function startServer({ port = 0, generated = {} } = {}) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    // Normalised after decoding, so an encoded "../" cannot step outside the served prefixes.
    const path = normalize(decodeURIComponent(url.pathname));
    try {
      if (path === "/" || path === "/demo") {
        send(response, 302, "text/plain", "", { location: "/demo/" });
      } else if (path in generated) {
        send(response, 200, TYPES[".js"], generated[path]);
      } else if (path in API) {
        await wait(delayOf(url.searchParams));
        await API[path](url.searchParams, response, request);
      } else if (STATIC_PREFIXES.some((prefix) => path.startsWith(prefix))) {
        await serveFile(path.endsWith("/") ? `${path}index.html` : path, response);
      } else {
        send(response, 404, "text/plain", `not found: ${path}`);
      }
    } catch (error) {
      if (!response.headersSent) send(response, 500, "text/plain", String(error));
      else response.destroy();
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://127.0.0.1:${actual}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf("--port");
  const port = flag > 0 ? Number(process.argv[flag + 1]) : Number(process.env.PORT ?? 8377);
  try {
    await readFile(`${root}dist/browser/jq-deferred.min.js`);
  } catch {
    console.error("demo: dist/browser is missing; run `npm run build` first (npm run demo does).");
    process.exit(1);
  }
  const { url } = await startServer({ port });
  console.log(`jq-deferred demo: ${url}/demo/   (Ctrl-C to stop)`);
}
