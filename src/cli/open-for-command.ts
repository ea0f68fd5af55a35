import { ConfigError, loadConfig, type Config } from '../config/index.js';
import { createLogger } from '../platform/logger.js';
import { openRuntime, type Runtime } from '../runtime/open-runtime.js';
import { CliError, type CliIo } from './cli-io.js';

export function configFrom(io: CliIo): Config {
  try {
    return loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * Opens the runtime for a one-shot command (quiet logs unless LOG_LEVEL says otherwise), runs it,
 * closes it. Without the request time limits: a 1M-story demo load's ANALYZE took longer than
 * their 5 s on PostgreSQL and failed the load at its last step.
 */
export async function withRuntime<T>(io: CliIo, run: (runtime: Runtime) => Promise<T>): Promise<T> {
  const config = configFrom(io);
  const logger = createLogger({ level: io.env.LOG_LEVEL ?? 'warn', pretty: false });
  const runtime = await openRuntime(config, { logger, isBulkWork: true });
  try {
    return await run(runtime);
  } finally {
    await runtime.close();
  }
}
