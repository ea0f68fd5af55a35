import type { Command } from 'commander';
import type { StoredSecretsReport } from '../../platform/security/index.js';
import type { Services } from '../../runtime/services.js';
import { CliError, type CliIo } from '../cli-io.js';
import { withRuntime } from '../open-for-command.js';

/** Every kind of secret the server stores encrypted with SECRET_KEYS, with how each is kept. */
export async function storedSecrets(
  services: Services,
  options: { isDryRun: boolean },
): Promise<{ label: string; report: StoredSecretsReport }[]> {
  return [
    {
      label: 'two-factor (TOTP) secrets',
      report: await services.staffAuth.twoFactor.rewriteSecrets(options),
    },
    { label: 'webhook signing secrets', report: await services.webhooks.rewriteSecrets(options) },
  ];
}

export const sumOf = (reports: readonly { report: StoredSecretsReport }[]) =>
  reports.reduce(
    (sum, { report }) => ({
      total: sum.total + report.total,
      older: sum.older + report.older,
      cleartext: sum.cleartext + report.cleartext,
      unreadable: sum.unreadable + report.unreadable,
    }),
    { total: 0, older: 0, cleartext: 0, unreadable: 0 },
  );

export function registerSecretsCommands(program: Command, io: CliIo): void {
  const secrets = program
    .command('secrets')
    .description('manage the secrets stored encrypted with SECRET_KEYS');
  secrets
    .command('rotate')
    .description(
      're-encrypt every stored secret (TOTP, webhook signing) with the first key of SECRET_KEYS; run after putting a new key first, then drop the old one',
    )
    .action(async () => {
      await withRuntime(io, async ({ services, keyring }) => {
        const [first, ...older] = keyring.keyIds;
        io.out(
          `Keys: ${keyring.keyIds.length} (first ${first} encrypts${older.length > 0 ? `; ${older.join(', ')} still decrypt` : ''})\n`,
        );
        const results = await storedSecrets(services, { isDryRun: false });
        for (const { label, report } of results) {
          io.out(
            `${label}: ${report.total} stored, ${report.rewritten} re-encrypted (${report.cleartext} were in clear, ${report.older} under an older key), ${report.current} already current, ${report.unreadable} unreadable\n`,
          );
        }
        const unreadable = sumOf(results).unreadable;
        if (unreadable > 0) {
          throw new CliError(
            `${unreadable} stored secret${unreadable === 1 ? '' : 's'} could not be decrypted with any key in SECRET_KEYS: put back the key that encrypted ${unreadable === 1 ? 'it' : 'them'} (as a later key) and run this again`,
          );
        }
        io.out(
          older.length > 0
            ? `Every stored secret is now under ${first}; ${older.join(', ')} can be removed from SECRET_KEYS.\n`
            : `Every stored secret is now under ${first}.\n`,
        );
      });
    });
}
