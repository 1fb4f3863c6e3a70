/** Types of index.mjs, for the tests that run the examples against the sources. */
import type { Example } from "../harness.mjs";

export interface Seed {
  seed: string;
  title: string;
  source: string;
  examples: Array<Example & { note?: string }>;
}

export const seeds: Seed[];
