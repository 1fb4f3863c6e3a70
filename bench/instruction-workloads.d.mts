/** Types for the instruction-count workloads, for the smoke test in test/bench/. */
export interface InstructionSizes {
  deferreds: number;
  links: number;
  linksLong: number;
  whenInputs: number;
  whenPendingCalls: number;
  whenResolvedCalls: number;
  callbacksAdded: number;
  callbacksFires: number;
}
export interface InstructionWorkload {
  id: string;
  title: string;
  unit: string;
  unitsPerRound: (sizes: InstructionSizes) => number;
  needs?: string;
  skip?: Record<string, string>;
}
export const INSTRUCTION_SIZES: { full: InstructionSizes; tiny: InstructionSizes };
export const INSTRUCTION_WORKLOADS: InstructionWorkload[];
export function instructionRound(
  workloadId: string,
  adapter: object,
  sizes: InstructionSizes,
): () => Promise<void>;
export function runRounds(
  workloadId: string,
  adapter: object,
  sizes: InstructionSizes,
  rounds: number,
): Promise<void>;
