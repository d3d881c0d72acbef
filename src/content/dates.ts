/** Dates and language tags as the reader's language writes them. */
import { startupSnapshot } from 'node:v8';

/** "da" -> "da-DK": a language with the region its readers expect (dates, the PDF's language). */
const REGIONS: Record<string, string> = { da: 'da-DK', en: 'en-GB', de: 'de-DE', sv: 'sv-SE', nb: 'nb-NO' };

export function languageTag(language: string): string {
  return REGIONS[language] ?? language;
}

/** One formatter per language per process: making one costs more than formatting many dates. */
const formats = new Map<string, Intl.DateTimeFormat>();
// The command line's startup snapshot (src/cli/snapshot.ts) cannot hold ICU's formatters: it is taken without them.
if (startupSnapshot.isBuildingSnapshot()) startupSnapshot.addSerializeCallback(() => formats.clear());

/** "2026-11-01" -> "1. november 2026" (da), "1 November 2026" (en). */
export function formatDate(iso: string, language: string): string {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(languageTag(language), { dateStyle: 'long', timeZone: 'UTC' });
    formats.set(language, format);
  }
  return format.format(new Date(`${iso}T00:00:00Z`));
}
