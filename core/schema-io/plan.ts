// The answer of a dry run (`POST /_admin/import?dry_run=true`, beyond schema-io.md): from an import
// that ran and was rolled back (core/schema-io/dry-run.ts), per section what would be created,
// replaced (UI configs), skipped as already present — with the differences between the present
// item and the document's — and what would fail with its `errors` entry; per sample_data key the
// rows that would be inserted, skipped and refused.
import { SECTIONS, type Section, type Summary } from './document.js';
import { differences, type Difference } from './diff.js';
import type { ImportRun } from './import.js';
import { KEYS } from './items.js';

type Item = Record<string, unknown>;

export interface Comparison {
  item: string;
  /** [] when the present item is the document's item. */
  differences: Difference[];
  /** More differences than listed (diff.ts MAX_DIFFERENCES). */
  truncated?: true;
}

export interface SectionPlan {
  create: string[];
  /** UI configs whose (entity, scope) exists: their config would be replaced (§2.3). */
  replace: Comparison[];
  skip: Comparison[];
  fail: Array<{ item: string; error: string }>;
}

export interface SamplePlan {
  key: string;
  target: string | null;
  rows: number;
  insert: number;
  skip: number;
  errors: string[];
}

export interface ImportPlan {
  message: string;
  dry_run: true;
  /** The `summary` the import would answer with. */
  summary: Summary;
  errors?: string[];
  plan: Record<Section, SectionPlan> & { sample_data: SamplePlan[] };
}

function compare(existing: Item | undefined, imported: Item | undefined, label: string): Comparison {
  const { list, truncated } = differences(existing, imported);
  return truncated ? { item: label, differences: list, truncated: true } : { item: label, differences: list };
}

export function buildPlan(run: ImportRun): ImportPlan {
  const plan = {} as ImportPlan['plan'];
  for (const section of SECTIONS) {
    // What a skipped item was compared with: the app's item, or an earlier item of the document.
    const present = new Map<string, Item | undefined>(run.before[section].map((i) => [KEYS[section](i), i]));
    const p: SectionPlan = { create: [], replace: [], skip: [], fail: [] };
    for (const o of run.sections[section]) {
      const existing = o.key !== undefined ? present.get(o.key) : undefined;
      if (o.status === 'created') {
        p.create.push(o.label);
        if (o.key !== undefined) present.set(o.key, o.item);
      } else if (o.status === 'replaced') {
        p.replace.push(compare(existing, o.item, o.label));
        if (o.key !== undefined) present.set(o.key, o.item);
      } else if (o.status === 'skipped') {
        p.skip.push(compare(existing, o.item, o.label));
      } else {
        p.fail.push({ item: o.label, error: o.error! });
      }
    }
    plan[section] = p;
  }
  plan.sample_data = run.sample.outcomes.map((o) => ({
    key: o.key, target: o.target ?? null, rows: o.rows, insert: o.inserted, skip: o.skipped, errors: o.errors,
  }));
  return {
    message: 'Dry run: nothing was written', dry_run: true, summary: run.summary,
    ...(run.errors.length > 0 ? { errors: run.errors } : {}),
    plan,
  };
}
