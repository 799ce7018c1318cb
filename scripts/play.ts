/** `npm run play -- FILE.ts... [options]`: see lib/cli/play-args.ts for the options. */
import { readFileSync } from 'node:fs';
import { main } from '../lib/cli/play';
import { wantsColor } from '../lib/cli/terminal-style';
import { loadSqlJs } from '../lib/node/sqljs';

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit();
});

try {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path),
    color: wantsColor(process.stdout.isTTY, process.env),
    loadSqlJs,
  });
} catch (error) {
  console.error(error);
  process.exitCode = 3;
}
