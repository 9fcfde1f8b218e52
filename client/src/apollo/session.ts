import { useSyncExternalStore } from 'react';

/**
 * The bearer token of the signed-in runner, kept in localStorage so a reload stays signed
 * in. Components subscribe to it; the Apollo links read it on every request and on every
 * WebSocket (re)connection.
 */
const KEY = 'maratron.token';
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

let token = read();
/** True while listeners hear of a new token for the same runner (see `rotate`). */
let keptRunner = false;

export const session = {
  get token() {
    return token;
  },
  set(next: string | null) {
    if (next === token) return;
    token = next;
    try {
      if (next) localStorage.setItem(KEY, next);
      else localStorage.removeItem(KEY);
    } catch {
      // Private mode without storage: the session lasts as long as the tab.
    }
    listeners.forEach((l) => l());
  },
  /**
   * A new token for the runner already signed in (a password change ends the old session):
   * live updates reconnect with it, but nothing cached is dropped.
   */
  rotate(next: string) {
    keptRunner = true;
    try {
      this.set(next);
    } finally {
      keptRunner = false;
    }
  },
  /** Whether the change being announced kept the same runner signed in. */
  get keptRunner() {
    return keptRunner;
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Another tab signed in or out: follow it.
window.addEventListener('storage', (e) => {
  if (e.key === KEY) session.set(read());
});

export const useToken = () => useSyncExternalStore(session.subscribe, () => session.token);

/** `Authorization` header value for the plain HTTP routes under /api. */
export const authHeader = (): Record<string, string> => (session.token ? { authorization: `Bearer ${session.token}` } : {});
