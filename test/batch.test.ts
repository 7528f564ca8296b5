import { describe, expect, it } from 'vitest';
import { batchMany, batchOne, chunkIds, csvItem, repeatedItem } from '../src/batch.js';

describe('chunkIds', () => {
  it.each([
    ['nothing to send sends nothing', [], { maxItems: 3, charsPerItem: csvItem }, []],
    ['item cap', [1, 2, 3, 4, 5, 6, 7], { maxItems: 3, charsPerItem: csvItem }, [[1, 2, 3], [4, 5, 6], [7]]],
    ['URL length', [1000, 2000, 3000], { maxItems: 100, charsPerItem: csvItem, maxChars: 10 }, [[1000, 2000], [3000]]],
    ['one oversized id still goes alone', [123456789], { maxItems: 100, charsPerItem: csvItem, maxChars: 3 }, [[123456789]]],
    ['repeated parameters cost their name', [1, 2, 3], { maxItems: 100, charsPerItem: repeatedItem('job_id'), maxChars: 20 }, [[1, 2], [3]]],
  ])('%s', (_name, ids, limits, expected) => {
    expect(chunkIds(ids, limits)).toEqual(expected);
  });

  it('keeps 300 ten-digit ids under Gunicorn\'s request-line limit', () => {
    const ids = Array.from({ length: 1000 }, (_, index) => 4_000_000_000 + index);
    const chunks = chunkIds(ids, { maxItems: 2000, charsPerItem: csvItem });
    for (const chunk of chunks) expect(`/api/jobs/?id__in=${chunk.join(',')}&count=2000`.length).toBeLessThan(4094 - 200);
    expect(chunks.flat()).toEqual(ids);
  });
});

describe('batchOne / batchMany', () => {
  it('answers in key order with null for missing keys, one request per group and chunk', async () => {
    const requests: Array<[string, number[]]> = [];
    const keys = [
      { repo: 'a', id: 3 },
      { repo: 'b', id: 1 },
      { repo: 'a', id: 4 },
      { repo: 'a', id: 3 },
      { repo: 'a', id: 99 },
    ];
    const rows = await batchOne(keys, {
      groupOf: (key) => key.repo,
      idOf: (key) => key.id,
      limits: { maxItems: 10, charsPerItem: csvItem },
      fetch: async (group, ids) => {
        requests.push([group, ids]);
        return ids.filter((id) => id !== 99).map((id) => ({ id, group }));
      },
      rowId: (row) => row.id,
    });
    expect(rows).toEqual([{ id: 3, group: 'a' }, { id: 1, group: 'b' }, { id: 4, group: 'a' }, { id: 3, group: 'a' }, null]);
    expect(requests).toEqual([
      ['a', [3, 4, 99]],
      ['b', [1]],
    ]);
  });

  it('gives an Error only to the keys of the chunk that failed', async () => {
    const failure = new Error('upstream down');
    const rows = await batchMany([1, 2, 3, 4], {
      groupOf: () => '',
      idOf: (id) => id,
      limits: { maxItems: 2, charsPerItem: csvItem },
      fetch: async (_group, ids) => {
        if (ids.includes(3)) throw failure;
        return ids.flatMap((id) => [{ job: id, n: 1 }, { job: id, n: 2 }]).filter((row) => row.job !== 2);
      },
      rowId: (row) => row.job,
    });
    expect(rows).toEqual([[{ job: 1, n: 1 }, { job: 1, n: 2 }], [], failure, failure]);
  });
});
