/**
 * The server of the differential ajax harness: one handler on four ports of 127.0.0.1, a page
 * origin and a cross-domain origin for each side ("full": jQuery 4; "slim": jQuery 4 slim + the
 * bridge), so both sides can run at the same time and each side's requests are recorded apart.
 *
 * A request under test goes to `/s/<script>/<reply>[/...]`, where `<reply>` is a {@link Reply}
 * as base64url JSON: the reply is entirely described by the URL, so both sides request the very
 * same URLs and the server needs no state beyond its log. Everything else it serves is a file (the
 * pages, jQuery) or a generated bundle. Every reply is bounded in time; "hang" replies end when the
 * client goes away or the server closes.
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";

/** What the server answers to a request under test. */
export interface Reply {
  /** HTTP status (default 200). */
  status?: number;
  /** The reason phrase (default: Node's for the status). */
  reason?: string;
  /** The Content-Type header; omitted when null or absent. */
  type?: string | null;
  /** The body (default empty). `{callback}` is replaced with the JSONP callback name. */
  body?: string;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Milliseconds to wait before answering (capped at 3000). */
  delay?: number;
  /** Sent as ETag; a request whose If-None-Match equals it gets a 304. */
  etag?: string;
  /** Sent as Last-Modified; a request whose If-Modified-Since equals it gets a 304. */
  lastModified?: string;
  /** The query parameter naming the JSONP callback: `{callback}` in the body becomes its value. */
  jsonp?: string;
  /** Never answer (until the client aborts or the server closes). */
  hang?: boolean;
  /** Destroy the connection without answering (a network error). */
  destroy?: boolean;
}

/** What the server saw of one request (normalised so both sides can be compared). */
export interface SeenRequest {
  method: string;
  /**
   * Path and query after `/s/<script>/<reply>`, with volatile parts (nonces, callback names)
   * replaced: the reply segment is the same on both sides by construction.
   */
  url: string;
  /** The request headers the comparison looks at (see RECORDED_HEADERS). */
  headers: Record<string, string>;
  body: string;
  /** Which origin received it. */
  origin: "page" | "cross";
}

export type Side = "full" | "slim";

export interface AjaxServer {
  /** Page and cross-domain origins per side, e.g. `http://127.0.0.1:4001`. */
  readonly origins: Record<Side, { page: string; cross: string }>;
  /** The requests of script `id` seen on `side`, in arrival order. */
  seen(side: Side, id: number): SeenRequest[];
  /** Forgets every recorded request. */
  clear(): void;
  close(): Promise<void>;
}

const root = fileURLToPath(new URL("../../..", import.meta.url));

/** Files the server may serve; nothing else on disk is reachable. */
const STATIC_FILES = new Set([
  "/test/browser/pages/ajax.html",
  "/test/browser/pages/ajax-runner.js",
  "/node_modules/jquery/dist/jquery.js",
  "/node_modules/jquery/dist/jquery.slim.js",
]);

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

/**
 * The request headers compared between sides, with every `X-` header. Others (User-Agent, Sec-*, Host with its port,
 * Referer with its port, Connection) differ by origin or say nothing about the ajax code.
 */
const RECORDED_HEADERS = [
  "accept",
  "content-type",
  "x-requested-with",
  "if-modified-since",
  "if-none-match",
  "authorization",
  "origin",
  "access-control-request-method",
  "access-control-request-headers",
];

const MAX_DELAY_MS = 3000;

/** `jQuery<digits>_<digits>`-style generated callback names, and `_=<nonce>` anti-cache values. */
const VOLATILE = [
  [/jQuery\d+_\d+/g, "CALLBACK"],
  [/([?&])_=\d+/g, "$1_=NONCE"],
] as const;

export function normaliseUrl(url: string): string {
  return VOLATILE.reduce<string>(
    (text, [pattern, replacement]) => text.replace(pattern, replacement),
    url,
  );
}

function decodeReply(segment: string): Reply {
  return JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as Reply;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** Lets any page origin read any reply, with any method and header (the cross-domain cases). */
const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD",
  "Access-Control-Allow-Headers": "*",
  "Access-Control-Expose-Headers": "*",
};

function answer(
  request: IncomingMessage,
  response: ServerResponse,
  reply: Reply,
  query: URLSearchParams,
): void {
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    "Cache-Control": "no-store",
    ...(reply.etag === undefined ? {} : { ETag: reply.etag }),
    ...(reply.lastModified === undefined ? {} : { "Last-Modified": reply.lastModified }),
    ...reply.headers,
  };
  const notModified =
    (reply.etag !== undefined && request.headers["if-none-match"] === reply.etag) ||
    (reply.lastModified !== undefined &&
      request.headers["if-modified-since"] === reply.lastModified);
  if (notModified) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  if (reply.type !== undefined && reply.type !== null) headers["Content-Type"] = reply.type;
  const callback = reply.jsonp === undefined ? "" : (query.get(reply.jsonp) ?? "");
  const body = (reply.body ?? "").replaceAll("{callback}", callback);
  const status = reply.status ?? 200;
  if (reply.reason === undefined) response.writeHead(status, headers);
  else response.writeHead(status, reply.reason, headers);
  response.end(status === 204 || status === 304 || request.method === "HEAD" ? undefined : body);
}

/**
 * Starts the server. `generated` maps URL paths to in-memory JavaScript (the bridge bundle).
 */
export async function startAjaxServer(generated: Record<string, string>): Promise<AjaxServer> {
  const log = new Map<string, SeenRequest[]>();
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const handle = async (
    side: Side,
    origin: "page" | "cross",
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const path = normalize(decodeURIComponent(url.pathname));
    const match = /^\/s\/(\d+)\/([A-Za-z0-9_-]+)/.exec(url.pathname);
    if (match) {
      const body = await readBody(request);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined && (RECORDED_HEADERS.includes(name) || name.startsWith("x-"))) {
          headers[name] = normaliseUrl(String(value));
        }
      }
      if (headers.origin !== undefined) headers.origin = "PAGE";
      const key = `${side}:${match[1]}`;
      const list = log.get(key) ?? [];
      log.set(key, list);
      list.push({
        method: request.method ?? "",
        url: normaliseUrl(url.pathname.slice(match[0].length) + url.search),
        headers,
        body,
        origin,
      });
      if (request.method === "OPTIONS") {
        response.writeHead(204, CORS_HEADERS);
        response.end();
        return;
      }
      let reply: Reply;
      try {
        reply = decodeReply(match[2]!);
      } catch {
        response.writeHead(400, CORS_HEADERS);
        response.end("bad reply spec");
        return;
      }
      if (reply.hang) return;
      if (reply.destroy) {
        request.socket.destroy();
        return;
      }
      const delay = Math.min(Math.max(reply.delay ?? 0, 0), MAX_DELAY_MS);
      if (delay === 0) {
        answer(request, response, reply, url.searchParams);
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!response.destroyed) answer(request, response, reply, url.searchParams);
      }, delay);
      timers.add(timer);
      response.on("close", () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
      return;
    }
    if (path in generated) {
      response.writeHead(200, { "Content-Type": TYPES[".js"], "Cache-Control": "no-store" });
      response.end(generated[path]);
    } else if (STATIC_FILES.has(path)) {
      const content = await readFile(`${root}${path.slice(1)}`);
      response.writeHead(200, {
        "Content-Type": TYPES[extname(path)] ?? "application/octet-stream",
        "Cache-Control": "no-store",
      });
      response.end(content);
    } else {
      response.writeHead(404, { "Content-Type": "text/plain", ...CORS_HEADERS });
      response.end(`not found: ${path}`);
    }
  };

  const listen = async (side: Side, origin: "page" | "cross"): Promise<[Server, string]> => {
    const server = createServer((request, response) => {
      handle(side, origin, request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain" });
        response.end(String(error));
      });
    });
    server.on("connection", (socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return [server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`];
  };

  const [fullPage, fullCross, slimPage, slimCross] = await Promise.all([
    listen("full", "page"),
    listen("full", "cross"),
    listen("slim", "page"),
    listen("slim", "cross"),
  ]);
  const servers = [fullPage, fullCross, slimPage, slimCross].map(([server]) => server);
  return {
    origins: {
      full: { page: fullPage[1], cross: fullCross[1] },
      slim: { page: slimPage[1], cross: slimCross[1] },
    },
    seen: (side, id) => log.get(`${side}:${id}`) ?? [],
    clear: () => log.clear(),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await Promise.all(
        servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      );
    },
  };
}
