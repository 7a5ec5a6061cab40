// File-name sanitising and Content-Disposition (webhooks-and-files.md §B1, §B3), and the local
// driver's refusal of paths outside its root.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { contentDisposition, sanitiseFilename, storedMimeType } from '../../core/files/names.js';
import { LocalStorage } from '../../core/files/local-storage.js';

t.test('sanitiseFilename', async (t) => {
  const cases: Array<[string | undefined, string]> = [
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system32\\cmd.exe', 'cmd.exe'],
    ['/absolute/path/x.txt', 'x.txt'],
    ['dir/', 'file'],
    ['..', 'file'],
    ['.', 'file'],
    ['a/..', 'file'],
    ['', 'file'],
    [undefined, 'file'],
    ['   ', 'file'],
    ['\u0000\u0007\u007f\u0085', 'file'],
    ['na\u0000me\r\n.txt', 'name.txt'],
    ['  padded.txt\t', 'padded.txt'],
    ['...', '...'],
    ['.hidden', '.hidden'],
    ['résumé 📄.pdf', 'résumé 📄.pdf'],
    ['lone\ud800surrogate', 'lone\ufffdsurrogate'],
  ];
  for (const [raw, want] of cases) t.equal(sanitiseFilename(raw), want, JSON.stringify(raw));

  t.equal(sanitiseFilename(`${'x'.repeat(300)}.jpeg`), `${'x'.repeat(250)}.jpeg`, '255 bytes, extension kept');
  t.equal(sanitiseFilename('y'.repeat(300)), 'y'.repeat(255), 'no extension');
  t.equal(sanitiseFilename(`.${'z'.repeat(300)}`), `.${'z'.repeat(254)}`, 'a leading dot is not an extension');
  t.equal(sanitiseFilename(`a.${'e'.repeat(300)}`), `a.${'e'.repeat(253)}`, 'an extension that leaves no room is cut like the name');
  const emoji = sanitiseFilename(`${'😀'.repeat(70)}.png`);
  t.equal(Buffer.byteLength(emoji), 4 * 62 + 4, 'whole characters only');
  t.ok(emoji.endsWith('😀.png'));
  t.equal(sanitiseFilename(`${'w '.repeat(200)}.txt`).endsWith(' .txt'), false, 'no space left before the extension');
});

t.test('storedMimeType', async (t) => {
  t.equal(storedMimeType('image/png'), 'image/png');
  t.equal(storedMimeType('Text/HTML; charset=utf-8'), 'text/html', 'lowercased, no parameters');
  t.equal(storedMimeType('application/vnd.openxmlformats-officedocument.wordprocessingml.document'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  for (const bad of [undefined, '', 'png', 'image/', '/png', 'image/p ng', 'a/b/c', 'text/plain\u0001', 'tëxt/plain']) {
    t.equal(storedMimeType(bad), 'application/octet-stream', JSON.stringify(bad));
  }
});

t.test('contentDisposition', async (t) => {
  t.equal(contentDisposition('plain name (1).txt'), 'inline; filename="plain name (1).txt"');
  t.equal(contentDisposition('a"b.txt'), `inline; filename="a_b.txt"; filename*=UTF-8''a%22b.txt`);
  t.equal(contentDisposition('a\\b.txt'), `inline; filename="a_b.txt"; filename*=UTF-8''a%5Cb.txt`);
  t.equal(contentDisposition("naïve it's*.txt"), `inline; filename="na_ve it's*.txt"; filename*=UTF-8''na%C3%AFve%20it%27s%2A.txt`);
  t.equal(contentDisposition('日本.pdf'), `inline; filename="__.pdf"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.pdf`);
  t.equal(contentDisposition('🚀.bin'), `inline; filename="_.bin"; filename*=UTF-8''%F0%9F%9A%80.bin`, 'one _ per character');
});

t.test('the local driver never leaves its root', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'rocket-local-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const store = new LocalStorage(root);
  await t.rejects(store.save('../outside.txt', Readable.from([Buffer.from('x')]), 'text/plain'), /outside the storage root/);
  await t.rejects(store.open('app/../../x'), /outside the storage root/);
  await t.rejects(store.deleteApp(''), /outside the storage root/);
  await t.rejects(store.deleteApp('..'), /outside the storage root/);
  await store.save('app/id/ok.txt', Readable.from([Buffer.from('ok')]), 'text/plain');
  t.equal(await store.exists('app/id/ok.txt'), true);
  t.equal(await store.open('app/id/missing.txt'), undefined);
  await store.delete('app/id/ok.txt');
  await store.delete('app/id/ok.txt');
  t.equal(await store.exists('app/id/ok.txt'), false, 'a missing blob is not an error');
});
