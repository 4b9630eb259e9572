/**
 * The official Alibaba Cloud clients, pointed at a local rdcontacts, each called exactly as the generated
 * ResourceDirectoryMaster SDK calls them (business parameters in the query of a POST, see the spec).
 */
import OpenApiClient, * as $OpenApiClient from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import * as $TeaUtil from '@alicloud/tea-util';
import OpenApiCore, { $OpenApiUtil as $Core, OpenApiUtil as CoreUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import RPCClient from '@alicloud/pop-core';

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS: the clients then send SecurityToken (V1) or x-acs-security-token (V3). */
  securityToken?: string;
}

/** `openapi-core-sm3`: openapi-core signing ACS3-HMAC-SM3 (not in CLIENT_NAMES: the SM3 tests call it by name). */
export type ClientName = 'openapi-client-v3' | 'openapi-client-v1' | 'openapi-core-v3' | 'openapi-core-v1' | 'openapi-core-sm3' | 'pop-core-get' | 'pop-core-post';
export const CLIENT_NAMES: ClientName[] = ['openapi-client-v3', 'openapi-client-v1', 'openapi-core-v3', 'openapi-core-v1', 'pop-core-get', 'pop-core-post'];

export type ApiParams = Record<string, string | number | boolean | string[] | Array<Record<string, string>> | undefined>;

/**
 * Calls `action` and resolves to the response body (parsed JSON object); rejects with the client's own error.
 * `body` parameters go in a form body, as a generated operation that uses `body` sends them (openapi-client
 * and openapi-core only).
 */
export type Call = (action: string, params?: ApiParams, body?: ApiParams) => Promise<any>;

const VERSION = '2022-04-19';

/** The Params of a generated SDK's call of `action` (the generic client passes another Version or protocol). */
export function paramsFor(action: string, version = VERSION, protocol = 'HTTPS') {
  return {
    action,
    version,
    protocol,
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  };
}

function clean(params: ApiParams): Record<string, any> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
}

/** `version`: the API the calls name (default ResourceDirectoryMaster 2022-04-19; STS is 2015-04-01; rdcontacts' own API is 2026-12-01). */
export function makeClient(name: ClientName, url: string, creds: Credentials, version = VERSION): Call {
  const hostPort = url.replace(/^https?:\/\//, '');
  switch (name) {
    case 'openapi-client-v3':
    case 'openapi-client-v1': {
      const config = new $OpenApiClient.Config({ ...creds, endpoint: hostPort, protocol: 'http' });
      if (name === 'openapi-client-v1') config.signatureAlgorithm = 'v2';
      const client = new OpenApiClient.default(config);
      return async (action, params = {}, body) => {
        const query = OpenApiUtil.default.query(clean(params));
        const req = new $OpenApiClient.OpenApiRequest(body ? { query, body: clean(body) } : { query });
        const res = await client.callApi(new $OpenApiClient.Params(paramsFor(action, version)), req, new $TeaUtil.RuntimeOptions({}));
        return res.body;
      };
    }
    case 'openapi-core-v3':
    case 'openapi-core-v1':
    case 'openapi-core-sm3': {
      const config = new $Core.Config({ ...creds, endpoint: hostPort, protocol: 'http' });
      if (name === 'openapi-core-v1') config.signatureAlgorithm = 'v2';
      if (name === 'openapi-core-sm3') config.signatureAlgorithm = 'ACS3-HMAC-SM3';
      const client = new OpenApiCore.default(config);
      return async (action, params = {}, body) => {
        const query = CoreUtil.query(clean(params));
        const req = new $Core.OpenApiRequest(body ? { query, body: clean(body) } : { query });
        const res = await client.callApi(new $Core.Params(paramsFor(action, version)), req, new $dara.RuntimeOptions({}));
        return res.body;
      };
    }
    case 'pop-core-get':
    case 'pop-core-post': {
      const client = new RPCClient({ ...creds, endpoint: url, apiVersion: version });
      const method = name === 'pop-core-post' ? 'POST' : 'GET';
      return async (action, params = {}) => client.request(action, flatten(clean(params)), { method });
    }
  }
}

/** pop-core takes flat parameters: lists as Name.1, Name.2 and objects as Name.1.Key. */
function flatten(params: Record<string, any>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (item !== null && typeof item === 'object') for (const [k, v] of Object.entries(item)) out[`${name}.${i + 1}.${k}`] = String(v);
        else out[`${name}.${i + 1}`] = String(item);
      });
    } else out[name] = String(value);
  }
  return out;
}

/** The HTTP status and code of an error thrown by any of the clients. */
export function errorOf(err: any): { code: string; status: number | undefined; message: string; data: any } {
  const status = err?.statusCode ?? err?.entry?.response?.statusCode ?? err?.data?.statusCode;
  return { code: String(err?.code), status, message: String(err?.message), data: err?.data };
}
