// One catalogue for every text a user reads: each key in both languages, with the same
// placeholders; Chinese where Chinese is due and English where English is; and a word for every
// code of the procedure's vocabulary, so that no user reads a raw code.
import { describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { CATALOGUES, LOCALES, translate, type Namespace } from './index';
import * as vocabulary from '../vocabulary';
import { AUDIT_ACTIONS } from '../audit';
import { STEPS, STEP_NAMES } from '../steps';
import { fieldsOf } from '../step-fields';
import { mustBe, refuse, says } from '../../workflows/guards';

const CJK = /[\u4e00-\u9fff]/;
const placeholders = (text: string) => [...text.matchAll(/\{\d\}/g)].map((m) => m[0]).sort();
const namespaces = Object.keys(CATALOGUES['zh-CN']) as Namespace[];

describe('the catalogue', () => {
  it('has every key in both languages, non-empty, with the same placeholders', () => {
    for (const ns of namespaces) {
      const zh = CATALOGUES['zh-CN'][ns] as Record<string, string>;
      const en = CATALOGUES.en[ns] as Record<string, string>;
      expect(Object.keys(en).sort(), ns).toEqual(Object.keys(zh).sort());
      for (const key of Object.keys(zh)) {
        expect(zh[key]!.trim(), `${ns}.${key}`).not.toBe('');
        expect(en[key]!.trim(), `${ns}.${key}`).not.toBe('');
        expect(placeholders(en[key]!), `${ns}.${key}`).toEqual(placeholders(zh[key]!));
        // (The language switch names the other language.)
        if (`${ns}.${key}` !== 'ui.language') expect(CJK.test(en[key]!), `en ${ns}.${key}: ${en[key]}`).toBe(false);
      }
    }
  });

  it('speaks Chinese in the Chinese catalogue', () => {
    const untranslated = namespaces.flatMap((ns) =>
      Object.entries(CATALOGUES['zh-CN'][ns] as Record<string, string>)
        .filter(([, text]) => !CJK.test(text))
        .map(([key, text]) => `${ns}.${key}: ${text}`),
    );
    // Only words that are the same in Chinese practice (language switch, an English brand name…).
    expect(untranslated).toEqual(['ui.language: English']);
  });

  it('has a word for every code the user may read: states, kinds, roles, audit actions, steps', () => {
    const codes = Object.entries(vocabulary)
      .filter(([name, v]) => /^[A-Z_]+S$/.test(name) && Array.isArray(v))
      .flatMap(([, v]) => v as string[]);
    const label = CATALOGUES['zh-CN'].label as Record<string, string>;
    expect(codes.length).toBeGreaterThan(60);
    expect(codes.filter((c) => !(c in label) && !(c in CATALOGUES['zh-CN'].document))).toEqual([]);
    expect(AUDIT_ACTIONS.filter((a) => !(a in label))).toEqual([]);
    expect(STEP_NAMES.map((s) => translate('en', 'step', s))).toContain('approve a prior notice');
  });

  it('has the words of every field and answer of every step form, in both languages', () => {
    const needed = STEP_NAMES.flatMap((step) => {
      const e = STEPS[step] as { decides?: string; page?: string; show?: Record<string, Record<string, unknown>> };
      if (e.page) return [`${step}.open`];
      // A decision shown as two buttons has no label of its own; one that others depend on is a choice.
      const asButtons = e.decides !== undefined && !Object.values(e.show ?? {}).some((c) => e.decides! in c);
      return [
        ...fieldsOf(step)
          .filter((f) => f.kind !== 'decision' || !asButtons)
          .map((f) => `${step}.${f.name}`),
        ...(e.decides ? [`${step}.yes`, `${step}.no`] : []),
      ];
    });
    expect(needed.length).toBeGreaterThan(25);
    for (const locale of LOCALES) {
      const words = CATALOGUES[locale].stepForm as Record<string, string>;
      expect(
        needed.filter((k) => !(k in words)),
        locale,
      ).toEqual([]);
    }
  });

  it("gives a workflow's refusal in every language for the API to pick", () => {
    const refusal = (fn: () => void) => {
      try {
        fn();
      } catch (err) {
        return err as ApplicationFailure;
      }
      throw new Error('not refused');
    };
    const late = refusal(() => refuse('LATE', says('noticePeriodOver', '2026-10-12')));
    expect(late.type).toBe('LATE');
    expect(late.details?.[0]).toEqual({
      'zh-CN': '陈述申辩期已于 2026-10-12 24:00 届满',
      en: 'The notice period ended at 24:00 on 2026-10-12',
    });
    const party = { userId: 'u', name: '某公司', role: 'PARTY' as const, departmentId: null };
    const wrongRole = refusal(() => mustBe(party, ['CASEWORKER', 'SUPERVISOR'], 'decideReview', 'd'));
    expect(wrongRole.details?.[0]).toEqual({
      'zh-CN': '只有经办人或审核人可以复核陈述申辩',
      en: 'Only a caseworker or a supervisor may review a statement',
    });
    expect(LOCALES).toEqual(['zh-CN', 'en']);
  });
});
