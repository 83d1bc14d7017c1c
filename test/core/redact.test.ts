import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSensitiveHeader, REDACTED, redactHeaders, redactUrl } from '../../src/core/redact.js';

describe('redaction of credentials', () => {
  it('the listed headers and any header named like a credential; challenges and plain headers stay', () => {
    for (const h of ['Authorization', 'cookie', 'Set-Cookie', 'X-Api-Key', 'X-Auth-Token', 'x-access-token', 'X-Client-Secret', 'X-Session-Id', 'X-Signature', 'Api_Key', 'sig']) {
      assert.equal(isSensitiveHeader(h), true, h);
    }
    for (const h of ['WWW-Authenticate', 'Proxy-Authenticate', 'Content-Type', 'X-Total-Count', 'Location', 'Link', 'Accept', 'Host']) {
      assert.equal(isSensitiveHeader(h), false, h);
    }
    assert.deepEqual(redactHeaders({ 'x-auth-token': 'abc', 'content-type': 'application/json', 'x-tenant': 't1' }, new Set(['x-tenant'])),
      { 'x-auth-token': REDACTED, 'content-type': 'application/json', 'x-tenant': REDACTED });
  });

  it('query parameters named like a credential lose their value; the rest of the URL is unchanged', () => {
    assert.equal(redactUrl('http://h/p?access_token=s3cr3t&limit=2&api_key=k&sig=x#top'),
      `http://h/p?access_token=${encodeURIComponent(REDACTED)}&limit=2&api_key=${encodeURIComponent(REDACTED)}&sig=${encodeURIComponent(REDACTED)}#top`);
    assert.equal(redactUrl('http://h/p?fields=id,name&state=done'), 'http://h/p?fields=id,name&state=done');
    assert.equal(redactUrl('http://h/p'), 'http://h/p');
    assert.equal(redactUrl('http://h/p?flag&%74oken=x'), `http://h/p?flag&%74oken=${encodeURIComponent(REDACTED)}`);
  });
});
