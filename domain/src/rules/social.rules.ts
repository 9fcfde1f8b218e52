import { z } from 'zod';

/** Longest post or comment text, characters. */
export const MAX_POST_TEXT = 2000;

const optionalId = z
  .uuid('is not valid')
  .nullish()
  .transform((v) => v ?? null);

/** createPost: some text, or a run to share (then the text may be empty). */
export const newPostSchema = z
  .object({
    text: z.string().trim().max(MAX_POST_TEXT, `must be at most ${MAX_POST_TEXT} characters`),
    runId: optionalId,
    groupId: optionalId,
  })
  .refine((p) => p.text.length > 0 || p.runId !== null, { path: ['text'], message: 'must not be empty (unless the post shares a run)' });
export type NewPost = z.output<typeof newPostSchema>;

export const commentTextSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_POST_TEXT, `must be at most ${MAX_POST_TEXT} characters`);

export const newGroupSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
  description: z
    .string()
    .trim()
    .max(1000, 'must be at most 1,000 characters')
    .nullish()
    .transform((s) => (s ? s : null)),
  private: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
});
export type NewGroup = z.output<typeof newGroupSchema>;

/** groups(query): an optional name prefix. */
export const groupQuerySchema = z
  .string()
  .trim()
  .max(80, 'must be at most 80 characters')
  .nullish()
  .transform((s) => (s ? s.toLowerCase() : null));
