import { describe, expect, it } from 'vitest';
import { poolSize } from './db';

describe('DB_POOL_SIZE', () => {
  it('is 10 connections when not set, and a bad value stops the process naming the setting', () => {
    expect(poolSize('')).toBe(10);
    expect(poolSize(' ')).toBe(10);
    expect(poolSize('24')).toBe(24);
    for (const bad of ['0', '-3', '2.5', 'ten'])
      expect(() => poolSize(bad)).toThrow(/^DB_POOL_SIZE: .+ is not a whole number of connections/);
  });
});
