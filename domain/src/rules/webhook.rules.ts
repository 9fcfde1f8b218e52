import { z } from 'zod';

/** What a webhook can be told about: the runner's own runs being created, updated or deleted. */
export enum WebhookEvent {
  RUN_CREATED = 'RUN_CREATED',
  RUN_UPDATED = 'RUN_UPDATED',
  RUN_DELETED = 'RUN_DELETED',
}

/** The longest URL a webhook may have (browsers and proxies agree on far less than this). */
export const WEBHOOK_URL_MAX_LENGTH = 2000;

/**
 * createWebhook's arguments, as shapes: an absolute http(s) URL without credentials, and one or
 * more events (repeats are kept once). Whether the scheme and the host are allowed (https only,
 * public addresses only) is decided by the service, which resolves the host.
 */
export const webhookSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(WEBHOOK_URL_MAX_LENGTH, `must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`)
    .refine((u) => ['http:', 'https:'].includes(urlOf(u)?.protocol ?? ''), 'must be an absolute https URL')
    .refine((u) => !urlOf(u)?.username && !urlOf(u)?.password, 'must not contain a user name or password'),
  events: z
    .array(z.enum(WebhookEvent))
    .min(1, 'must name at least one event')
    .transform((events) => [...new Set(events)]),
});
export type NewWebhookInput = z.output<typeof webhookSchema>;

function urlOf(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
