/**
 * One benchmark process: loads one contender, runs one job, prints its metrics as one JSON line.
 *
 *   node [--expose-gc] bench/worker.mjs <contender> <job> '<options JSON>'
 *
 * options: { jqDeferredPath, sizes }. Started by run.mjs, a fresh process per contender and job,
 * so no library's JIT state, heap or scheduler affects another's figures.
 */
import { loadContender } from "./contenders.mjs";
import { runJob } from "./workloads.mjs";

const [contender, job, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson ?? "{}");
const adapter = await loadContender(contender, options);
const metrics = await runJob(job, adapter, options.sizes);
process.stdout.write(`${JSON.stringify({ contender, job, metrics })}\n`);
// Contenders may leave timers behind (jQuery's ready handler); the job is over.
process.exit(0);
