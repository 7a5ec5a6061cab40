// bench:files (#16 item 5): memory and speed of file uploads and downloads on the local driver,
// against Rocket as deployed (`npm run build`, then `node dist/server.js` with NODE_ENV=production,
// SQLite, storage under the run's scratch folder), from this process over loopback HTTP.
//
// - upload: one multipart POST of a BENCH_FILE_MB file streamed from disk (Content-Length set),
//   timed until the 201; the server's RSS is sampled every 20 ms meanwhile, and its growth over
//   the RSS just before the upload is reported (goal: under 50 MB for 200 MB).
// - download: GET of the same file, streamed to a file on disk.
// - yardsticks, on the same file system and with the same client: `cp` of the file (the goal:
//   upload and download each within 2x of it), and bare-files-server.mjs, plain node:http piping
//   the body to a file and a file to the response (what any Node server pays for HTTP over
//   loopback; no framework, no multipart, no database).
// Each is run BENCH_ROUNDS times (default 3), Rocket and the bare server in alternating order;
// medians are reported. Exits non-zero when a request fails, when the RSS goal is missed or when
// Rocket takes more than twice the bare server's time; the ratios to cp are printed either way.
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, createWriteStream, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { CHECKOUT, intEnv } from './harness.js';
import { login } from './http.js';
import { freePort, startServer, type Server } from './proc.js';
import { monitor } from './procmon.js';
import { baseEnv, APP_LOGIN, PLATFORM_LOGIN } from './setup.js';

const MB = 1024 * 1024;
const FILE_MB = intEnv('BENCH_FILE_MB', 200);
const ROUNDS = intEnv('BENCH_ROUNDS', 3);
const RSS_GOAL_MB = 50;
const SPEED_GOAL = 2;
/** Client-side stream chunks: large, so the client is not what is measured. */
const CHUNK = 1024 * 1024;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ns: bigint) => Number(ns) / 1e9;

function makeFile(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  const block = randomBytes(MB);
  try {
    for (let done = 0; done < bytes; done += MB) writeSync(fd, block, 0, Math.min(MB, bytes - done));
  } finally {
    closeSync(fd);
  }
}

function timedCp(src: string, dst: string): number {
  rmSync(dst, { force: true });
  const t0 = process.hrtime.bigint();
  const res = spawnSync('cp', [src, dst]);
  if (res.status !== 0) throw new Error(`cp failed: ${res.stderr}`);
  const s = seconds(process.hrtime.bigint() - t0);
  rmSync(dst);
  return s;
}

/** POSTs `file` as the `file` part of a multipart body streamed from disk; resolves with the answer. */
function upload(base: string, url: string, token: string, file: string, size: number): Promise<{ status: number; body: any }> {
  const boundary = `----rocketbench${randomBytes(6).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.bin"\r\n`
    + 'Content-Type: application/octet-stream\r\n\r\n');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(`${base}${url}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + size + tail.length),
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.write(head);
    const body = createReadStream(file, { highWaterMark: CHUNK });
    body.on('error', reject);
    body.on('end', () => req.end(tail));
    body.pipe(req, { end: false });
  });
}

async function download(base: string, url: string, token: string, dst: string): Promise<number> {
  rmSync(dst, { force: true });
  await new Promise<void>((resolve, reject) => {
    const req = request(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`download answered ${res.statusCode}`));
      pipeline(res, createWriteStream(dst, { highWaterMark: CHUNK })).then(resolve, reject);
    });
    req.on('error', reject);
    req.end();
  });
  const size = statSync(dst).size;
  rmSync(dst);
  return size;
}

interface Target {
  name: string;
  server: Server;
  token: string;
  /** The upload path, and the download path of an upload's answer. */
  uploadUrl: string;
  downloadUrl(answer: any): string;
  /** Removes what an upload stored. */
  forget(answer: any): Promise<void>;
  ups: number[];
  downs: number[];
  growth: number[];
}

async function startRocketTarget(scratch: string): Promise<Target> {
  const port = await freePort();
  const server = await startServer({
    name: 'rocket', command: process.execPath, args: ['dist/server.js'], cwd: CHECKOUT, port,
    logFile: join(scratch, 'rocket.log'),
    env: {
      ...baseEnv(),
      NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1',
      ROCKET_PLATFORM_JWT_SECRET: randomBytes(32).toString('hex'),
      ROCKET_PLATFORM_ADMIN_PASSWORD: PLATFORM_LOGIN.password,
      ROCKET_APP_ADMIN_PASSWORD: APP_LOGIN.password,
      ROCKET_DB_DRIVER: 'sqlite',
      ROCKET_DATA_DIR: join(scratch, 'data'),
      ROCKET_STORAGE_PATH: join(scratch, 'uploads'),
      ROCKET_MAX_FILE_SIZE: String((FILE_MB + 1) * MB),
    },
  });
  const platformToken = await login(server.base, '/api/_platform/auth/login', PLATFORM_LOGIN.email, PLATFORM_LOGIN.password);
  const app = `files_${randomBytes(3).toString('hex')}`;
  const created = await fetch(`${server.base}/api/_platform/apps`, {
    method: 'POST', headers: { authorization: `Bearer ${platformToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: app }),
  });
  if (created.status !== 201) throw new Error(`create app answered ${created.status}: ${await created.text()}`);
  const token = await login(server.base, `/api/${app}/auth/login`, APP_LOGIN.email, APP_LOGIN.password);
  return {
    name: 'rocket', server, token, uploadUrl: `/api/${app}/_files/upload`,
    downloadUrl: (answer) => answer.data.url,
    async forget(answer) {
      const del = await fetch(`${server.base}${answer.data.url}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
      if (del.status !== 200) throw new Error(`delete answered ${del.status}`);
    },
    ups: [], downs: [], growth: [],
  };
}

async function startBareTarget(scratch: string): Promise<Target> {
  const port = await freePort();
  const dir = join(scratch, 'bare');
  mkdirSync(dir);
  const server = await startServer({
    name: 'bare', command: process.execPath, args: [join(CHECKOUT, 'bench', 'bare-files-server.mjs'), '--port', String(port), '--dir', dir],
    cwd: CHECKOUT, port, logFile: join(scratch, 'bare.log'), env: baseEnv(),
  });
  return {
    name: 'bare node', server, token: '-', uploadUrl: '/',
    downloadUrl: (answer) => `/${answer.name}`,
    forget: async (answer) => rmSync(join(dir, answer.name)),
    ups: [], downs: [], growth: [],
  };
}

async function measure(t: Target, src: string, size: number, scratch: string): Promise<void> {
  await sleep(500); // let the server settle before its baseline
  const before = monitor(t.server.pid).stop()!.rssEndMiB;
  const mon = monitor(t.server.pid, 20);
  const t0 = process.hrtime.bigint();
  const res = await upload(t.server.base, t.uploadUrl, t.token, src, size);
  t.ups.push(seconds(process.hrtime.bigint() - t0));
  const usage = mon.stop()!;
  const stored = res.body?.data?.size ?? res.body?.size;
  if (res.status !== (t.name === 'rocket' ? 201 : 200) || stored < size) throw new Error(`${t.name} upload answered ${res.status}: ${JSON.stringify(res.body)}`);
  t.growth.push(usage.rssMaxMiB - before);
  const t1 = process.hrtime.bigint();
  const got = await download(t.server.base, t.downloadUrl(res.body), t.token, join(scratch, 'download.bin'));
  t.downs.push(seconds(process.hrtime.bigint() - t1));
  if (got !== stored) throw new Error(`${t.name} download returned ${got} bytes, not ${stored}`);
  await t.forget(res.body);
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'rocket-bench-files-'));
  const targets: Target[] = [];
  let failed = false;
  try {
    if (process.env.BENCH_BUILD !== '0') {
      console.log('npm run build…');
      const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: CHECKOUT, stdio: 'inherit' });
      if (built.status !== 0) throw new Error('`npm run build` failed (BENCH_BUILD=0 runs dist/ as it is)');
    }
    targets.push(await startRocketTarget(scratch), await startBareTarget(scratch));
    const src = join(scratch, 'source.bin');
    const size = FILE_MB * MB;
    console.log(`writing a ${FILE_MB} MB test file…`);
    makeFile(src, size);
    // Warm-up: each server's upload path loaded and compiled, the page cache holding the source.
    const small = join(scratch, 'small.bin');
    writeFileSync(small, randomBytes(64 * 1024));
    for (const t of targets) await t.forget((await upload(t.server.base, t.uploadUrl, t.token, small, 64 * 1024)).body);
    timedCp(src, join(scratch, 'warm.bin'));

    const cps: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      cps.push(timedCp(src, join(scratch, 'copy.bin')));
      for (const t of round % 2 === 1 ? targets : [...targets].reverse()) await measure(t, src, size, scratch);
      console.log(`round ${round}: cp ${cps.at(-1)!.toFixed(3)} s; ${targets.map((t) =>
        `${t.name} upload ${t.ups.at(-1)!.toFixed(3)} s (RSS +${t.growth.at(-1)!.toFixed(1)} MiB), download ${t.downs.at(-1)!.toFixed(3)} s`).join('; ')}`);
    }

    const cp = median(cps);
    const [rocket, bare] = targets;
    const rate = (s: number) => `${(FILE_MB / s).toFixed(0).padStart(5)} MB/s`;
    const line = (label: string, s: number, floor: number) =>
      `  ${label.padEnd(20)} ${s.toFixed(3)} s ${rate(s)}   ${(s / cp).toFixed(2)}x cp   ${(s / floor).toFixed(2)}x bare node`;
    console.log(`\n${FILE_MB} MB, local driver, medians of ${ROUNDS} rounds (node dist/server.js, NODE_ENV=production, SQLite; client in this process):`);
    console.log(`  ${'cp'.padEnd(20)} ${cp.toFixed(3)} s ${rate(cp)}`);
    for (const t of [bare, rocket]) {
      console.log(line(`${t.name} upload`, median(t.ups), median(bare.ups)));
      console.log(line(`${t.name} download`, median(t.downs), median(bare.downs)));
    }
    const rss = Math.max(...rocket.growth);
    console.log(`  rocket RSS growth during an upload: max ${rss.toFixed(1)} MiB (bare node: ${Math.max(...bare.growth).toFixed(1)} MiB)   goal < ${RSS_GOAL_MB} MB`);
    const upCp = median(rocket.ups) / cp;
    const downCp = median(rocket.downs) / cp;
    console.log(`  goal upload/download within ${SPEED_GOAL}x cp: ${upCp <= SPEED_GOAL && downCp <= SPEED_GOAL ? 'met' : `missed (the bare node server is ${(median(bare.ups) / cp).toFixed(1)}x / ${(median(bare.downs) / cp).toFixed(1)}x cp itself)`}`);
    if (rss * MB >= RSS_GOAL_MB * 1e6) failed = true;
    if (median(rocket.ups) > SPEED_GOAL * median(bare.ups) || median(rocket.downs) > SPEED_GOAL * median(bare.downs)) failed = true;
    if (failed) console.log('GOAL MISSED: RSS, or more than 2x the bare node server');
  } finally {
    for (const t of targets) await t.server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
