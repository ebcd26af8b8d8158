import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trainOrLoadCached } from '../../src/nlu/model-cache.js';
import { IT_REQUESTS } from './it-requests.fixture.js';

describe('model cache', () => {
  let cacheDir: string;
  beforeEach(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'frontdoor-nlu-cache-'));
  });
  afterEach(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('When the same examples and options are trained twice, then the second comes from the cache and ranks the same', async () => {
    const first = await trainOrLoadCached(IT_REQUESTS, {}, cacheDir);
    const second = await trainOrLoadCached(IT_REQUESTS, {}, cacheDir);
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    expect(second.cacheFile).toBe(first.cacheFile);
    expect(second.classifier.classify('wifi is down')).toEqual(first.classifier.classify('wifi is down'));
  });

  it('When examples or options change, then the model is retrained under another key', async () => {
    const base = await trainOrLoadCached(IT_REQUESTS, {}, cacheDir);
    const moreExamples = await trainOrLoadCached([...IT_REQUESTS, { text: 'wifi broken', intent: 'incident-network' }], {}, cacheDir);
    const otherOptions = await trainOrLoadCached(IT_REQUESTS, { cost: 2 }, cacheDir);
    expect(moreExamples.fromCache).toBe(false);
    expect(otherOptions.fromCache).toBe(false);
    expect(new Set([base.cacheFile, moreExamples.cacheFile, otherOptions.cacheFile]).size).toBe(3);
  });

  it.each([
    ['truncated JSON', '{"format": "frontdoor-intent'],
    ['valid JSON that is not a model', '{"hello": "world"}'],
    ['an empty file', ''],
  ])('When the cache file holds %s, then the model is retrained and the file repaired', async (_name, content) => {
    const { cacheFile } = await trainOrLoadCached(IT_REQUESTS, {}, cacheDir);
    await writeFile(cacheFile, content);
    const retrained = await trainOrLoadCached(IT_REQUESTS, {}, cacheDir);
    expect(retrained.fromCache).toBe(false);
    expect(retrained.classifier.classify('i forgot my password')[0].intent).toBe('reset-password');
    expect((await trainOrLoadCached(IT_REQUESTS, {}, cacheDir)).fromCache).toBe(true);
  });

  it('When the cache directory does not exist yet, then it is created', async () => {
    const nested = join(cacheDir, 'a', 'b');
    await trainOrLoadCached(IT_REQUESTS, {}, nested);
    expect((await readdir(nested)).filter((f) => f.endsWith('.json'))).toHaveLength(1);
  });
});
