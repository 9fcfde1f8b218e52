import { authHeader } from '../apollo/session';

/** The error message of a failed /api answer (`{ error: { message } }`), or a generic one. */
async function failure(res: Response, what: string): Promise<Error> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } | string } | null;
  const message = typeof body?.error === 'string' ? body.error : body?.error?.message;
  return new Error(message ?? `${what} failed (${res.status}).`);
}

/**
 * Downloads a file from an authenticated /api route (`/api/export`, `/api/runs/<id>.gpx`) straight
 * to disk. A plain link cannot send the bearer token, and fetching with it would hold the whole
 * file in memory before saving it; so the server makes a short-lived link for this one download
 * (POST /api/download-links) and the browser follows it as a download, under the server's file name.
 */
export async function downloadWithAuth(path: string): Promise<void> {
  const res = await fetch('/api/download-links', {
    method: 'POST',
    headers: { ...authHeader(), 'content-type': 'application/json' },
    body: JSON.stringify({ path }),
  });
  if (!res.ok) throw await failure(res, 'The download');
  const { url } = (await res.json()) as { url: string };
  const a = document.createElement('a');
  a.href = url;
  // Same origin: the browser saves the answer under its Content-Disposition name.
  a.download = '';
  document.body.append(a);
  a.click();
  a.remove();
}
