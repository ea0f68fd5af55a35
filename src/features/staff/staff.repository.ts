import type { Kysely, Selectable } from 'kysely';
import type { StaffRole, StaffUser } from './staff-user.js';
import type { StaffTables, StaffUsersTable } from './staff.table.js';

export const toStaffUser = (row: Selectable<StaffUsersTable>): StaffUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role as StaffRole,
  status: row.status as StaffUser['status'],
  hasPassword: row.password_hash !== null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createStaffRepository(db: Kysely<StaffTables>) {
  return {
    async insert(row: StaffUsersTable, trx: Kysely<StaffTables> = db): Promise<void> {
      await trx.insertInto('staff_users').values(row).execute();
    },
    findByEmail(email: string) {
      return db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();
    },
    findById(id: string) {
      return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async count(): Promise<number> {
      const row = await db
        .selectFrom('staff_users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    list() {
      return db.selectFrom('staff_users').selectAll().orderBy('name').orderBy('id').execute();
    },
    async deleteMany(ids: readonly string[]): Promise<number> {
      const result = await db.deleteFrom('staff_users').where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    findOwner(trx: Kysely<StaffTables> = db) {
      return trx
        .selectFrom('staff_users')
        .selectAll()
        .where('role', '=', 'owner')
        .executeTakeFirst();
    },
  };
}

export type StaffRepository = ReturnType<typeof createStaffRepository>;
