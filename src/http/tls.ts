import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ConfigError, type Config } from '../config.js';

/** The certificate and key HTTPS is served with (RDC_TLS_CERT_FILE, RDC_TLS_KEY_FILE). */
export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/**
 * Reads the certificate and key, undefined when neither is set. Each problem (one without the other, a file
 * that cannot be read, PEM that does not parse, a key that does not match the certificate) is a ConfigError
 * with one line: at start-up it stops the start, on SIGHUP the running certificate is kept.
 */
export function readTlsFiles(config: Pick<Config, 'tlsCertFile' | 'tlsKeyFile'>): TlsFiles | undefined {
  const { tlsCertFile, tlsKeyFile } = config;
  if (tlsCertFile === undefined && tlsKeyFile === undefined) return undefined;
  if (tlsCertFile === undefined || tlsKeyFile === undefined) throw new ConfigError('RDC_TLS_CERT_FILE (--tls-cert-file) and RDC_TLS_KEY_FILE (--tls-key-file) are set together');
  const files = { cert: read(tlsCertFile, 'RDC_TLS_CERT_FILE'), key: read(tlsKeyFile, 'RDC_TLS_KEY_FILE') };
  // node:tls is loaded here, for a server that serves HTTPS, rather than imported by every server: loading it
  // costs idle memory (scripts/bundle.mjs keeps Fastify and prom-client from loading it too).
  const { createSecureContext } = createRequire(import.meta.url)('node:tls') as typeof import('node:tls');
  try {
    createSecureContext(files);
  } catch (err) {
    throw new ConfigError(`cannot use the TLS certificate ${tlsCertFile} with the key ${tlsKeyFile}: ${(err as Error).message}`);
  }
  return files;
}

function read(file: string, env: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new ConfigError(`cannot read ${file} (${env}): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
