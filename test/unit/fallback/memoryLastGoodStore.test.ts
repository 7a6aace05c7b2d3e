import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors';
import { MemoryLastGoodStore } from '../../../src/fallback/memoryLastGoodStore';

const answer = (body: string) => ({
  response: { statusCode: 200, body },
  storedAtInMillis: 0,
});

describe('MemoryLastGoodStore', () => {
  it('gives back what was put under a key', () => {
    const store = new MemoryLastGoodStore();

    store.put('a', answer('first'));
    store.put('a', answer('second'));

    expect(store.get('a')).toEqual(answer('second'));
    expect(store.get('b')).toBeUndefined();
  });

  it('drops the least recently used answer beyond its capacity', () => {
    const store = new MemoryLastGoodStore({ maxEntries: 2 });
    store.put('a', answer('a'));
    store.put('b', answer('b'));
    store.get('a');

    store.put('c', answer('c'));

    expect(store.size).toBe(2);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toEqual(answer('a'));
    expect(store.get('c')).toEqual(answer('c'));
  });

  it('rejects a capacity below one', () => {
    expect(() => new MemoryLastGoodStore({ maxEntries: 0 })).toThrow(
      ConfigurationError,
    );
  });
});
