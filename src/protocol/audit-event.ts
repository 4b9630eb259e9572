import type { AccessKey } from '../auth/keys.js';
import { timeOrderedUuid } from '../ids.js';
import { isoSeconds } from '../domain/dates.js';
import type { AuditEvent } from '../domain/audit-trail.js';
import type { ApiError } from '../errors/api-error.js';
import type { ParamMap } from './params.js';
import { hostIdOf } from './render.js';
import type { ReceivedRequest } from './request.js';

/** Parameters of the signing protocol: the event says what they mean elsewhere (userIdentity, eventTime, eventName, apiVersion). */
const PROTOCOL_PARAMS = new Set(['AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'SignatureType', 'Timestamp', 'Format', 'Action', 'Version']);

/**
 * Names whose values are never written to the trail: signatures, secrets, passwords, tokens (SecurityToken,
 * BearerToken, …; a paging NextToken is none) and codes (VerificationCode). A future parameter so named is
 * left out without anyone having to remember this list.
 */
const SECRET_NAME = /secret|passw|signature|(?<!next)token|code$/i;

/** What one event keeps of a value or header at most: a request cannot make the trail grow by its body size. */
const MAX_VALUE = 1024;
const MAX_PARAMS = 100;

/** Actions that only read, by the Alibaba naming rule; every other action is a Write. */
const READ_ACTION = /^(Get|List|Describe|Lookup|Query|Check)[A-Z]/;

export function eventRW(action: string): 'Read' | 'Write' {
  return READ_ACTION.test(action) ? 'Read' : 'Write';
}

/** ActionTrail's userIdentity.type of a principal that is not a root account. */
const IDENTITY_TYPE = { SubUser: 'ram-user', AssumedRoleUser: 'assumed-role' } as const;

/** What the pipeline knows of a call when it answers: who (a verified or a claimed key), what, and the answer. */
export interface CallFacts {
  received: ReceivedRequest;
  params: ParamMap;
  key: AccessKey;
  action: string | undefined;
  version: string | undefined;
  serviceName: string;
  error: ApiError | undefined;
  /** When the request arrived (ms since the epoch). */
  at: number;
}

/** The ActionTrail-shaped event of a call, in the key's account (its tenant). */
export function auditEventOf(f: CallFacts): AuditEvent {
  const { accountId, type, name } = f.key.principal;
  const action = clip(f.action ?? '', 128);
  return {
    eventId: timeOrderedUuid(f.at),
    eventVersion: 1,
    eventType: 'ApiCall',
    eventCategory: 'Management',
    eventName: action,
    eventSource: clip(hostIdOf(f.received.headers), 255),
    eventRW: eventRW(action),
    eventTime: isoSeconds(f.at),
    apiVersion: clip(f.version ?? '', 64),
    requestId: f.received.requestId,
    serviceName: f.serviceName,
    sourceIpAddress: clip(f.received.sourceIp, 64),
    userAgent: clip(headerText(f.received.headers['user-agent']), MAX_VALUE),
    userIdentity:
      type === 'Root'
        ? { type: 'root-account', accountId, principalId: accountId, accessKeyId: f.key.id, userName: 'root' }
        : // rdcontacts's RAM users and roles have no numeric ID: the principal is named by its user name, or
          // an STS session by `<role>:<session>`.
          { type: IDENTITY_TYPE[type], accountId, principalId: name, accessKeyId: f.key.id, userName: name },
    requestParameters: requestParametersOf(f.params),
    ...(f.error && { errorCode: f.error.code, errorMessage: f.error.message }),
    // The service has no region: like Resource Management, its events are global.
    isGlobal: true,
    tenant: accountId,
  };
}

/** The request's own parameters without the signing protocol's and without any secret (see SECRET_NAME). */
function requestParametersOf(params: ParamMap): Record<string, string> {
  const out: Record<string, string> = {};
  let kept = 0;
  for (const [name, value] of params) {
    if (PROTOCOL_PARAMS.has(name) || SECRET_NAME.test(name)) continue;
    if (++kept > MAX_PARAMS) break;
    out[clip(name, 128)] = value.length > MAX_VALUE ? value.slice(0, MAX_VALUE) + '…' : value;
  }
  return out;
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** A value for a looked-up column: without control characters (PostgreSQL refuses NUL), at most `max` long. */
function clip(value: string, max: number): string {
  // Searched before replaced: a value seldom has one, and a replace that finds none still makes a string.
  const clean = value.search(CONTROLS) < 0 ? value : value.replace(CONTROLS, '');
  return clean.length > max ? clean.slice(0, max) : clean;
}

const CONTROLS = /[\u0000-\u001f\u007f]/g;
