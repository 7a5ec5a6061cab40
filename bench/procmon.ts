// CPU time and resident memory of a server's process tree (its pid and all descendants), read from
// /proc, as the reference harness measures them (../shared/bench/lib/procmon.mjs). CPU time per
// request is far less sensitive to other load on the machine than req/s. Linux only: elsewhere the
// columns stay empty.
import { readdirSync, readFileSync } from 'node:fs';

const PAGE = 4096;
const HZ = 100; // USER_HZ on Linux

interface Stat { comm: string; ppid: number; cpu: number; rss: number }

function statOf(pid: number | string): Stat | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = s.lastIndexOf(')');
    const rest = s.slice(close + 2).split(' ');
    // "pid (comm) state ppid …": rest[0]=state, [1]=ppid, [11]=utime, [12]=stime, [21]=rss pages
    return { comm: s.slice(s.indexOf('(') + 1, close), ppid: Number(rest[1]), cpu: (Number(rest[11]) + Number(rest[12])) / HZ, rss: Number(rest[21]) * PAGE };
  } catch {
    return null;
  }
}

export function treePids(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [root];
  }
  for (const d of entries) {
    if (!/^\d+$/.test(d)) continue;
    const st = statOf(d);
    if (!st) continue;
    if (!children.has(st.ppid)) children.set(st.ppid, []);
    children.get(st.ppid)!.push(Number(d));
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    for (const c of children.get(p) ?? []) stack.push(c);
  }
  return out;
}

function sampleTree(root: number): { rss: number; cpu: number } | null {
  let rss = 0;
  let cpu = 0;
  let alive = false;
  for (const p of treePids(root)) {
    const st = statOf(p);
    if (!st) continue;
    alive = true;
    rss += st.rss;
    cpu += st.cpu;
  }
  return alive ? { rss, cpu } : null;
}

/**
 * The local PostgreSQL's postmaster (a `postgres` process whose parent is not one), whose tree
 * holds every backend: the database's share of the CPU per request. Undefined when there is none.
 */
export function postgresRoot(): number | undefined {
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const d of entries) {
    if (!/^\d+$/.test(d)) continue;
    const st = statOf(d);
    if (st?.comm === 'postgres' && statOf(st.ppid)?.comm !== 'postgres') return Number(d);
  }
  return undefined;
}

export interface Usage { cpuSec: number; rssMaxMiB: number; rssEndMiB: number }

/** Samples every `everyMs` until stop(); returns the CPU seconds used meanwhile and the RSS peak. */
export function monitor(root: number, everyMs = 1000): { stop(): Usage | null } {
  const first = sampleTree(root);
  let last = first;
  let maxRss = first?.rss ?? 0;
  const timer = setInterval(() => {
    const s = sampleTree(root);
    if (!s) return;
    last = s;
    if (s.rss > maxRss) maxRss = s.rss;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const end = sampleTree(root) ?? last;
      if (!first || !end) return null;
      const mib = (b: number) => Math.round((b / 1048576) * 10) / 10;
      return { cpuSec: end.cpu - first.cpu, rssMaxMiB: mib(Math.max(maxRss, end.rss)), rssEndMiB: mib(end.rss) };
    },
  };
}
