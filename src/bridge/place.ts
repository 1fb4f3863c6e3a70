/**
 * The rule both installers follow for every member: a member jQuery already has is kept (and
 * listed as kept) unless `override` is on; ours is put in place (and listed as installed).
 */
import type { InstallResult } from "./install.js";

/**
 * Puts one member on `host` unless it already has another one and `override` is off, and records
 * which it did in `result`.
 */
export function place(
  host: Record<string, unknown>,
  key: string,
  name: string,
  implementation: unknown,
  override: boolean,
  result: InstallResult,
): void {
  const existing = host[key];
  if (existing !== undefined && existing !== implementation && !override) {
    result.kept.push(name);
    return;
  }
  host[key] = implementation;
  result.installed.push(name);
}

/** Like `place`, for a member that must stay live: an accessor reading `read()`. */
export function placeGetter(
  host: Record<string, unknown>,
  name: string,
  read: () => unknown,
  override: boolean,
  result: InstallResult,
): void {
  const existing = Object.getOwnPropertyDescriptor(host, name);
  if (existing && existing.get !== read && !override) {
    result.kept.push(name);
    return;
  }
  Object.defineProperty(host, name, { get: read, configurable: true, enumerable: true });
  result.installed.push(name);
}
