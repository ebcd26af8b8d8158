import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Peak resident set size so far (VmHWM), in MB; undefined once the process is gone. */
  peakRssMb(): number | undefined;
  /** Resident set size now (VmRSS), in MB. */
  rssMb(): number | undefined;
  /** SIGKILL: no shutdown, no flushing, as when a machine dies. */
  kill(): void;
  /** SIGTERM and wait for the exit (forced after 15 s). */
  stop(): Promise<void>;
  readonly exited: Promise<number | null>;
}

export interface ServerProcessOptions {
  env: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof --cpu-prof-dir=... */
  nodeFlags?: string[];
  /** Called with each chunk the server writes to stderr or stdout (warn-level logs). */
  onOutput?: (line: string) => void;
  /** Another entry point than src/server.ts (the bare Fastify baseline). */
  script?: string;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * How `npm start` runs the server: the arguments after `node` in package.json's start
 * script (V8 flags, the tsx loader, src/server.ts), so benchmarks and tests run it the same way.
 */
export function startScriptArguments(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('package.json', `file://${repoRoot}`), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = pkg.scripts.start.trim().split(/\s+/);
  if (command !== 'node') throw new Error(`package.json's start script must run node, not ${command}`);
  return args;
}

/**
 * The real server, started as `npm start` starts it, as a child process, resolved once its
 * /health answers 200 (migrations applied, database reachable).
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const entry = options.script ? ['--import', 'tsx', options.script] : startScriptArguments();
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeFlags ?? []), ...entry], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: String(port), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk: Buffer) => options.onOutput?.(chunk.toString('utf8'));
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server process did not start');
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, exited, options.script === undefined);
  const status = (field: 'VmHWM' | 'VmRSS') => {
    try {
      const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return kb ? Number(kb) / 1024 : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    url, pid, exited,
    peakRssMb: () => status('VmHWM'),
    rssMb: () => status('VmRSS'),
    kill: () => { child.kill('SIGKILL'); },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
    },
  };
}

/** Healthy: /health answers 200; for the baseline, which has no such route, any answer. */
async function waitForHealth(url: string, exited: Promise<number | null>, needsHealthRoute: boolean): Promise<void> {
  let gone = false;
  void exited.then(() => { gone = true; });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error('the server process exited before it was healthy');
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200 || !needsHealthRoute) return;
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server at ${url} was not healthy within 120 s`);
}
