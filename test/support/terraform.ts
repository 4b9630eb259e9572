/**
 * Requests exactly as the Terraform alicloud provider sends them (tea-rpc `DoRequest`, see
 * /work/notes/issue15-terraform.md §2.2): POST / with the common parameters in the query string (Format=json,
 * no RegionId), the business parameters in a form body, a V1 signature over both, and the x-acs-action and
 * x-acs-version headers. Each call names its product as the provider does; the product picks the Version.
 */
import { randomBytes } from 'node:crypto';
import type { Credentials } from './clients.js';
import { formEncode, HandClientError, httpRequest, signV1ByHand, utcTimestamp } from './hand-signed.js';

export type Product = 'ResourceManager' | 'ResourceDirectoryMaster';

export const VERSION_OF: Record<Product, string> = { ResourceManager: '2020-03-31', ResourceDirectoryMaster: '2022-04-19' };

/** One call as the provider made it: what a replay is compared with. */
export interface ProviderCall {
  product: Product;
  action: string;
  body: Record<string, string>;
}

export interface ProviderClient {
  /** `client.RpcPost(product, version, action, query={}, body)`: resolves to the JSON body, or throws HandClientError. */
  rpcPost(product: Product, action: string, body?: Record<string, string>): Promise<any>;
  /** Every call made so far, in order. */
  readonly calls: ProviderCall[];
}

/** Calls go to `urls` in turn (one URL: one server; several: nodes behind a load balancer). */
export function providerClient(urls: string | readonly string[], creds: Credentials): ProviderClient {
  const calls: ProviderCall[] = [];
  const targets = typeof urls === 'string' ? [urls] : urls;
  return {
    calls,
    async rpcPost(product, action, body = {}) {
      const url = targets[calls.length % targets.length]!;
      calls.push({ product, action, body });
      const version = VERSION_OF[product];
      const query: Record<string, string> = {
        Action: action,
        Format: 'json',
        Timestamp: utcTimestamp(),
        Version: version,
        SignatureNonce: randomBytes(16).toString('hex'),
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        AccessKeyId: creds.accessKeyId,
        ...(creds.securityToken ? { SecurityToken: creds.securityToken } : {}),
      };
      query.Signature = signV1ByHand('POST', { ...query, ...body }, creds.accessKeySecret);
      const answer = await httpRequest(url, {
        method: 'POST',
        path: '/?' + formEncode(query),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-acs-action': action,
          'x-acs-version': version,
          'user-agent': 'Terraform/1.9.8 Provider/1.262.0 Module/landing-zone TerraformTraceId/test',
        },
        body: formEncode(body),
      });
      if (answer.json === undefined) throw new Error(`${action}: not JSON (${answer.status}): ${answer.text}`);
      if (answer.status >= 400) throw new HandClientError(answer.json.Code, answer.status, answer.json);
      return answer.json;
    },
  };
}

/** A Terraform tags map as the provider flattens it: `<prefix>.N.Key` / `<prefix>.N.Value`, in key order. */
export function flatTags(prefix: 'Tag' | 'Tags', tags: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  Object.keys(tags)
    .sort()
    .forEach((key, i) => {
      out[`${prefix}.${i + 1}.Key`] = key;
      out[`${prefix}.${i + 1}.Value`] = tags[key]!;
    });
  return out;
}

/** A flat list as the provider flattens it: `<name>.1`, `<name>.2`, … */
export function flatList(name: string, items: readonly string[]): Record<string, string> {
  return Object.fromEntries(items.map((item, i) => [`${name}.${i + 1}`, item]));
}
