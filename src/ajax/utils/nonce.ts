/**
 * jQuery's request nonce: one counter, started at the clock on first use, behind both the
 * `cache: false` parameter (`_=<nonce>`) and the generated JSONP callback names.
 */
let lastNonce = 0;

/** The next nonce: greater than every earlier one and not below the current time. */
export function nextNonce(): number {
  lastNonce = Math.max(lastNonce + 1, Date.now());
  return lastNonce;
}
