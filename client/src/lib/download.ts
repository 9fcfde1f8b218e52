import { authHeader } from '../apollo/session';

/**
 * Downloads a file from an authenticated /api route: fetch with the bearer token (a plain
 * link could not send it), then hand the blob to the browser under the server's file name.
 */
export async function downloadWithAuth(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { headers: authHeader() });
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    let message = `The download failed (${res.status}).`;
    try {
      const body = JSON.parse(text) as { error?: string; message?: string };
      message = body.error ?? body.message ?? message;
    } catch {
      // not JSON: keep the generic message
    }
    throw new Error(message);
  }
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
