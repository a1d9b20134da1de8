// The one way to put text in front of a user — in the web app, in the API's problem details, in a
// workflow's refusal of a step, on a served document: a key in a namespace of the catalogue
// (zh-CN.ts, with en.ts the same keys), and {0}, {1}… filled in with the arguments.
import { en } from './en';
import { zhCN, type Catalogue } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export type Namespace = keyof Catalogue;
export type TextKey<N extends Namespace> = keyof Catalogue[N] & string;

export const CATALOGUES: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en };
export const LOCALES = Object.keys(CATALOGUES) as Locale[];

/** The text of `key` in `locale`, with {0}, {1}… replaced by the arguments. */
export function translate<N extends Namespace>(locale: Locale, namespace: N, key: TextKey<N>, ...args: (string | number)[]): string {
  const text = (CATALOGUES[locale][namespace] as Record<string, string>)[key]!;
  return args.reduce<string>((t, arg, i) => t.replaceAll(`{${i}}`, String(arg)), text);
}

/** The text of a code read at run time (a state, a kind…), or undefined when the catalogue has none. */
export function translateCode(locale: Locale, namespace: Namespace, code: string): string | undefined {
  return (CATALOGUES[locale][namespace] as Record<string, string>)[code];
}

/** Picks zh-CN unless the client clearly prefers English. */
export function localeFromHeader(acceptLanguage: string | undefined): Locale {
  return acceptLanguage?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}
