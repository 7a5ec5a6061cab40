// The contract of a write step (write-pipeline.md §2.2, §2.3, §3). A step is one file exporting a
// `WriteStep`; `compile` runs once per entity and write kind when the registry is built and returns
// the phases the step has for that pair, or null when it has nothing to do there (so an entity with
// no slug, no file field and no rules carries no slug, file or rule code on its write path).
import type { CompiledEntity } from '../../compile/compiled-entity.js';
import type { Registry } from '../../compile/registry.js';
import type { Queryable } from '../../db/types.js';
import type { RelationPlan } from '../nested/plan.js';
import type { RowCompanion } from '../row-sql.js';
import type { CompiledMachine, CompiledTransition } from '../../state-machines/compile.js';
import type { WriteContext } from '../write-context.js';

export type Values = Record<string, unknown>;

/**
 * What is written: `create` and `update` of a record, `delete` of a record the request addresses
 * or a nested write removes, and `cascade`, a record removed by an `on_delete: cascade` policy
 * (§3: cascaded records run no rules, webhooks or audit, and need no permission of their own).
 */
export type WriteKind = 'create' | 'update' | 'delete' | 'cascade';
export const WRITE_KINDS: readonly WriteKind[] = ['create', 'update', 'delete', 'cascade'];

/** One record on its way through the pipeline; steps read and amend it. */
export interface RecordWrite {
  readonly kind: WriteKind;
  readonly entity: CompiledEntity;
  /** A nested-write child (§2.3) rather than the record the request addresses. */
  readonly nested: boolean;
  /**
   * Made by a `create_record` transition action (logic.md §3.6): no permission of its own is
   * checked, the transition was authorised.
   */
  readonly trusted?: boolean;
  /** Detail path prefix of this record in error details: '' at the top, `chapters[0].` below. */
  readonly path: string;
  /** The primary key (update, delete; a create learns it from its INSERT). */
  pk: unknown;
  /** `payload` of §2.1: the validated values to store (create, update); empty for deletes. */
  values: Values;
  /** `old` of §2.1: the current record, re-read under lock (update, delete). */
  old: Values | undefined;
  /** The stored record after the row's SQL (create, update). */
  record: Values | undefined;
  /** The record's own nested relation writes (§5), run after its row. */
  readonly relations: readonly RelationPlan[] | undefined;
  /**
   * Set by a step that chose a value which a concurrent write may take first (a slug suffix): on a
   * unique violation of the row's statement it amends `values` and answers true to have the
   * statement retried (under a savepoint), or false to let the violation answer 409.
   */
  onUniqueViolation?: (err: unknown, run: WriteRun) => Promise<boolean>;
  /**
   * Set by a step's check phase: a second write the row's statement carries in the same round trip
   * (a data-modifying CTE where the dialect has them: the audit entry, core/audit/cte.ts).
   */
  companion?: RowCompanion;
  /**
   * Transitions the state-machine step took for this record (step 16), whose remaining actions the
   * transition-actions step runs once the row is written (step 24 and after commit).
   */
  transitions?: TakenTransition[];
}

/** A state-machine transition taken by an update (logic.md §3.3). */
export interface TakenTransition {
  readonly machine: CompiledMachine;
  readonly transition: CompiledTransition;
  readonly from: string;
  readonly to: string;
}

/**
 * The transaction (or, on the single-statement path, the pool) a record write runs on, shared by
 * every record of one request. A retried transaction starts a new run, so nothing queued by a
 * failed attempt fires.
 */
export interface WriteRun {
  readonly q: Queryable;
  readonly ctx: WriteContext;
  /** `entity:pk` of records already deleted by this request (a record reached twice is removed once). */
  readonly deleted: Set<string>;
  /** afterCommit phases queued by this attempt's records, run once after COMMIT. */
  readonly afterCommit: Array<{ fn: AfterCommitFn; w: RecordWrite }>;
  /** Records written, for `records.committed`; only kept while the event has a listener. */
  readonly committed: RecordWrite[] | undefined;
}

export type CheckFn = (w: RecordWrite, ctx: WriteContext) => void;
export type TxFn = (w: RecordWrite, run: WriteRun) => void | Promise<void>;
export type AfterCommitFn = (w: RecordWrite, ctx: WriteContext) => void | Promise<void>;

/** The phases one step has for one (entity, kind); every member is optional. */
export interface StepPhases {
  /** Before BEGIN (or, for a nested child, as soon as its operation is known); writes nothing. */
  check?: CheckFn;
  /** In the transaction, before the row's SQL. */
  beforeWrite?: TxFn;
  /** In the transaction, after the row and its children. */
  afterWrite?: TxFn;
  /** Once after COMMIT; failures are logged and never change the response. */
  afterCommit?: AfterCommitFn;
  /**
   * Whether this write gives the step transactional work. Without it, a step with `beforeWrite` or
   * `afterWrite` always needs the transaction; with it, a write no step needs runs as one statement.
   */
  needsTransaction?: (w: RecordWrite, ctx: WriteContext) => boolean;
}

export interface WriteStep {
  /** Short name, for docs and logs. */
  readonly name: string;
  compile(entity: CompiledEntity, kind: WriteKind, registry: Registry): StepPhases | null;
}

/** The flattened phases of every step for one (entity, kind); null where a phase has no step. */
export interface CompiledSteps {
  readonly check: readonly CheckFn[] | null;
  readonly beforeWrite: readonly TxFn[] | null;
  readonly afterWrite: readonly TxFn[] | null;
  readonly afterCommit: readonly AfterCommitFn[] | null;
  /** Per step with transactional work: whether this write needs it; `true` entries mean always. */
  readonly transactional: ReadonlyArray<true | ((w: RecordWrite, ctx: WriteContext) => boolean)> | null;
}
