import { processIo } from './cli-io.js';
import { runCli } from './program.js';

// The `masthead` executable: bin/masthead.js builds if needed, then imports this file.
const code = await runCli(process.argv.slice(2), processIo);
process.exitCode = code;
