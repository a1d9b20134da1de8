// When the case page waits for a case to settle after a step, and when it does not.
import { describe, expect, it } from 'vitest';
import { followUp } from './progress';

const at = (state: string, followUpStuck = false) => ({ state, followUpStuck });

describe('a case settling after a step', () => {
  it('is waited on while its workflow follows the step up, or is at a state not yet recorded', () => {
    expect(followUp({ settling: true, state: 'AWAITING_NOTICE_APPROVAL' }, at('AWAITING_NOTICE_APPROVAL'))).toBe('settle');
    expect(followUp({ settling: false, state: 'LISTED' }, at('AWAITING_LISTING_APPROVAL'))).toBe('settle');
    expect(followUp({ settling: false, state: 'LISTED' }, at('LISTED'))).toBeNull();
  });

  it('is not waited on when its workflow did not answer, and only read again now and then when its follow-up is stuck', () => {
    expect(followUp(null, at('LISTED'))).toBeNull();
    expect(followUp({ settling: true, state: 'AWAITING_NOTICE_APPROVAL' }, at('AWAITING_NOTICE_APPROVAL', true))).toBe('poll');
    expect(followUp({ settling: false, state: 'LISTED' }, at('LISTED', true))).toBeNull();
  });
});
