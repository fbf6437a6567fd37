/** Every domain command and its handler (a missing one fails to compile). */
import type { DomainCommand, DomainCommandType } from '../commands.js';
import type { DomainHandler } from '../decision.js';
import { accept, acceptWithTolerance, refuseCase } from './accept.js';
import { conclude, deliver, revoke, withdraw } from './conclude.js';
import { noticeCorrection, supplyMaterials } from './correction.js';
import { decideOnCommitment, endSpecialProcedure, startSpecialProcedure, verifyCommitment } from './commitment.js';
import { receive } from './receive.js';
import { concludePart, receivePart } from './package.js';

export const domainHandlers: { readonly [K in DomainCommandType]: DomainHandler<Extract<DomainCommand, { type: K }>> } =
  {
    'case.receive': receive,
    'case.receivePart': receivePart,
    'package.concludePart': concludePart,
    'case.noticeCorrection': noticeCorrection,
    'materials.supply': supplyMaterials,
    'case.accept': accept,
    'case.acceptWithTolerance': acceptWithTolerance,
    'case.refuse': refuseCase,
    'case.conclude': conclude,
    'case.deliver': deliver,
    'case.withdraw': withdraw,
    'case.revoke': revoke,
    'specialProcedure.start': startSpecialProcedure,
    'specialProcedure.end': endSpecialProcedure,
    'case.decideOnCommitment': decideOnCommitment,
    'commitment.verify': verifyCommitment,
  };

export { onDeadline } from './conclude.js';
export { DEFAULT_PACKAGE_RULE, partOf, refusedParts } from './package.js';
