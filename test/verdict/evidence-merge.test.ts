/**
 * The configuration of an exported collection (its strict mode and disabled checks, as exported) and of merged
 * runs (mergeConfigurations): what issue #16 asks every way of running to record.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCollection } from '../../src/collection/index.js';
import { exportApi } from '../../src/composition.js';
import type { DocumentEvidence, RunConfiguration } from '../../src/core/results.js';
import { findEntry } from '../../src/document/registry.js';
import { mergeConfigurations, registryDocument } from '../../src/runner/evidence.js';
import { mockForSuite } from '../helpers/mock.js';

const base = (o: Partial<RunConfiguration>): RunConfiguration => ({
  tool: { name: 'tmf-ctk', version: '1' }, documents: [], strict: {}, config: null, headers: {}, exclusions: [], ...o,
});

describe('configuration of exported collections and merged runs', () => {
  const target = mockForSuite({ apis: ['TMF663'] });

  it('an exported collection records the strict mode and disabled checks it was exported with, and the document it was exported from', async () => {
    const collection = await exportApi('TMF663', {
      target: target.url, cases: ['TC_ShoppingCart_N1'],
      config: { apis: { TMF663: { strict: ['json-charset'], disableChecks: [{ check: 'total-count', reason: 'not ours' }] } } },
    });
    const r = await runCollection({ collection, target: target.url, headers: { 'X-Secret': 'exp-s3cret' } });
    const c = r.configuration!;
    assert.deepEqual(c.strict, { TMF663: ['json-charset'] });
    assert.deepEqual(c.exclusions, [{ api: 'TMF663', kind: 'check', name: 'total-count', reason: 'disabled in the config the collection was exported with' }]);
    // The document the collection's schemas came from, as read at export time (not the registry's say-so).
    const { fromRegistry: _notRead, ...read } = registryDocument(findEntry('TMF663@4.0.0'));
    assert.deepEqual(c.documents, [read]);
    assert.deepEqual(c.headers, { 'X-Secret': '[redacted]' });
    assert.equal(c.collections, undefined, 'a collection given as an object has no file to hash');
    assert.doesNotMatch(JSON.stringify(r), /exp-s3cret/);
  });

  it('mergeConfigurations: documents (a registry entry dropped for the document read), strict on if any, headers, suites, the config file', () => {
    const entry = findEntry('TMF663@4.0.0');
    const read: DocumentEvidence = { ...registryDocument(entry) };
    delete read.fromRegistry;
    const other = registryDocument(findEntry('TMF622'));
    const native = base({ documents: [read], strict: { TMF663: true }, config: { file: 'c.json', sha256: 'c1' }, headers: { A: '[redacted]' },
      exclusions: [{ kind: 'check', name: 'total-count', reason: 'r' }] });
    const kit = base({ documents: [registryDocument(entry)], strict: { TMF663: false }, headers: { B: '[redacted]' },
      collections: [{ kind: 'ctk', file: 'k.zip', sha256: 'z1' }] });
    const kit2 = base({ documents: [other], strict: { TMF622: false }, collections: [{ kind: 'ctk', file: 'k.zip', sha256: 'z1' }, { kind: 'ctk', file: 'j.zip', sha256: 'z2' }] });
    const m = mergeConfigurations([native, kit, kit2])!;
    assert.deepEqual(m.documents, [read, other]);
    assert.deepEqual(m.strict, { TMF663: true, TMF622: false });
    assert.deepEqual(m.config, { file: 'c.json', sha256: 'c1' });
    assert.deepEqual(m.headers, { A: '[redacted]', B: '[redacted]' });
    assert.deepEqual(m.exclusions, native.exclusions);
    assert.deepEqual(m.collections, [{ kind: 'ctk', file: 'k.zip', sha256: 'z1' }, { kind: 'ctk', file: 'j.zip', sha256: 'z2' }]);
    assert.equal(mergeConfigurations([undefined, undefined]), undefined, 'older saved runs merged: still not recorded');
    assert.deepEqual(mergeConfigurations([undefined, kit])?.documents, kit.documents);
  });
});
