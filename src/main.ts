import { processIo } from './cli/cli-io.js';
import { runCli } from './cli/program.js';

/**
 * Composition root for the server process: `node dist/src/main.js` is `masthead start`
 * (loadConfig → openRuntime (database, migrations, services) → buildApp → listen).
 */
process.exitCode = await runCli(['start', ...process.argv.slice(2)], processIo);
