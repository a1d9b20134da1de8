import { describe, expect, it } from 'vitest';
import { POLICY_PRESETS, citeSources } from './policy';

describe('sources as a reader knows them', () => {
  it('names each seed document by its title and number, keeping the article cited', () => {
    expect(citeSources('002 第二十四条（20个工作日内核实）')).toBe(
      '《福建省建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的实施方案》（闽政〔2017〕3号）第二十四条（20个工作日内核实）',
    );
    expect(citeSources('002（十二）；004 二（二）6')).toBe(
      '《福建省建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的实施方案》（闽政〔2017〕3号）（十二）；《济南市建立完善守信联合激励和失信联合惩戒制度实施方案》（济政字〔2017〕35号）二（二）6',
    );
    expect(citeSources('004_68a1a42ccddb019e.txt（济南市，2017）')).toBe(
      '《济南市建立完善守信联合激励和失信联合惩戒制度实施方案》（济政字〔2017〕35号）',
    );
    // What already names its source is left as it is.
    expect(citeSources('《企业信息公示暂行条例》第十八条；发改财金〔2016〕1467号')).toBe(
      '《企业信息公示暂行条例》第十八条；发改财金〔2016〕1467号',
    );
  });

  it('gives no preset a file name for its source', () => {
    for (const p of POLICY_PRESETS) expect(p.source).not.toMatch(/\.txt/);
  });
});
