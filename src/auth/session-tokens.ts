import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { ApiError } from '../errors/api-error.js';

/**
 * STS security tokens that carry their session: the claims below, sealed with AES-256-GCM under a key every
 * node reads from the store (meta table), so a token works on any node and after a restart without a table
 * of sessions, and expires by itself. Nobody without the key can read, forge or alter one. The session's
 * AccessKeySecret is not in the token: it is an HMAC of the AccessKey ID under a second key derived from
 * the same master key.
 */
export interface SessionClaims {
  /** The role's account: the tenant the session acts in. */
  accountId: string;
  role: string;
  session: string;
  accessKeyId: string;
  /** Epoch milliseconds, whole seconds. */
  expiresAt: number;
  /** The AssumeRole `Policy` document as given, when one was. */
  policy?: string;
}

/** Real STS tokens start with "CAIS"; so do these (the rest is base64url of nonce, ciphertext and tag). */
const PREFIX = 'CAIS';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Binds a token to this format: a future format gets another label. */
const AAD = Buffer.from('rdcontacts-sts-token-1');

export class SessionTokens {
  private readonly sealKey: Buffer;
  private readonly secretKey: Buffer;

  /** `master`: 32 random bytes shared by every node (the store's meta table keeps them). */
  constructor(master: Buffer) {
    this.sealKey = Buffer.from(hkdfSync('sha256', master, '', 'rdcontacts sts token seal', 32));
    this.secretKey = Buffer.from(hkdfSync('sha256', master, '', 'rdcontacts sts access key secret', 32));
  }

  seal(claims: SessionClaims): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, nonce).setAAD(AAD);
    const body = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The claims of a token this server sealed; 400 InvalidSecurityToken.Malformed for anything else. */
  open(token: string): SessionClaims {
    const raw = token.startsWith(PREFIX) ? Buffer.from(token.slice(PREFIX.length), 'base64url') : Buffer.alloc(0);
    if (raw.length <= NONCE_BYTES + TAG_BYTES || raw.toString('base64url') !== token.slice(PREFIX.length)) throw new ApiError('InvalidSecurityToken.Malformed');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, raw.subarray(0, NONCE_BYTES)).setAAD(AAD);
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const text = Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      return JSON.parse(text) as SessionClaims;
    } catch {
      // A changed byte anywhere fails the tag.
      throw new ApiError('InvalidSecurityToken.Malformed');
    }
  }

  /** The AccessKeySecret of a session's AccessKey ID. */
  secretOf(accessKeyId: string): string {
    return createHmac('sha256', this.secretKey).update(accessKeyId).digest('base64url').slice(0, 32);
  }
}
