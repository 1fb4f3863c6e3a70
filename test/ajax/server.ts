/**
 * The real HTTP server the ajax tests run against: node:http on 127.0.0.1, an ephemeral port, one
 * route per behaviour under test. Every response closes its connection, so "no socket left open"
 * can be checked with `openConnections()`; handlers that wait clear their timers when the client
 * goes away.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface TestServer {
  /** "http://127.0.0.1:<port>/" */
  readonly url: string;
  /** Requests received, in order (method and path with query). */
  readonly requests: {
    method: string;
    url: string;
    headers: IncomingMessage["headers"];
    /** The body, once it has been read. */
    body?: string;
  }[];
  /**
   * Open TCP connections that carried a request. (Node 20's fetch, undici, opens a fresh idle
   * connection after an aborted one; it carries no request and does not keep the process alive,
   * so it is not counted.)
   */
  openConnections(): Promise<number>;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

const json = (response: ServerResponse, status: number, value: unknown, headers = {}): void => {
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(JSON.stringify(value));
};
const text = (
  response: ServerResponse,
  status: number,
  body: string,
  type = "text/plain",
): void => {
  response.writeHead(status, { "Content-Type": `${type}; charset=utf-8` });
  response.end(body);
};

/** Counters for the retry routes, keyed by the `key` query parameter. */
const attempts = new Map<string, number>();

const routes: Record<string, Handler> = {
  "/json": (_, response) => json(response, 200, { name: "jq-deferred", answer: 42 }),
  "/text": (_, response) => text(response, 200, "plain words"),
  "/json-as-text": (_, response) => text(response, 200, '{"hidden":"json"}'),
  "/html": (_, response) => text(response, 200, "<p>Hello</p>", "text/html"),
  "/foo.htm": (_, response) => text(response, 200, "<div>foo</div>", "text/html"),
  "/bar.htm": (_, response) => text(response, 200, "<div>bar</div>", "text/html"),
  "/foo/": (_, response) => text(response, 200, "<div>foo folder</div>", "text/html"),
  "/page1": (_, response) => text(response, 200, "Whip"),
  "/page2": (_, response) => text(response, 200, " It"),
  "/page1.php": (_, response) => text(response, 200, "Whip"),
  "/page2.php": (_, response) => text(response, 200, " It"),
  "/test.aspx": (_, response) => text(response, 200, "aspx"),
  "/some/url": (_, response) => text(response, 200, "some data"),
  "/start-task/": (_, response) => text(response, 200, "2011-01-15T12:00:00Z"),
  "/contacts": (request, response, body) =>
    json(response, 200, { success: true, saved: Object.fromEntries(new URLSearchParams(body)) }),
  "/204": (_, response) => {
    response.writeHead(204);
    response.end();
  },
  "/304": (_, response) => {
    response.writeHead(304, { ETag: '"v1"' });
    response.end();
  },
  "/404-json": (_, response) => json(response, 404, { error: "no such user", code: "E_NOUSER" }),
  "/404-no-reason": (_, response) => {
    response.writeHead(404, "", { "Content-Type": "text/plain" });
    response.end("missing");
  },
  "/xml": (_, response) => text(response, 200, "<note><to>Ada</to></note>", "application/xml"),
  "/404-html": (_, response) => text(response, 404, "<h1>Not Found</h1>", "text/html"),
  "/500": (_, response) => text(response, 500, "boom"),
  "/malformed-json": (_, response) => {
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end('{"name": "jq-deferred", ');
  },
  "/latin1": (_, response) => {
    response.writeHead(200, { "Content-Type": "text/plain; charset=iso-8859-1" });
    response.end(Buffer.from([0x63, 0x61, 0x66, 0xe9])); // "café" in Latin-1
  },
  "/echo": (request, response, body) =>
    json(response, 200, {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body,
    }),
  "/slow": (request, response) => {
    const ms = Number(new URL(request.url!, "http://x").searchParams.get("ms") ?? 200);
    const timer = setTimeout(() => text(response, 200, "finally"), ms);
    response.on("close", () => clearTimeout(timer));
  },
  // Last-Modified/ETag validation: 304 when the client sends the current validator.
  "/modified": (request, response) => {
    const etag = '"rev-7"';
    const lastModified = "Wed, 02 Dec 2026 10:00:00 GMT";
    if (
      request.headers["if-none-match"] === etag ||
      request.headers["if-modified-since"] === lastModified
    ) {
      response.writeHead(304, { ETag: etag, "Last-Modified": lastModified });
      response.end();
      return;
    }
    response.writeHead(200, {
      "Content-Type": "text/plain",
      ETag: etag,
      "Last-Modified": lastModified,
    });
    response.end("fresh");
  },
  "/script": (_, response) =>
    text(response, 200, "globalThis.scriptRan = true;", "text/javascript"),
  "/404-script": (_, response) =>
    text(response, 404, "globalThis.scriptRan = true;", "text/javascript"),
  // JSONP: calls the function named by the `callback` (or `cb`) parameter.
  "/jsonp": (request, response) => {
    const query = new URL(request.url!, "http://x").searchParams;
    const name = query.get("callback") ?? query.get("cb") ?? "missing";
    text(response, 200, `${name}({"answer":42});`, "text/javascript");
  },
  "/csv": (_, response) => text(response, 200, "a,b\n1,2", "text/csv"),
  // Accepts the request and never answers: only the client can end it.
  "/never": () => {},
  // Streams `chunks` chunks of `size` bytes, `interval` ms apart, with a Content-Length.
  "/stream": (request, response) => {
    const query = new URL(request.url!, "http://x").searchParams;
    const chunks = Number(query.get("chunks") ?? 4);
    const size = Number(query.get("size") ?? 1000);
    const interval = Number(query.get("interval") ?? 10);
    const lengthKnown = query.get("length") !== "unknown";
    response.writeHead(200, {
      "Content-Type": "text/plain",
      ...(lengthKnown ? { "Content-Length": String(chunks * size) } : {}),
    });
    let sent = 0;
    const timer = setInterval(() => {
      response.write("x".repeat(size));
      if (++sent === chunks) {
        clearInterval(timer);
        response.end();
      }
    }, interval);
    response.on("close", () => clearInterval(timer));
  },
  // Sends headers and half the announced body, then waits forever.
  "/stream-hang": (_, response) => {
    response.writeHead(200, { "Content-Type": "text/plain", "Content-Length": "2000" });
    response.write("y".repeat(1000));
  },
  // Sends headers and part of the body, then destroys the connection.
  "/cut": (request, response) => {
    response.writeHead(200, { "Content-Type": "text/plain", "Content-Length": "2000" });
    response.write("z".repeat(500), () => request.socket.destroy());
  },
  // Fails `fail` times (status `status`, optional Retry-After) per `key`, then succeeds.
  "/flaky": (request, response) => {
    const query = new URL(request.url!, "http://x").searchParams;
    const key = query.get("key") ?? "";
    const count = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, count);
    if (count <= Number(query.get("fail") ?? 1)) {
      const retryAfter = query.get("retryAfter");
      response.writeHead(Number(query.get("status") ?? 503), {
        "Content-Type": "application/json",
        ...(retryAfter === null ? {} : { "Retry-After": retryAfter }),
      });
      response.end(JSON.stringify({ attempt: count }));
    } else {
      json(response, 200, { attempt: count });
    }
  },
};

/** Starts the server on 127.0.0.1 and an ephemeral port. */
export async function startServer(): Promise<TestServer> {
  const requests: TestServer["requests"] = [];
  const sockets = new Set<Socket>();
  const busySockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    response.setHeader("Connection", "close");
    busySockets.add(request.socket);
    const entry: TestServer["requests"][number] = {
      method: request.method!,
      url: request.url!,
      headers: request.headers,
    };
    requests.push(entry);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = new URL(request.url!, "http://x").pathname;
      const handler = routes[path];
      entry.body = Buffer.concat(chunks).toString("utf8");
      if (handler) handler(request, response, entry.body);
      else text(response, 404, "no route");
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("end", () => socket.destroy());
    socket.on("close", () => {
      sockets.delete(socket);
      busySockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    openConnections: () => Promise.resolve(busySockets.size),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on: bound, then closed. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Active timers in this process (node's resource tracking), to check nothing is left pending. */
export function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === "Timeout").length;
}

/** Polls `check` every 5 ms, for at most `limit` ms; resolves with its last result. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  accept: (value: T) => boolean,
  limit = 2000,
): Promise<T> {
  const deadline = Date.now() + limit;
  for (;;) {
    const value = await check();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
