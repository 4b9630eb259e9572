import { ApiError } from '../errors/api-error.js';
import type { ApiRequest } from '../protocol/request.js';
import { verifySignatureV1 } from '../protocol/signature-v1.js';
import { hashHex, headerValue, parseV3Authorization, REQUIRED_SIGNED_HEADERS, SM3_AVAILABLE, verifySignatureV3 } from '../protocol/signature-v3.js';
import type { NonceRegistry } from '../store/store.js';
import type { AccessKey, KeyRing } from './keys.js';
import type { RoleSessions } from './role-sessions.js';

/** An authenticated request: the key that signed it and the action and version it signed. */
export interface Caller {
  key: AccessKey;
  action: string;
  version: string;
  signatureVersion: 'V1' | 'V3';
}

export interface AuthenticatorOptions {
  keys: KeyRing;
  /** The AccessKeys of STS sessions (a request with a security token). */
  sessions: RoleSessions;
  nonces: NonceRegistry;
  /** Accepted clock skew, in milliseconds. */
  windowMs: number;
  now?: () => number;
}

/** What a nonce may be: the SDKs send UUIDs or hex; anything else only costs memory and storage. */
const NONCE = /^[\x21-\x7e]{1,128}$/;

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

/**
 * Verifies a V1 (HMAC-SHA1) or V3 (ACS3-HMAC-SHA256 or ACS3-HMAC-SM3) signed request, by an AccessKey or an
 * STS session's credentials. Checks run cheapest first; the nonce is claimed only once the signature
 * verifies, so nobody can burn another caller's nonces.
 */
export class Authenticator {
  private readonly now: () => number;

  constructor(private readonly options: AuthenticatorOptions) {
    this.now = options.now ?? Date.now;
  }

  async authenticate(req: ApiRequest): Promise<Caller> {
    const authorization = header(req, 'authorization');
    if (authorization !== undefined && /^ACS3-/i.test(authorization)) return this.verifyV3(req, authorization);
    if (header(req, 'x-acs-bearer-token') !== undefined || req.params.has('BearerToken')) {
      throw new ApiError('InvalidAuthorization.NotSupported');
    }
    return this.verifyV1(req);
  }

  private async verifyV1(req: ApiRequest): Promise<Caller> {
    const p = req.params;
    for (const name of ['AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureNonce', 'Timestamp', 'Action', 'Version']) {
      if (!p.get(name)) throw new ApiError(`MissingParameter.${name}`);
    }
    if (p.get('SignatureMethod') !== 'HMAC-SHA1') throw new ApiError('UnsupportedSignatureMethod');
    checkNonce(p.get('SignatureNonce')!);
    const version = p.get('SignatureVersion');
    if (version !== undefined && version !== '1.0') throw new ApiError('InvalidParameter.SignatureVersion');
    const expiresAt = this.checkTimestamp(p.get('Timestamp')!);
    const key = this.findKey(p.get('AccessKeyId')!, p.get('SecurityToken'));
    if (!verifySignatureV1(req.method, p, key.secret)) throw new ApiError('SignatureDoesNotMatch');
    await this.claimNonce(key, p.get('SignatureNonce')!, expiresAt);
    return { key, action: p.get('Action')!, version: p.get('Version')!, signatureVersion: 'V1' };
  }

  private async verifyV3(req: ApiRequest, authorization: string): Promise<Caller> {
    const auth = parseV3Authorization(authorization);
    if (!auth) {
      if (/^ACS3-HMAC-(SHA256|SM3) /.test(authorization)) throw new ApiError('IncompleteSignature', { message: 'The Authorization header is malformed.' });
      throw new ApiError('UnsupportedSignatureMethod');
    }
    if (auth.algorithm === 'ACS3-HMAC-SM3' && !SM3_AVAILABLE) {
      throw new ApiError('UnsupportedSignatureMethod', { message: "ACS3-HMAC-SM3 is not available: this server's Node.js (its OpenSSL) has no SM3; sign with ACS3-HMAC-SHA256." });
    }
    for (const name of REQUIRED_SIGNED_HEADERS) {
      if (!auth.signedHeaders.includes(name)) throw new ApiError('IncompleteSignature', { message: `The header ${name} must be signed.` });
      if (header(req, name) === undefined) throw new ApiError(`MissingParameter.${name}`);
    }
    for (const name of Object.keys(req.headers)) {
      if (name.startsWith('x-acs-') && !auth.signedHeaders.includes(name)) {
        throw new ApiError('IncompleteSignature', { message: `The header ${name} must be signed.` });
      }
    }
    for (const name of auth.signedHeaders) {
      if (header(req, name) === undefined) throw new ApiError('IncompleteSignature', { message: `The signed header ${name} is missing.` });
    }
    checkNonce(header(req, 'x-acs-signature-nonce')!);
    const expiresAt = this.checkTimestamp(header(req, 'x-acs-date')!);
    // x-acs-security-token, like every x-acs- header, is signed (checked above).
    const key = this.findKey(auth.accessKeyId, header(req, 'x-acs-security-token'));
    const hashedPayload = header(req, 'x-acs-content-sha256')!;
    // The official clients send the payload hash in x-acs-content-sha256 whatever the algorithm (an SM3 digest for SM3).
    if (hashHex(req.rawBody, auth.algorithm) !== hashedPayload) {
      throw new ApiError('SignatureDoesNotMatch', { message: 'The x-acs-content-sha256 header does not match the request body.' });
    }
    const signed = { method: req.method, query: req.query, headers: req.headers, signedHeaders: auth.signedHeaders, hashedPayload, algorithm: auth.algorithm };
    if (!verifySignatureV3(signed, auth.signature, key.secret)) throw new ApiError('SignatureDoesNotMatch');
    await this.claimNonce(key, header(req, 'x-acs-signature-nonce')!, expiresAt);
    return { key, action: header(req, 'x-acs-action')!, version: header(req, 'x-acs-version')!, signatureVersion: 'V3' };
  }

  /** Checks the signed time against the window; returns until when its nonce must be remembered. */
  private checkTimestamp(value: string): number {
    const m = TIMESTAMP.exec(value);
    const at = m ? Date.parse(value) : NaN;
    if (Number.isNaN(at)) throw new ApiError('InvalidTimeStamp.Format');
    const now = this.now();
    if (Math.abs(now - at) > this.options.windowMs) throw new ApiError('InvalidTimeStamp.Expired');
    // A nonce is live while its expiry is after now; the timestamp is still accepted at at + windowMs.
    return at + this.options.windowMs + 1;
  }

  /** The key that signed: an STS session's when a security token comes with it, otherwise a configured one. */
  private findKey(accessKeyId: string, securityToken: string | undefined): AccessKey {
    // An empty token is no token (a client with no STS credentials may still send the parameter).
    if (securityToken) return this.options.sessions.keyOf(accessKeyId, securityToken);
    if (accessKeyId.startsWith('STS.')) throw new ApiError('MissingSecurityToken');
    const key = this.options.keys.find(accessKeyId);
    if (!key) throw new ApiError('InvalidAccessKeyId.NotFound');
    if (key.status !== 'Active') throw new ApiError('InvalidAccessKeyId.Inactive');
    return key;
  }

  private async claimNonce(key: AccessKey, nonce: string, expiresAt: number): Promise<void> {
    if (!(await this.options.nonces.claim(key.id, nonce, expiresAt))) throw new ApiError('SignatureNonceUsed');
  }
}

/** Checked before anything is stored: the nonce column holds 256 characters and PostgreSQL refuses NUL. */
function checkNonce(nonce: string): void {
  if (!NONCE.test(nonce)) throw new ApiError('InvalidParameter.SignatureNonce');
}

function header(req: ApiRequest, name: string): string | undefined {
  return headerValue(req.headers, name);
}
