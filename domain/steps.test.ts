// The step catalogue is the one list of human steps: each has its Update, its own API path and
// words in both languages.
import { describe, expect, it } from 'vitest';
import { STEP_UPDATES } from '../workflows/messages';
import { STEPS, STEP_NAMES, stepPath } from './steps';

describe('the step catalogue', () => {
  it('has one Update per step, named as the step', () => {
    expect(Object.keys(STEP_UPDATES).sort()).toEqual([...STEP_NAMES].sort());
    for (const name of STEP_NAMES) expect(STEP_UPDATES[name].name).toBe(name);
  });

  it('gives every step its own path and a label in Chinese and English', () => {
    const paths = STEP_NAMES.map((n) => stepPath(n));
    expect(new Set(paths).size).toBe(paths.length);
    expect(stepPath('decideRepair', 'a1')).toBe('repairs/a1/decision');
    for (const name of STEP_NAMES) {
      const [zh, en] = STEPS[name].label;
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/^[a-z][a-z ]+$/);
    }
  });
});
