import { z } from 'zod';
import { idParamsSchema, listOf } from '../../shared/contracts/common.js';
import {
  invitationCreateSchema,
  invitationSchema,
  staffUpdateBodySchema,
  staffUserSchema,
  transferOwnershipSchema,
} from '../../shared/contracts/staff.js';
import type { AdminRoutes } from './admin-api.js';
import { actorOf } from './authenticate.js';
import { requestMeta, staffUserJson } from './staff-route-helpers.js';

/** The staff list, invitations, role changes and suspension, and ownership transfer. */
export const staffAdminRoutes: AdminRoutes = ({ route, services, publicUrl }) => {
  const { accounts, invitations } = services.staffAuth;
  route({
    method: 'GET',
    url: '/staff',
    tag: 'Staff',
    summary: 'List staff accounts',
    access: 'staff.read',
    response: listOf('staff', staffUserSchema),
    handler: async () => {
      const staff = (await accounts.list()).map(staffUserJson);
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
    body: invitationCreateSchema,
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
    method: 'PATCH',
    url: '/staff/:id',
    tag: 'Staff',
    summary: "Change a staff member's role or suspend them (not the owner, not yourself)",
    access: 'staff.manage',
    params: idParamsSchema,
    body: staffUpdateBodySchema,
    response: z.object({ user: staffUserSchema }),
    handler: async ({ params, body, request }) => ({
      user: staffUserJson(
        await accounts.update(actorOf(request), params.id, body, requestMeta(request)),
      ),
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
      user: staffUserJson(
        await accounts.transferOwnership(actorOf(request), body.userId, requestMeta(request)),
      ),
    }),
  });
};
