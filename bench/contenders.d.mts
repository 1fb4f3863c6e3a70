/** Types for the contender table, for the smoke test in test/bench/. */
export const CONTENDERS: { name: string; label: string; api: string[]; only?: string }[];
export function minimalWindow(): object;
export function loadContender(name: string, options: { jqDeferredPath: string }): Promise<object>;
