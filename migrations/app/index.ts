// Every migration of an app database, in version order.
import type { Migration } from '../../core/db/migrator.js';
import { init } from './001-init.js';
import { metadataVersion } from './002-metadata-version.js';
import { rules } from './003-rules.js';
import { stateMachines } from './004-state-machines.js';
import { eventsAndEffects } from './005-events-and-effects.js';
import { webhooks } from './006-webhooks.js';
import { audit } from './007-audit.js';
import { workflows } from './008-workflows.js';
import { spans } from './009-spans.js';
import { uiConfigs } from './010-ui-configs.js';
import { spanBatches } from './011-span-batches.js';

export const appMigrations: readonly Migration[] = [init, metadataVersion, rules, stateMachines, eventsAndEffects, webhooks, audit, workflows, spans, uiConfigs, spanBatches];
