import type { Kysely } from 'kysely';

/**
 * The editorial audit log is read by story ("everything that happened to this story"), newest
 * first: an index on (subject_id, created_at, id) serves that filter and its keyset order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_log_subject_idx')
    .on('audit_log')
    .columns(['subject_id', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_log_subject_idx').execute();
}
