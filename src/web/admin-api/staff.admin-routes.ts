import { z } from 'zod';
import { idParamsSchema, listOf } from '../../shared/contracts/common.js';
import { invitationInputSchema, staffUpdateSchema } from '../../features/staff-auth/index.js';
import {
  invitationSchema,
  staffUserSchema,
  transferOwnershipSchema,
} from '../../shared/contracts/staff.js';
import { noContent } from '../api-route.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';
import { actorOf } from './authenticate.js';
import { requestMeta } from './staff-route-helpers.js';

/** The staff list, invitations, role changes and suspension, and ownership transfer. */
export const staffAdminRoutes: AdminRoutes<ServicesOf<'staffAuth'>> = ({
  route,
  services,
  publicUrl,
}) => {
  const { accounts, invitations } = services.staffAuth;
  route({
    method: 'GET',
    url: '/staff',
    tag: 'Staff',
    summary: 'List staff accounts',
    access: 'staff.read',
    response: listOf('staff', staffUserSchema),
    handler: async () => {
      const staff = await accounts.list();
      return { staff, meta: { pagination: { next: null, limit: staff.length } } };
    },
  });
  route({
    method: 'POST',
    url: '/invitations',
    tag: 'Staff',
    summary:
      'Invite someone by email (administrators; editors may invite authors and contributors)',
    access: 'authenticated',
    body: invitationInputSchema,
    response: z.object({ invitation: invitationSchema }),
    successStatus: 201,
    handler: async ({ body, request }) => ({
      invitation: await invitations.create(actorOf(request), body, {
        ...requestMeta(request),
        publicUrl,
      }),
    }),
  });
  route({
    method: 'GET',
    url: '/invitations',
    tag: 'Staff',
    summary:
      'Invitations not yet accepted, newest first (those of roles the caller may invite; expired ones included)',
    access: 'authenticated',
    response: listOf('invitations', invitationSchema),
    handler: async ({ request }) => {
      const pending = await invitations.listPending(actorOf(request));
      return { invitations: pending, meta: { pagination: { next: null, limit: pending.length } } };
    },
  });
  route({
    method: 'POST',
    url: '/invitations/:id/resend',
    tag: 'Staff',
    summary: 'Send an invitation again with a new link (the old link stops working)',
    access: 'authenticated',
    params: idParamsSchema,
    response: z.object({ invitation: invitationSchema }),
    handler: async ({ params, request }) => ({
      invitation: await invitations.resend(actorOf(request), params.id, {
        ...requestMeta(request),
        publicUrl,
      }),
    }),
  });
  route({
    method: 'DELETE',
    url: '/invitations/:id',
    tag: 'Staff',
    summary: 'Revoke an invitation (its link stops working)',
    access: 'authenticated',
    params: idParamsSchema,
    response: noContent,
    successStatus: 204,
    handler: async ({ params, request }) => {
      await invitations.revoke(actorOf(request), params.id, requestMeta(request));
    },
  });
  route({
    method: 'PATCH',
    url: '/staff/:id',
    tag: 'Staff',
    summary: "Change a staff member's role or suspend them (not the owner, not yourself)",
    access: 'staff.manage',
    params: idParamsSchema,
    body: staffUpdateSchema,
    response: z.object({ user: staffUserSchema }),
    handler: async ({ params, body, request }) => ({
      user: await accounts.update(actorOf(request), params.id, body, requestMeta(request)),
    }),
  });
  route({
    method: 'POST',
    url: '/staff/transfer-ownership',
    tag: 'Staff',
    summary: 'Hand ownership to an administrator (owner only; the owner becomes an administrator)',
    access: 'ownership.transfer',
    body: transferOwnershipSchema,
    response: z.object({ user: staffUserSchema }),
    handler: async ({ body, request }) => ({
      user: await accounts.transferOwnership(actorOf(request), body.userId, requestMeta(request)),
    }),
  });
};
