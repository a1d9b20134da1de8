// The web app's side of the one i18n mechanism (domain/i18n): the user's language, its words,
// labels and validation messages, and dates in Asia/Shanghai.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { translate, translateCode, type Locale, type TextKey } from '../../domain/i18n';
import { translateMessage } from '../../domain/messages';
import type { DocumentKind } from '../../domain/vocabulary';
import type { StepName } from '../../domain/steps';

type Key = TextKey<'ui'>;

interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  t(key: Key, ...args: (string | number)[]): string;
  label(code: string): string;
  /** A human step's name, as the step catalogue has it (capitalised as a title). */
  stepName(step: StepName): string;
  /** A word of a step's form: a field's label, an answer (yes/no), its submit button. */
  stepText(step: StepName, key: string): string;
  /** One of a step form's choices: the form's own word for it where it has one, else the value's label. */
  option(step: StepName, field: string, value: string): string;
  /** A served document's title, by its kind. */
  documentTitle(kind: DocumentKind): string;
  /** A validation message key from the shared schemas, in the user's language. */
  message(key: string | undefined): string | undefined;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
}

const Context = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem('locale') === 'en' ? 'en' : 'zh-CN'));
  const value = useMemo<I18n>(() => {
    const dateFmt = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    });
    const timeFmt = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    const label = (code: string) => translateCode(locale, 'label', code) ?? translateCode(locale, 'step', code) ?? code;
    return {
      locale,
      setLocale(l) {
        localStorage.setItem('locale', l);
        document.documentElement.lang = l;
        setLocaleState(l);
      },
      t: (key, ...args) => translate(locale, 'ui', key, ...args),
      documentTitle: (kind) => translate(locale, 'document', kind),
      stepName: (step) => {
        const name = translate(locale, 'step', step);
        return name.charAt(0).toUpperCase() + name.slice(1);
      },
      stepText: (step, key) =>
        translateCode(locale, 'stepForm', `${step}.${key}`) ?? (key === 'submit' ? translate(locale, 'ui', 'submit') : key),
      label,
      option: (step, field, value) => translateCode(locale, 'stepForm', `${step}.${field}.${value}`) ?? label(value),
      message: (key) => (key ? translateMessage(key, locale) : undefined),
      // A calendar day (YYYY-MM-DD) is printed as it is; an instant as its day in Beijing, never the UTC day.
      date: (iso) => (!iso ? '—' : dateFmt.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00+08:00` : iso))),
      dateTime: (iso) => (iso ? timeFmt.format(new Date(iso)) : '—'),
    };
  }, [locale]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Context);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
