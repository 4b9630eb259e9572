/**
 * The generic official client (@alicloud/openapi-core `callApi`), for what the per-product clients of
 * clients.ts do not set: another API Version (the rdcontacts extension actions), HTTPS with a private CA,
 * extra request headers (those a reverse proxy adds).
 */
import OpenApiCore, { $OpenApiUtil as $Core, OpenApiUtil as CoreUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import { paramsFor, type ApiParams, type Credentials } from './clients.js';

export interface GenericOptions {
  /** The API Version the request names (default 2022-04-19). */
  version?: string;
  /** PEM of a CA to trust for an https:// URL. */
  ca?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/** Calls `action` on `url` (http:// or https://) and resolves to the response body; rejects with the client's error. */
export function genericClient(url: string, creds: Credentials, options: GenericOptions = {}): (action: string, params?: ApiParams) => Promise<any> {
  const [protocol, hostPort] = url.split('://') as [string, string];
  const client = new OpenApiCore.default(new $Core.Config({ ...creds, endpoint: hostPort, protocol, ...(options.ca !== undefined && { ca: options.ca }) }));
  return async (action, params = {}) => {
    const query = CoreUtil.query(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)));
    const request = new $Core.OpenApiRequest({ query, ...(options.headers && { headers: options.headers }) });
    const apiParams = new $Core.Params(paramsFor(action, options.version, protocol.toUpperCase()));
    const res = await client.callApi(apiParams, request, new $dara.RuntimeOptions({}));
    return res.body;
  };
}
