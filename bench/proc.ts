// Starting and stopping the server processes. Each server is a plain `node <entry>` in its own
// session and process group (spawn's `detached`, i.e. setsid), with stdout and stderr going to a
// log file, as a deployed server runs: Ctrl-C in the terminal does not reach it (the harness still
// needs Rocket to delete the bench app), and the harness always stops the whole group itself:
// - stop(): SIGTERM to the group, SIGKILL to the group after a grace period, then SIGKILL to the
//   group once more for anything the leader left behind;
// - on any exit of the harness process: SIGKILL to every group still alive;
// - if the harness dies without running either (SIGKILL, OOM): a tiny watchdog process per server
//   notices within a second and kills the group.
// Readiness is GET /health answering 200 on the port the server was told to listen on.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Server {
  name: string;
  /** Pid of the server process: also its process group id. */
  pid: number;
  port: number;
  base: string;
  logFile: string;
  /** False once the process has exited. */
  alive(): boolean;
  /** Why the process ended, once it has. */
  exitInfo(): string | undefined;
  stop(graceMs?: number): Promise<void>;
  /** The last lines of its log file. */
  tail(lines?: number): string;
}

const groups = new Set<number>();

const killGroup = (pgid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-pgid, signal);
  } catch { /* ESRCH: the group is gone */ }
};

// Last line of defence inside this process: whatever ends it, no server is left behind.
process.on('exit', () => {
  for (const pgid of groups) killGroup(pgid, 'SIGKILL');
});

// Watches the harness (argv[1]) and one server group (argv[2]): exits when the group is gone, kills
// the group when the harness is gone. One kill(0) probe a second: no measurable load.
const WATCHDOG = `
const [parent, pgid] = process.argv.slice(1).map(Number);
const alive = (p) => { try { process.kill(p, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const timer = setInterval(() => {
  if (!alive(-pgid)) process.exit(0);
  if (alive(parent)) return;
  clearInterval(timer);
  try { process.kill(-pgid, 'SIGTERM'); } catch {}
  setTimeout(() => { try { process.kill(-pgid, 'SIGKILL'); } catch {} process.exit(0); }, 5000);
}, 1000);`;

function startWatchdog(pgid: number): void {
  const dog = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(pgid)], { detached: true, stdio: 'ignore' });
  dog.on('error', () => {});
  dog.unref();
}

/** A port that was free a moment ago (the server is told to listen on it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export function tailOf(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  /** The complete environment of the server: nothing is inherited from the harness. */
  env: Record<string, string>;
  port: number;
  logFile: string;
  timeoutMs?: number;
}

export async function startServer(o: StartOptions): Promise<Server> {
  const fd = openSync(o.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(o.command, o.args, { cwd: o.cwd, env: o.env, detached: true, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${o.name}: could not start ${o.command}: ${(await spawnError).message}`);
  groups.add(pid);
  startWatchdog(pid);
  let exitInfo: string | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    exitInfo = `exit code ${code}, signal ${signal}`;
    resolve();
  }));
  const base = `http://127.0.0.1:${o.port}`;

  const stop = async (graceMs = 15_000): Promise<void> => {
    if (exitInfo === undefined) {
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    killGroup(pid, 'SIGKILL'); // anything the leader left behind in its group
    groups.delete(pid);
  };
  const server: Server = {
    name: o.name, pid, port: o.port, base, logFile: o.logFile,
    alive: () => exitInfo === undefined,
    exitInfo: () => exitInfo,
    stop,
    tail: (lines) => tailOf(o.logFile, lines),
  };

  const deadline = Date.now() + (o.timeoutMs ?? 60_000);
  for (;;) {
    if (exitInfo !== undefined) throw new Error(`${o.name} exited during start-up (${exitInfo}); its log ${o.logFile} ends:\n${server.tail()}`);
    try {
      const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return server;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop(0);
      throw new Error(`${o.name} did not answer GET /health within ${(o.timeoutMs ?? 60_000) / 1000}s; its log ${o.logFile} ends:\n${server.tail()}`);
    }
    await sleep(250);
  }
}
