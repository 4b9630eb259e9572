/**
 * The gateway errors (docs/decisions.md#gateway-errors) as each official client surfaces them, against a real server: a success,
 * a wrong secret, an unknown AccessKey, a stale timestamp, a reused nonce, an unknown action and an STS token,
 * each with the right Code and HTTP status in the client's own error object. "form-post" is a V1 request
 * with every parameter in a form body, as Terraform sends it, built by hand.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CLIENT_NAMES, makeClient, type Call, type ClientName, type Credentials } from '../../support/clients.js';
import { formPostClient, httpRequest, utcTimestamp, v1FormPost } from '../../support/hand-signed.js';
import { startInterceptor, type Interceptor } from '../../support/interceptor.js';
import { startTestServer, type TestServer } from '../../support/server.js';

type Mode = ClientName | 'form-post';
const MODES: Mode[] = [...CLIENT_NAMES, 'form-post'];
const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

function clientFor(mode: Mode, url: string, creds: Credentials): Call {
  return mode === 'form-post' ? formPostClient(url, creds) : makeClient(mode, url, creds);
}

/**
 * Asserts that `call` rejects with `code` and `status` where each client keeps them: openapi-client and
 * openapi-core in err.code / err.statusCode, pop-core in err.code / err.entry.response.statusCode.
 */
async function expectError(mode: Mode, call: Promise<unknown>, code: string, status: number): Promise<void> {
  await assert.rejects(call, (err: any) => {
    if (mode.startsWith('pop-core')) {
      assert.deepEqual({ code: err.code, status: err.entry?.response?.statusCode }, { code, status });
      assert.equal(err.name, code + 'Error');
    } else {
      assert.deepEqual({ code: err.code, status: err.statusCode }, { code, status });
    }
    if (mode.startsWith('openapi-core')) {
      assert.equal(err.name, 'ClientError');
      assert.match(err.requestId, REQUEST_ID);
    }
    if (mode.startsWith('openapi-')) assert.match(err.message, new RegExp(`^${code.replace(/\./g, '\\.')}: code: ${status}, .+ request id: [0-9A-F-]{36}$`));
    assert.equal(err.data.Code, code);
    assert.match(err.data.RequestId, REQUEST_ID);
    assert.equal(typeof err.data.Message, 'string');
    return true;
  });
}

describe('gateway errors through every client', () => {
  let server: TestServer;
  let replaying: Interceptor;

  before(async () => {
    server = await startTestServer();
    await server.client()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    replaying = await startInterceptor(server.url, { replay: true });
  });
  after(async () => {
    await replaying.close();
    await server.stop();
  });

  for (const mode of MODES) {
    describe(mode, () => {
      it('a successful call (GetResourceDirectory)', async () => {
        const body = await clientFor(mode, server.url, server.creds)('GetResourceDirectory');
        assert.match(body.RequestId, REQUEST_ID);
        assert.equal(body.ResourceDirectory.MasterAccountId, server.root.accountId);
        assert.match(body.ResourceDirectory.ResourceDirectoryId, /^rd-[0-9A-Za-z]{6}$/);
        assert.equal('Code' in body, false);
      });

      it('a wrong secret: SignatureDoesNotMatch, 400', async () => {
        const call = clientFor(mode, server.url, { ...server.creds, accessKeySecret: server.creds.accessKeySecret + 'x' });
        await expectError(mode, call('GetResourceDirectory'), 'SignatureDoesNotMatch', 400);
      });

      it('an unknown AccessKey: InvalidAccessKeyId.NotFound, 404', async () => {
        const call = clientFor(mode, server.url, { accessKeyId: 'LTAI5tUnknownKey000000000', accessKeySecret: server.creds.accessKeySecret });
        await expectError(mode, call('GetResourceDirectory'), 'InvalidAccessKeyId.NotFound', 404);
      });

      it('the same signed request twice: SignatureNonceUsed, 400', async () => {
        const before = replaying.requests.length;
        await expectError(mode, clientFor(mode, replaying.url, server.creds)('GetResourceDirectory'), 'SignatureNonceUsed', 400);
        assert.equal(replaying.requests.length, before + 1, 'the client sent one request, the server received it twice');
      });

      it('an unknown action: InvalidAction.NotFound, 404', async () => {
        await expectError(mode, clientFor(mode, server.url, server.creds)('DescribeNothingAtAll'), 'InvalidAction.NotFound', 404);
      });

      it('an STS security token this server did not issue: InvalidSecurityToken.Malformed, 400', async () => {
        const call = clientFor(mode, server.url, { ...server.creds, securityToken: 'CAIS-fake-sts-token' });
        await expectError(mode, call('GetResourceDirectory'), 'InvalidSecurityToken.Malformed', 400);
      });
    });
  }
});

describe('a stale timestamp through every client', { concurrency: true }, () => {
  // A 1-second window, and a proxy that holds every request back 2.1 s: whole-second timestamps are then
  // always more than a second old when they arrive.
  let server: TestServer;
  let delaying: Interceptor;

  before(async () => {
    server = await startTestServer({ RDC_TIMESTAMP_WINDOW: '1' });
    delaying = await startInterceptor(server.url, { delayMs: 2100 });
  });
  after(async () => {
    await delaying.close();
    await server.stop();
  });

  for (const mode of MODES) {
    it(`${mode}: InvalidTimeStamp.Expired, 400`, async () => {
      await expectError(mode, clientFor(mode, delaying.url, server.creds)('GetResourceDirectory'), 'InvalidTimeStamp.Expired', 400);
    });
  }
});

describe('hand-signed V1 form-body POST (Terraform)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());
  /** A V3 request of `action` with the Authorization header given, built by hand: for signatures no client would make. */
  const v3Authorized = (action: string, authorization: string) =>
    httpRequest(server.url, { method: 'POST', path: '/', headers: { 'x-acs-action': action, 'x-acs-version': '2022-04-19', authorization } });

  it('EnableResourceDirectory with everything in the body succeeds, and GetResourceDirectory sees it', async () => {
    const enabled = await httpRequest(server.url, v1FormPost(server.creds, 'EnableResourceDirectory', { EnableMode: 'CurrentAccount' }));
    assert.equal(enabled.status, 200, enabled.text);
    const got = await httpRequest(server.url, v1FormPost(server.creds, 'GetResourceDirectory'));
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.ResourceDirectory.ResourceDirectoryId, enabled.json.ResourceDirectory.ResourceDirectoryId);
  });

  it('a Version no operation declares is served as 2022-04-19; an unknown action there is still InvalidAction.NotFound', async () => {
    const got = await httpRequest(server.url, v1FormPost(server.creds, 'GetResourceDirectory', { Version: '2099-01-01' }));
    assert.equal(got.status, 200, got.text);
    assert.match(got.json.ResourceDirectory.ResourceDirectoryId, /^rd-/);
    const unknown = await httpRequest(server.url, v1FormPost(server.creds, 'NoSuchAction', { Version: '2099-01-01' }));
    assert.deepEqual([unknown.status, unknown.json.Code], [404, 'InvalidAction.NotFound']);
  });

  it('the default window is ±15 minutes: 14 minutes old or ahead passes, 16 minutes fails', async () => {
    const minutes = (m: number) => utcTimestamp(Date.now() + m * 60_000);
    for (const m of [-14, 14]) {
      const answer = await httpRequest(server.url, v1FormPost(server.creds, 'GetResourceDirectory', {}, { timestamp: minutes(m) }));
      assert.equal(answer.status, 200, `${m} minutes: ${answer.text}`);
    }
    for (const m of [-16, 16]) {
      const answer = await httpRequest(server.url, v1FormPost(server.creds, 'GetResourceDirectory', {}, { timestamp: minutes(m) }));
      assert.deepEqual([answer.status, answer.json.Code], [400, 'InvalidTimeStamp.Expired'], `${m} minutes`);
    }
  });

  it('a bearer token (V3 header or V1 parameter) instead of an AccessKey signature: InvalidAuthorization.NotSupported, 400', async () => {
    const v3 = await httpRequest(server.url, {
      method: 'POST',
      path: '/?SignatureType=BEARERTOKEN',
      headers: { 'x-acs-action': 'GetResourceDirectory', 'x-acs-version': '2022-04-19', 'x-acs-bearer-token': 'token' },
    });
    assert.deepEqual([v3.status, v3.json.Code], [400, 'InvalidAuthorization.NotSupported']);
    const v1 = await httpRequest(server.url, { method: 'GET', path: '/?Action=GetResourceDirectory&Version=2022-04-19&BearerToken=token&SignatureType=BEARERTOKEN' });
    assert.deepEqual([v1.status, v1.json.Code], [400, 'InvalidAuthorization.NotSupported']);
  });

  it('a signature method the server does not verify (V1 HMAC-SHA256, V3 ACS3-HMAC-MD5): UnsupportedSignatureMethod, 400, and nothing changes', async () => {
    const v1 = await httpRequest(server.url, v1FormPost(server.creds, 'SetMemberDeletionPermission', { Status: 'Enabled', SignatureMethod: 'HMAC-SHA256' }));
    assert.deepEqual([v1.status, v1.json.Code], [400, 'UnsupportedSignatureMethod'], v1.text);
    const v3 = await v3Authorized('SetMemberDeletionPermission', `ACS3-HMAC-MD5 Credential=${server.creds.accessKeyId},SignedHeaders=host;x-acs-action,Signature=00`);
    assert.deepEqual([v3.status, v3.json.Code], [400, 'UnsupportedSignatureMethod'], v3.text);
    const rd = await httpRequest(server.url, v1FormPost(server.creds, 'GetResourceDirectory'));
    assert.equal(rd.json.ResourceDirectory.MemberDeletionStatus, 'Disabled', 'the refused calls changed nothing');
  });

  it('a parameter twice, a broken percent-encoding, a V3 signature leaving a required header unsigned: InvalidParameter.Duplicate, InvalidParameter.Encoding, IncompleteSignature, each 400', async () => {
    const form = (body: string) => httpRequest(server.url, { method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const signed = String(v1FormPost(server.creds, 'GetResourceDirectory').body);
    const twice = await form(signed + '&Format=XML');
    assert.deepEqual([twice.status, twice.json.Code], [400, 'InvalidParameter.Duplicate'], twice.text);
    const broken = await form(signed + '&Extra=%E0%A4%A');
    assert.deepEqual([broken.status, broken.json.Code], [400, 'InvalidParameter.Encoding'], broken.text);
    const unsigned = await v3Authorized('GetResourceDirectory', `ACS3-HMAC-SHA256 Credential=${server.creds.accessKeyId},SignedHeaders=host,Signature=${'0'.repeat(64)}`);
    assert.deepEqual([unsigned.status, unsigned.json.Code], [400, 'IncompleteSignature'], unsigned.text);
  });

  it('an identical request replayed by hand: SignatureNonceUsed, and the same nonce with a new signature too', async () => {
    const request = v1FormPost(server.creds, 'GetResourceDirectory');
    assert.equal((await httpRequest(server.url, request)).status, 200);
    const replay = await httpRequest(server.url, request);
    assert.deepEqual([replay.status, replay.json.Code], [400, 'SignatureNonceUsed']);
    const nonce = /SignatureNonce=([0-9a-f]+)/.exec(String(request.body))![1]!;
    const resigned = await httpRequest(server.url, v1FormPost(server.creds, 'GetResourceDirectory', { Extra: '1' }, { nonce }));
    assert.deepEqual([resigned.status, resigned.json.Code], [400, 'SignatureNonceUsed']);
  });
});

describe('parameters in a form body', () => {
  let server: TestServer;
  let recording: Interceptor;
  before(async () => {
    server = await startTestServer();
    recording = await startInterceptor(server.url, { record: true });
  });
  after(async () => {
    await recording.close();
    await server.stop();
  });

  it('openapi-core V3, chunked without Content-Length: EnableMode read from the body, signature verified', async () => {
    const call = makeClient('openapi-core-v3', recording.url, server.creds);
    const body = await call('EnableResourceDirectory', {}, { EnableMode: 'CurrentAccount' });
    assert.match(body.ResourceDirectory.ResourceDirectoryId, /^rd-/);
    const sent = recording.requests.at(-1)!;
    assert.equal(sent.headers['transfer-encoding'], 'chunked');
    assert.equal(sent.headers['content-length'], undefined);
    assert.equal(sent.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.match(String(sent.headers.authorization), /SignedHeaders=content-type;host;/);
    assert.equal(sent.body.toString(), 'EnableMode=CurrentAccount');
  });

  for (const mode of ['openapi-client-v3', 'openapi-client-v1', 'openapi-core-v1'] as const) {
    it(`${mode}: query and body parameters together verify`, async () => {
      const call = makeClient(mode, recording.url, server.creds);
      const body = await call('GetResourceDirectory', { Unused: "a b*c!'()" }, { AlsoUnused: 'x~y+z/中文' });
      assert.equal(body.ResourceDirectory.MasterAccountId, server.root.accountId);
      const sent = recording.requests.at(-1)!;
      assert.equal(sent.headers['transfer-encoding'], 'chunked');
      assert.match(sent.body.toString(), /^AlsoUnused=/);
    });
  }
});
