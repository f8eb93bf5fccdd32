import type { Command } from 'commander';
import { collect } from './check-command.js';

export interface ServeFlags {
  port: string;
  host: string;
  allowPrivate?: boolean;
  allowedHost: string[];
  maxScans: string;
  budget: string;
  cert?: string;
  key?: string;
}

export function registerServe(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('serve')
    .description('a local web page (and JSON API) that scans a URL and shows the graded report')
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--allow-private', 'turn the address guard off: allow scanning loopback and private networks (your own machine)')
    .option('--allowed-host <name>', 'a Host name the page is served under, e.g. behind a proxy (repeatable; loopback names always work)', collect, [])
    .option('--max-scans <n>', 'scans running at once', '4')
    .option('--budget <seconds>', 'total time for one scan', '20')
    .option('--cert <file>', 'serve HTTPS with this certificate (PEM; needs --key)')
    .option('--key <file>', 'private key (PEM) for --cert')
    .action(async (flags: ServeFlags) => {
      // Loaded on use: only `serve` pays for the server, undici and the probes.
      const { runServeCommand } = await import('./serve-run.js');
      setExitCode(await runServeCommand(flags));
    });
}
