import i18next, { type i18n } from 'i18next';

/** The languages problems and field errors are written in; machine codes never change. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A message per locale; `{{name}}` is filled from the problem's extra members and `{{message}}` is the English detail. */
export type LocalizedMessage = Partial<Record<Locale, string>> & { 'zh-CN': string };

/**
 * A context's messages for its problem codes, declared beside its errors like its events and
 * permissions: `defineMessages({ 'POOL.RESERVED': { 'zh-CN': '…{{reservedUntil}}' } })`. English
 * falls back to the detail the code was raised with, so only Chinese is required.
 */
export function defineMessages(messages: Record<string, LocalizedMessage>): void {
  for (const [key, message] of Object.entries(messages)) {
    if (catalog.has(key) && catalog.get(key)!['zh-CN'] !== message['zh-CN']) throw new Error(`Message ${key} is declared twice.`);
    catalog.set(key, message);
  }
  translator = undefined;
}

const catalog = new Map<string, LocalizedMessage>();
let translator: i18n | undefined;

function instance(): i18n {
  if (translator) return translator;
  const resources = Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      { translation: Object.fromEntries([...catalog].flatMap(([key, message]) => (message[locale] ? [[key, message[locale]]] : []))) },
    ]),
  );
  const created = i18next.createInstance();
  // Synchronous with in-memory resources; keys are problem codes, which contain dots.
  void created.init({
    resources,
    lng: 'zh-CN',
    fallbackLng: false,
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  translator = created;
  return created;
}

/** The message for `key` in `locale`, or undefined when the catalogue has none. */
export function translate(key: string, locale: Locale, values: Record<string, unknown> = {}): string | undefined {
  const translator = instance();
  if (!translator.exists(key, { lng: locale })) return undefined;
  return translator.t(key, { lng: locale, ...values });
}

/**
 * Every key declared so far: a spec checks that every problem code raised in the code base has one.
 * @public
 */
export function declaredMessageKeys(): string[] {
  return [...catalog.keys()];
}
