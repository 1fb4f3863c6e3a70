/**
 * One process of `npm run bench:instructions`: loads one contender and runs a number of rounds
 * of one workload, printing nothing; instructions.mjs runs it under callgrind and reads the
 * instruction count valgrind prints at exit.
 *
 *   node --predictable bench/instruction-worker.mjs <contender> <workload> <rounds> '<options JSON>'
 *
 * options: { jqDeferredPath, sizes }. A failed check throws, so the process exits non-zero.
 */
import { loadContender } from "./contenders.mjs";
import { runRounds } from "./instruction-workloads.mjs";

const [contender, workload, rounds, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson ?? "{}");
const adapter = await loadContender(contender, options);
await runRounds(workload, adapter, options.sizes, Number(rounds));
// Contenders may leave timers behind (jQuery's ready handler); the job is over.
process.exit(0);
