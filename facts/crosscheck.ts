// Rules that relate one field to another, run once the pack's shape is valid. Ids are looked up in
// Maps, never in plain objects, so ids such as "__proto__" or "constructor" are just ids.

import type { Pack } from '../core/pack';
import type { PackError } from './errors';

export interface CrossCheckResult {
  errors: PackError[];
  warnings: string[];
}

/** Adds an error for each id seen before; returns where each id is first defined. */
function indexIds(
  items: readonly { id: string }[],
  listName: 'sources' | 'facts',
  errors: PackError[],
): Map<string, number> {
  const firstAt = new Map<string, number>();
  items.forEach((item, index) => {
    const first = firstAt.get(item.id);
    if (first === undefined) firstAt.set(item.id, index);
    else {
      const noun = listName === 'sources' ? 'source' : 'fact';
      errors.push({
        path: `${listName}[${index}].id`,
        message: `duplicate ${noun} id "${item.id}" (first used at ${listName}[${first}].id)`,
      });
    }
  });
  return firstAt;
}

/**
 * Unique source and fact ids; every citation and figure names an existing source; every matcher is
 * in one of the pack's languages. Warns about sources nothing cites and repeated languages.
 */
export function crossCheckPack(pack: Pack): CrossCheckResult {
  const errors: PackError[] = [];
  const warnings: string[] = [];
  const sources = indexIds(pack.sources, 'sources', errors);
  indexIds(pack.facts, 'facts', errors);

  const languages = new Set<string>();
  pack.languages.forEach((language, index) => {
    if (languages.has(language))
      warnings.push(`languages[${index}]: "${language}" is listed twice`);
    languages.add(language);
  });

  const cited = new Set<string>();
  const checkSource = (path: string, source: string): void => {
    if (sources.has(source)) cited.add(source);
    else errors.push({ path, message: `no source with id "${source}" in this pack's sources` });
  };
  pack.facts.forEach((fact, f) => {
    fact.citations.forEach((citation, c) => {
      checkSource(`facts[${f}].citations[${c}].source`, citation.source);
    });
    fact.figures?.forEach((figure, g) => {
      checkSource(`facts[${f}].figures[${g}].source`, figure.source);
    });
    fact.matchers.forEach((matcher, m) => {
      if (!languages.has(matcher.lang)) {
        errors.push({
          path: `facts[${f}].matchers[${m}].lang`,
          message: `"${matcher.lang}" is not one of the pack's languages (${pack.languages.join(', ')})`,
        });
      }
    });
  });

  pack.sources.forEach((source, index) => {
    if (!cited.has(source.id))
      warnings.push(`sources[${index}]: source "${source.id}" is never cited`);
  });
  return { errors, warnings };
}
