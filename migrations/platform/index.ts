// Every migration of the management database, in version order.
import type { Migration } from '../../core/db/migrator.js';
import { init } from './001-init.js';

export const platformMigrations: readonly Migration[] = [init];
