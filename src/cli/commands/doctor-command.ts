import type { Command } from 'commander';
import { migrations } from '../../../migrations/index.js';
import { ConfigError, loadConfig, type Config } from '../../config/index.js';
import { migrationStatus, openDatabase } from '../../platform/db/index.js';
import { probeLine } from '../../platform/net-probe.js';
import { createLogger } from '../../platform/logger.js';
import { openMediaStorage } from '../../runtime/media-storage.js';
import { openRuntime } from '../../runtime/open-runtime.js';
import { keyringFor } from '../../runtime/secret-keys.js';
import { CliError, type CliIo } from '../cli-io.js';
import { storedSecrets, sumOf } from './secrets-command.js';

type Outcome = 'ok' | 'warn' | 'fail';
interface Check {
  name: string;
  outcome: Outcome;
  detail: string;
}

const describeTarget = (config: Config) =>
  config.database.dialect === 'sqlite'
    ? `SQLite ${config.database.file}`
    : `PostgreSQL ${new URL(config.database.url).host}`;

async function checkDatabase(config: Config): Promise<Check[]> {
  const database = openDatabase(
    config.database.dialect === 'sqlite'
      ? { dialect: 'sqlite', file: config.database.file }
      : { dialect: 'postgres', url: config.database.url },
  );
  try {
    if (!(await database.ping(3000))) {
      return [
        { name: 'database', outcome: 'fail', detail: `${describeTarget(config)} does not answer` },
      ];
    }
    const status = await migrationStatus(database.db, migrations);
    return [
      { name: 'database', outcome: 'ok', detail: `${describeTarget(config)} answers` },
      status.pending.length === 0
        ? {
            name: 'migrations',
            outcome: 'ok',
            detail: `${status.applied.length} applied, none pending`,
          }
        : {
            name: 'migrations',
            outcome: 'fail',
            detail: `${status.pending.length} pending (${status.pending.join(', ')}); run "masthead migrate"`,
          },
    ];
  } catch (error) {
    return [
      {
        name: 'database',
        outcome: 'fail',
        detail: `${describeTarget(config)}: ${(error as Error).message}`,
      },
    ];
  } finally {
    await database.close().catch(() => undefined);
  }
}

/** A probe written to and removed from media storage: the folder, or the S3 bucket. */
async function checkMedia(config: Config): Promise<Check> {
  const media = await openMediaStorage(config.media);
  const name = config.media.kind === 's3' ? 'media storage (S3)' : 'media folder';
  try {
    await media.storage.check();
    return { name, outcome: 'ok', detail: `${media.description} is writable` };
  } catch (error) {
    return { name, outcome: 'fail', detail: `${media.description}: ${(error as Error).message}` };
  } finally {
    media.close();
  }
}

async function checkSmtp(config: Config): Promise<Check> {
  if (!config.smtpUrl) {
    return {
      name: 'mail (SMTP)',
      outcome: 'warn',
      detail: 'SMTP_URL is not set: emails are written to the log, not sent',
    };
  }
  const url = new URL(config.smtpUrl);
  const isTls = url.protocol === 'smtps:';
  const port = Number(url.port || (isTls ? 465 : 587));
  try {
    const greeting = await probeLine({ host: url.hostname, port, tls: isTls });
    return greeting.startsWith('220')
      ? {
          name: 'mail (SMTP)',
          outcome: 'ok',
          detail: `${url.hostname}:${port} greets: ${greeting.slice(0, 60)}`,
        }
      : {
          name: 'mail (SMTP)',
          outcome: 'fail',
          detail: `${url.hostname}:${port} answered "${greeting.slice(0, 60)}"`,
        };
  } catch (error) {
    return {
      name: 'mail (SMTP)',
      outcome: 'fail',
      detail: `${url.hostname}:${port}: ${(error as Error).message}`,
    };
  }
}

async function checkRedis(config: Config): Promise<Check> {
  if (!config.redisUrl)
    return {
      name: 'redis',
      outcome: 'ok',
      detail: 'not configured (single-process cache and rate limits)',
    };
  const url = new URL(config.redisUrl);
  const port = Number(url.port || 6379);
  try {
    const answer = await probeLine({
      host: url.hostname,
      port,
      tls: url.protocol === 'rediss:',
      send: 'PING\r\n',
    });
    return answer === '+PONG' || answer.startsWith('-NOAUTH')
      ? { name: 'redis', outcome: 'ok', detail: `${url.hostname}:${port} answers` }
      : {
          name: 'redis',
          outcome: 'fail',
          detail: `${url.hostname}:${port} answered "${answer.slice(0, 60)}"`,
        };
  } catch (error) {
    return {
      name: 'redis',
      outcome: 'fail',
      detail: `${url.hostname}:${port}: ${(error as Error).message}`,
    };
  }
}

/** How many keys there are and how the stored secrets are kept; never writes anything. */
async function checkSecrets(config: Config): Promise<Check> {
  const name = 'secrets';
  let found;
  try {
    found = keyringFor(config, { mayGenerate: false });
  } catch (error) {
    return { name, outcome: 'fail', detail: (error as Error).message };
  }
  if (!found) {
    return {
      name,
      outcome: 'warn',
      detail: `SECRET_KEYS is not set: a key will be generated into ${config.secretKeysFile} at first start`,
    };
  }
  const { keyring, source } = found;
  const keys = `${keyring.keyIds.length} key${keyring.keyIds.length === 1 ? '' : 's'} from ${source} (first ${keyring.keyIds[0]})`;
  const runtime = await openRuntime(config, {
    migrate: false,
    keyring,
    logger: createLogger({ level: 'silent', pretty: false }),
  });
  try {
    const sum = sumOf(await storedSecrets(runtime.services, { isDryRun: true }));
    const stored = `${sum.total} stored, ${sum.cleartext} in clear, ${sum.older} under an older key, ${sum.unreadable} unreadable`;
    if (sum.unreadable > 0) {
      return {
        name,
        outcome: 'fail',
        detail: `${keys}; ${stored}: put the missing key back in SECRET_KEYS`,
      };
    }
    if (sum.cleartext > 0 || sum.older > 0) {
      return { name, outcome: 'warn', detail: `${keys}; ${stored}: run "masthead secrets rotate"` };
    }
    return { name, outcome: 'ok', detail: `${keys}; ${stored}` };
  } catch (error) {
    return { name, outcome: 'fail', detail: `${keys}; ${(error as Error).message}` };
  } finally {
    await runtime.close();
  }
}

const marks: Record<Outcome, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };

export function registerDoctorCommand(program: Command, io: CliIo): void {
  program
    .command('doctor')
    .description(
      'check configuration, database, migrations, stored secrets, media folder, SMTP and Redis',
    )
    .action(async () => {
      const checks: Check[] = [];
      let config: Config | undefined;
      try {
        config = loadConfig(io.env);
        checks.push({
          name: 'configuration',
          outcome: 'ok',
          detail: `${config.env}, public URL ${config.publicUrl}`,
        });
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        for (const problem of error.problems)
          checks.push({ name: 'configuration', outcome: 'fail', detail: problem });
      }
      if (config) {
        const database = await checkDatabase(config);
        checks.push(...database);
        // Counting stored secrets needs a database with every migration applied.
        if (database.every((c) => c.outcome === 'ok')) checks.push(await checkSecrets(config));
        checks.push(await checkMedia(config), await checkSmtp(config), await checkRedis(config));
        checks.push(
          config.stripe
            ? {
                name: 'payments (Stripe)',
                outcome: 'ok',
                detail: `key ${config.stripe.secretKey.slice(0, 8)}…`,
              }
            : {
                name: 'payments (Stripe)',
                outcome: 'warn',
                detail: 'STRIPE_SECRET_KEY is not set: paid memberships are off',
              },
        );
      }
      for (const check of checks)
        io.out(`${marks[check.outcome]}  ${check.name.padEnd(18)} ${check.detail}\n`);
      const failures = checks.filter((c) => c.outcome === 'fail').length;
      if (failures > 0) throw new CliError(`${failures} problem${failures === 1 ? '' : 's'} found`);
      io.out('\nEverything needed is in order.\n');
    });
}
