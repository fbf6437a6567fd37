/** The state of a case: the runtime's, with the 办件's domain state in its `domain` slot. */
import type { RuntimeState } from '../runtime/index.js';
import type { DomainState } from '../domain/index.js';

export type CaseState = RuntimeState<DomainState>;
