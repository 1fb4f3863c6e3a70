// Completes package-lock.json for `npm ci` when the registry cannot serve some optional
// platform packages (a registry mirror may answer 404 for most of rollup's foreign-platform
// builds, so `npm install` leaves them out of the lock and `npm ci` then rejects the lock as out
// of sync). For every optional dependency missing from the lock whose name encodes a platform
// (`@rollup/rollup-win32-x64-msvc`), it adds an entry with that os/cpu/libc, so npm knows to skip
// it here. Nothing is installed or downloaded. Run after any `npm install`:
//   node scripts/complete-lockfile.mjs
import fs from "node:fs";

const PLATFORM =
  /-(android|darwin|freebsd|linux|netbsd|openbsd|openharmony|sunos|aix|win32)-([a-z0-9]+)(?:-(gnu|musl|msvc|gnueabihf|musleabihf|eabi))?$/;

const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
const packages = lock.packages;
const added = [];
for (const entry of Object.values(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const path = `node_modules/${name}`;
    if (packages[path]) continue;
    const match = name.match(PLATFORM);
    if (!match) throw new Error(`cannot tell the platform of missing optional package ${name}`);
    const [, os, cpu, abi] = match;
    const libc = abi?.startsWith("musl")
      ? ["musl"]
      : abi?.startsWith("gnu")
        ? ["glibc"]
        : undefined;
    packages[path] = {
      version,
      dev: true,
      optional: true,
      os: [os],
      cpu: [cpu],
      ...(libc && { libc }),
    };
    added.push(name);
  }
}
fs.writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  `complete-lockfile: added ${added.length} platform entries${added.length ? `: ${added.join(", ")}` : ""}`,
);
