/**
 * Browser storage behind a small interface: localStorage in the admin, a Map in unit tests (and
 * when the browser refuses storage, e.g. private mode with quotas at zero).
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

let current: KeyValueStorage | null = null;

export function provideStorage(storage: KeyValueStorage): void {
  current = storage;
}

export function useStorage(): KeyValueStorage {
  current ??= typeof globalThis.localStorage === 'undefined' ? memoryStorage() : globalThis.localStorage;
  return current;
}

export function readJson<T>(key: string, fallback: T): T {
  try {
    const text = useStorage().getItem(key);
    return text === null ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    useStorage().setItem(key, JSON.stringify(value));
  } catch {
    // A full or refused storage loses a preference, never the admin's work.
  }
}
