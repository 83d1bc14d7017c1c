/**
 * The part of newman's library API the adapter uses (newman 6, postman-collection 4 objects in its events),
 * declared structurally: newman ships no typings, and @types/newman types the event payloads as `any`
 * anyway, so these few interfaces say more than a dependency would.
 */
import { requireDependency } from '../dependency.js';

export interface SdkPropertyList<T> {
  all(): T[];
}

export interface SdkItem {
  id: string;
  name: string;
  /** The folder or collection holding it; the collection itself has none. */
  parent(): SdkItem | undefined;
}

export interface SdkRequest {
  method: string;
  url: { toString(): string };
  headers: SdkPropertyList<{ key: string; value: string; disabled?: boolean }>;
  body?: { toString(): string };
}

export interface SdkResponse {
  code: number;
  responseTime: number;
  headers: SdkPropertyList<{ key: string; value: string }>;
  text(): string;
}

export interface NewmanEvents {
  beforeItem: { item: SdkItem };
  beforeRequest: { item: SdkItem; request: SdkRequest };
  request: { item: SdkItem; request: SdkRequest; response?: SdkResponse };
  assertion: { item: SdkItem; assertion: string; skipped: boolean; error?: { message: string } };
  item: { item: SdkItem };
  done: unknown;
}

export interface NewmanRun {
  on<E extends keyof NewmanEvents>(event: E, listener: (err: (Error & { code?: string }) | null, args: NewmanEvents[E]) => void): NewmanRun;
}

export interface NewmanOptions {
  collection: unknown;
  environment?: unknown;
  envVar?: Array<{ key: string; value: string }>;
  reporters?: string[];
  timeoutRequest?: number;
  [option: string]: unknown;
}

export interface Newman {
  run(options: NewmanOptions, callback?: (err: Error | null) => void): NewmanRun;
}

/** newman is CommonJS without typings: loaded on first use (DEPENDENCY_MISSING if absent) and typed above. */
export function loadNewman(): Newman {
  return requireDependency<Newman>('newman', 'run --collection');
}
