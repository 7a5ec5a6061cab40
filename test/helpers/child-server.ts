// A Rocket server in a child process (`node --import tsx server.ts`) on the stores of a test
// config, for crash tests: kill it with SIGKILL, then start a new server on the same data.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { until } from './receiver.js';
import type { TapTest, TestDialect } from './server.js';
import type { RocketConfig } from '../../config/schema.js';
import type { DeepPartial } from '../../config/load.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface ChildServer {
  base: string;
  /** SIGKILL (no shutdown of any kind). */
  kill(): void;
  /** SIGTERM (the graceful shutdown of server.ts); resolves with the exit code. */
  terminate(): Promise<number | null>;
  exited(): boolean;
  /** An app administrator's access token (admin@localhost). */
  adminToken(app: string): Promise<string>;
}

export async function startChildServer(t: TapTest, dialect: TestDialect, config: DeepPartial<RocketConfig>, env: Record<string, string> = {}): Promise<ChildServer> {
  const port = await freePort();
  const dir = config.database!.data_dir!;
  // ROCKET_CONFIG names an empty file, so no app.yaml of the working directory is read.
  writeFileSync(join(dir, 'none.yaml'), '{}\n');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: {
      ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', ROCKET_LOG_LEVEL: 'silent',
      ROCKET_CONFIG: join(dir, 'none.yaml'), ROCKET_DATA_DIR: dir, ROCKET_DB_DRIVER: dialect,
      ...(dialect === 'postgres' ? { DATABASE_URL: config.database!.url!, ROCKET_DB_POOL_SIZE: '2' } : {}),
      ROCKET_PLATFORM_JWT_SECRET: config.platform_jwt_secret!, ROCKET_STORAGE_PATH: config.storage!.local_path!,
      ...env,
    },
    stdio: 'ignore',
  });
  let exited = false;
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    exited = true;
    resolve(code);
  }));
  t.teardown(() => { if (!exited) child.kill('SIGKILL'); });
  const base = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${base}/health`).catch(() => undefined))?.ok ?? false, 'the child server');
  return {
    base,
    kill: () => child.kill('SIGKILL'),
    terminate: () => {
      child.kill('SIGTERM');
      return exit;
    },
    exited: () => exited,
    async adminToken(app) {
      const res = await fetch(`${base}/api/${app}/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@localhost', password: 'changeme' }),
      });
      return ((await res.json()) as { data: { access_token: string } }).data.access_token;
    },
  };
}
