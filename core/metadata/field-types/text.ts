// Field type `text`: identical storage and rules to `string`; only a "long text" hint for UIs.

import type { FieldType } from '../types.js';
import { makeStringType } from './string.js';

export const textType: FieldType = makeStringType('text');
