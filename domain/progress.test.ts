// When the case page waits for a case to settle after a step, and when it does not.
import { describe, expect, it } from 'vitest';
import { isSettling } from './progress';

const stuck = [{ activity: 'issueNotice', attempts: 5 }];

describe('a case settling after a step', () => {
  it('is waited on while its workflow follows the step up, or is at a state not yet recorded', () => {
    expect(isSettling({ settling: true, state: 'AWAITING_NOTICE_APPROVAL' }, { state: 'AWAITING_NOTICE_APPROVAL', stuck: [] })).toBe(true);
    expect(isSettling({ settling: false, state: 'LISTED' }, { state: 'AWAITING_LISTING_APPROVAL', stuck: [] })).toBe(true);
    expect(isSettling({ settling: false, state: 'LISTED' }, { state: 'LISTED', stuck: [] })).toBe(false);
  });

  it('is not waited on when its workflow did not answer, nor when its follow-up is stuck (it may stay so for hours)', () => {
    expect(isSettling(null, { state: 'LISTED', stuck: [] })).toBe(false);
    expect(isSettling({ settling: true, state: 'AWAITING_NOTICE_APPROVAL' }, { state: 'AWAITING_NOTICE_APPROVAL', stuck })).toBe(false);
    expect(isSettling({ settling: false, state: 'LISTED' }, { state: 'AWAITING_LISTING_APPROVAL', stuck })).toBe(false);
  });
});
