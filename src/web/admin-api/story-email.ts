import type { z } from 'zod';
import type { EmailsService } from '../../features/newsletters/index.js';
import type { Actor } from '../../features/staff/index.js';
import { forbidden } from '../../platform/errors.js';
import type { emailRequestSchema } from '../../shared/contracts/newsletters.js';
import { roleMay } from '../../shared/contracts/permissions.js';

/**
 * Publishing (or scheduling) with or without "send by email". The request is recorded before the
 * story goes live, so the sender starts it as soon as the story is published — and is dropped
 * again if publishing fails. Without `email`, a request left from an earlier attempt is dropped
 * first, so a story is never emailed by surprise.
 */
export async function withStoryEmail<T>(
  emails: Pick<EmailsService, 'requestForPost' | 'withdrawForPost'>,
  actor: Actor,
  postId: string,
  email: z.output<typeof emailRequestSchema> | undefined,
  publish: () => Promise<T>,
): Promise<T> {
  if (!email) {
    await emails.withdrawForPost(postId);
    return publish();
  }
  if (!roleMay(actor.role, 'newsletters.send'))
    throw forbidden('Only editors and above may send a story by email');
  await emails.requestForPost({
    postId,
    newsletterId: email.newsletterId,
    segment: email.segment,
    createdBy: actor.userId,
  });
  try {
    return await publish();
  } catch (error) {
    await emails.withdrawForPost(postId);
    throw error;
  }
}
