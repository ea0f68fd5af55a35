import type { CliIo } from '../../src/cli/cli-io.js';

/** A CliIo that records what a command prints. */
export function captureIo(
  env: Record<string, string | undefined>,
): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    env,
    isInteractive: false,
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    stdout: () => out,
    stderr: () => err,
  };
}
