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
