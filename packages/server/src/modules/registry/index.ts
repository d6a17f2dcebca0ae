// The registry's public surface for other modules (they import nothing else from this folder).
export { registryRoutes } from './routes.ts';
export { createOwner } from './create-owner.ts';
export { transferUnit } from './transfer-unit.ts';
export { getUnit } from './get-unit.ts';
export { presentOwner, presentOwnership } from './present.ts';
export { CREDIT_CODE_PROBLEM_ZH, ID_NUMBER_PROBLEM_ZH } from './messages.ts';
