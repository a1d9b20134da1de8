// Validation messages of the shared schemas in the user's language, from the one catalogue
// (domain/i18n). A message key may carry one argument after a colon ("text.min:10").
import { translate, translateCode, type Locale } from './i18n';

export { localeFromHeader, type Locale } from './i18n';

export function translateMessage(key: string, locale: Locale): string {
  const [name, arg] = key.split(':', 2) as [string, string | undefined];
  const text =
    translateCode(locale, 'validation', name) ?? translateCode(locale, 'validation', key) ?? translate(locale, 'validation', 'invalid');
  return arg === undefined ? text : text.replace('{0}', arg);
}
