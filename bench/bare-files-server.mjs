// The floor for bench/files.ts: plain node:http, no framework, no multipart parsing, no database.
// POST streams the request body to a file in --dir; GET /<name> streams that file back. What
// Rocket's upload and download cost beyond this is Rocket's.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string' }, dir: { type: 'string' } } });
const dir = values.dir;
let n = 0;

createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  if (req.method === 'POST') {
    const name = `up${++n}.bin`;
    pipeline(req, createWriteStream(join(dir, name))).then(
      () => res.end(JSON.stringify({ name, size: statSync(join(dir, name)).size })),
      (err) => { res.statusCode = 500; res.end(String(err)); },
    );
    return;
  }
  const file = join(dir, req.url.slice(1));
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
  createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(res);
}).listen(Number(values.port), '127.0.0.1');
