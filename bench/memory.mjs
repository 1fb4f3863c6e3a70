/**
 * The memory workloads of `npm run bench` for one or more builds of jq-deferred, side by side
 * (bytes retained per deferred), in a few seconds:
 *
 *   node --expose-gc bench/memory.mjs dist/index.js [<other/dist/index.js> …]
 */
import path from "node:path";
import { loadContender } from "./contenders.mjs";
import { runJob, SIZES } from "./workloads.mjs";

const libraries = process.argv.slice(2);
if (libraries.length === 0) {
  throw new TypeError("usage: node --expose-gc bench/memory.mjs <dist/index.js> [<other> …]");
}
for (const library of libraries) {
  const adapter = await loadContender("jq-deferred", { jqDeferredPath: path.resolve(library) });
  const figures = await runJob("memory", adapter, SIZES.full);
  const line = Object.entries(figures).map(([id, bytes]) => `${id} ${Math.round(bytes)} B`);
  console.log(`${library}: ${line.join(", ")}`);
}
