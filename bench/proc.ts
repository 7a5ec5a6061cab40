// Starting and stopping the two server child processes. Each runs `node --import tsx <file>` so it
// gets its own event loop (and, on 2 cores, its own core while it is the one under load).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child {
  name: string;
  port: number;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();

// Last line of defence: whatever happens to the parent, no server is left behind.
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export function startChild(name: string, file: string, env: Record<string, string>, timeoutMs = 60_000): Promise<Child> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    cwd: fileURLToPath(new URL('..', import.meta.url)), // where `tsx` resolves from
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => { live.delete(child); resolve(); }));

  const stop = async (graceMs = 10_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  return new Promise<Child>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop(0);
      reject(new Error(`${name} server did not start within ${timeoutMs / 1000}s`));
    }, timeoutMs);
    child.on('message', (msg: { type?: string; port?: number }) => {
      if (msg?.type !== 'ready') return;
      clearTimeout(timer);
      resolve({ name, port: msg.port!, stop });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} server exited during start-up (code ${code}, signal ${signal}); see its output above`));
    });
  });
}
