import assumeRole from './assume-role.js';
import getCallerIdentity from './get-caller-identity.js';

/** Sts 2015-04-01, served on the same endpoint (the provider's `endpoints { sts = … }`). */
export const stsOperations = [assumeRole, getCallerIdentity];
