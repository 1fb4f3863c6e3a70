#!/usr/bin/env node
// `npm run fuzz`: bundles scripts/fuzz-campaign.ts (which imports the library from src/ and the
// differential harness from test/differential/) with esbuild, then runs it. Dependencies stay
// external and resolve from node_modules. Options are environment variables, see the campaign.
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "node_modules", ".cache", "jq-deferred-fuzz");
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, "fuzz-campaign.mjs");
await build({
  entryPoints: [join(root, "scripts", "fuzz-campaign.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node18",
  packages: "external",
  logLevel: "warning",
});
await import(pathToFileURL(outfile).href);
