/** The official ResourceManager 2020-03-31 SDK (@alicloud/resourcemanager20200331, a devDependency). */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Credentials } from './clients.js';

const PACKAGE = '@alicloud/resourcemanager20200331';

export interface ResourceManagerSdk {
  /** The client, configured for a local server over HTTP. */
  client(url: string, creds: Credentials): any;
  /** The request and response models by class name (`CreateFolderRequest`, `GetAccountResponseBody`, …). */
  models: Record<string, any>;
  version: string;
}

/** The SDK, as the project's devDependency. */
export function loadResourceManagerSdk(): ResourceManagerSdk {
  const main = createRequire(import.meta.url).resolve(PACKAGE);
  // The SDK's own openapi-core, next to it: its Config is the one its client reads.
  const sdkRequire = createRequire(main);
  const sdk = sdkRequire(main);
  const { $OpenApiUtil } = sdkRequire('@alicloud/openapi-core');
  const version = sdkRequire(join(main, '..', '..', 'package.json')).version as string;
  return {
    version,
    models: sdk,
    client(url, creds) {
      const endpoint = url.replace(/^https?:\/\//, '');
      return new sdk.default(new $OpenApiUtil.Config({ ...creds, endpoint, protocol: 'http', regionId: 'cn-hangzhou' }));
    },
  };
}

/**
 * Where a response body does not fill its model: every field the model's `types()` declares must be present
 * with its type, nested models and array items too. `emptyArrays` lists the paths (`A.B`) that may be empty
 * lists; any other array must have an item to check.
 */
export function unfilledFields(model: any, value: any, path: string, emptyArrays: readonly string[] = []): string[] {
  const problems: string[] = [];
  const names: Record<string, string> = model.names();
  for (const [prop, type] of Object.entries<any>(model.types())) {
    const at = path ? `${path}.${names[prop]}` : names[prop]!;
    problems.push(...checkValue(type, value?.[prop], at, emptyArrays));
  }
  return problems;
}

function checkValue(type: any, value: any, at: string, emptyArrays: readonly string[]): string[] {
  if (value === undefined || value === null) return [`${at}: missing`];
  if (type === 'string') return typeof value === 'string' ? [] : [`${at}: not a string`];
  if (['number', 'integer', 'long', 'float', 'double'].includes(type)) return typeof value === 'number' ? [] : [`${at}: not a number`];
  if (type === 'boolean') return typeof value === 'boolean' ? [] : [`${at}: not a boolean`];
  if (typeof type === 'object' && type.type === 'array') {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    if (value.length === 0) return emptyArrays.includes(at) ? [] : [`${at}: empty, so its items are not checked`];
    return [...new Set(value.flatMap((item) => checkValue(type.itemType, item, `${at}[]`, emptyArrays)))];
  }
  if (typeof type === 'function') return unfilledFields(type, value, at, emptyArrays);
  return [`${at}: type ${JSON.stringify(type)} not checked`];
}
