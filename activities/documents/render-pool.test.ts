// Documents render on worker threads (off the event loop that serves workflows and requests), and
// come back whole.
import { describe, expect, it } from 'vitest';
import { designationFacts } from '../../tests/support/fixtures';
import { pdfText } from '../../tests/support/pdf';
import { priorNotice } from './prior-notice';
import { renderInPool, renderPoolState } from './render-pool';

describe('the rendering threads', () => {
  it('render several documents at once on threads, each complete with its own number', async () => {
    const numbers = ['市信用办告〔2026〕21号', '市信用办告〔2026〕22号', '市信用办告〔2026〕23号'];
    const pdfs = await Promise.all(
      numbers.map((noticeNumber) =>
        renderInPool(
          priorNotice({
            ...designationFacts,
            noticeNumber,
            servedOn: '2026-09-29',
            deadline: { date: '2026-10-12', workingDays: 5, provisional: false },
            publicationMonths: 36,
          }),
        ),
      ),
    );
    for (const [i, pdf] of pdfs.entries()) expect((await pdfText(pdf)).replace(/\s+/g, '')).toContain(numbers[i]);
    expect(renderPoolState()).toMatchObject({ inThreadFallback: false });
    expect(renderPoolState().threads).toBeGreaterThanOrEqual(1);
  });
});
