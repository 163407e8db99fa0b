// The bundled fact pack (facts/packs/cecot-2025.json) against its five source documents
// (../shared/seeds/): every quote is verbatim, every figure is in its quote with its qualifier,
// source details are exactly those SOURCES.md gives, and the patterns find each claim in English
// and Spanish while staying quiet on words that are not claims. See docs/BUNDLED-PACK.md.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePacks } from '../../core/compile';
import { createMatcher } from '../../core/matcher';
import type { Figure, Pack } from '../../core/pack';
import { loadPack } from '../../facts/load';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = path.resolve(repo, '../shared/seeds');
const packText = readFileSync(path.join(repo, 'facts/packs/cecot-2025.json'), 'utf8');

const loaded = loadPack(packText);
if (!loaded.ok) throw new Error(`the bundled pack is invalid: ${JSON.stringify(loaded.errors)}`);
const pack: Pack = loaded.pack;

/** Which seed file each source of the pack was written from. */
const SEED_OF_SOURCE: Record<string, string> = {
  'ai-uk-ua-outcome': '000_c4539e2fb471dc02.txt',
  'ai-ca-piquer-statement': '001_0e065b5d756ede2c.txt',
  'ai-uk-ua-stop-expulsions': '002_be7523e2e0e442e9.txt',
  'tcdw-el-salvador': '003_da8d17a4d9aa1463.txt',
  'hidden-ordeal': '004_5205c1a6869afc4c.txt',
};

/** The only loosening allowed when comparing a quote with its seed: runs of whitespace. */
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

const seedText = new Map(
  Object.entries(SEED_OF_SOURCE).map(([id, file]) => [
    id,
    collapse(readFileSync(path.join(seedsDir, file), 'utf8')),
  ]),
);

interface SourceRow {
  file: string;
  publisher: string;
  date: string;
  address: string;
}

/** The table in SOURCES.md: | file | what it is | publisher | date | address |. */
function readSourcesTable(): SourceRow[] {
  const markdown = readFileSync(path.join(seedsDir, 'SOURCES.md'), 'utf8');
  return markdown
    .split('\n')
    .filter((line) => /^\|\s*\d{3}_/.test(line))
    .map((line) => {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      return { file: cells[0]!, publisher: cells[2]!, date: cells[3]!, address: cells[4]! };
    });
}

const factById = new Map(pack.facts.map((fact) => [fact.id, fact]));
const { spec, errors: compileErrors } = compilePacks([pack]);
const matcher = createMatcher(spec);

function scan(text: string) {
  return matcher.scan(text).map((raw) => {
    const ref = spec.facts[raw.fact]!;
    const fact = factById.get(ref.id)!;
    return {
      text: text.slice(raw.start, raw.end),
      factId: ref.id,
      comparison: raw.comparison.comparison,
      agreeing: raw.comparison.agreesWith.map((index) => fact.figures![index]!),
    };
  });
}

// ------------------------------------------------------------------------------------------------
// Numbers as sources write them, to find a figure inside its quote.

const SMALL_NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];

/** The ways a value may be written: "238", "84,000", "4.76 million", "three". */
function renderings(value: number): string[] {
  const out = [String(value), value.toLocaleString('en-US')];
  for (const [scale, word] of [
    [1e9, 'billion'],
    [1e6, 'million'],
    [1e3, 'thousand'],
  ] as const) {
    if (value >= scale) out.push(`${+(value / scale).toFixed(6)} ${word}`);
  }
  if (Number.isInteger(value) && value < SMALL_NUMBER_WORDS.length) {
    out.push(SMALL_NUMBER_WORDS[value]!);
  }
  return out;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Qualifier words a source uses before a number, per qualifier (English sources). */
const QUALIFIER_WORDS: Record<string, string[]> = {
  about: ['about', 'around', 'approximately', 'roughly', 'some'],
  nearly: ['nearly', 'almost'],
  'at-least': ['at least'],
  'more-than': ['more than', 'over'],
  'at-most': ['at most', 'up to'],
  'fewer-than': ['fewer than', 'less than', 'under'],
  hundreds: ['hundreds of'],
  thousands: ['thousands of'],
  dozens: ['dozens of'],
};
const ALL_QUALIFIER_WORDS = Object.values(QUALIFIER_WORDS).flat();

/** Each place the figure's number appears in its quote, with the words just before it. */
function occurrences(figure: Figure): { before: string }[] {
  const quote = collapse(figure.quote).toLowerCase();
  const found: { before: string }[] = [];
  for (const rendering of renderings(figure.value)) {
    let body = escapeRegExp(rendering.toLowerCase());
    if (figure.unit === 'USD') body = `\\$${body}`;
    if (figure.unit === 'percent') body = `${body}(?:%| percent)`;
    const pattern = new RegExp(`(?<![\\w.,$])${body}(?![\\w]|[.,]\\d)`, 'g');
    for (const match of quote.matchAll(pattern)) {
      found.push({ before: quote.slice(0, match.index).trimEnd() });
    }
  }
  return found;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const allFigures = pack.facts.flatMap((fact) =>
  (fact.figures ?? []).map((figure, index) => ({ fact, figure, index })),
);
const allCitations = pack.facts.flatMap((fact) =>
  fact.citations.map((citation, index) => ({ fact, citation, index })),
);

// ------------------------------------------------------------------------------------------------

describe('the bundled pack: shape', () => {
  it('is a valid version 1 pack with the agreed header', () => {
    expect(loaded.ok).toBe(true);
    expect(pack).toMatchObject({
      schemaVersion: 1,
      id: 'cecot-2025',
      version: '1.0.0',
      publisher: 'ClaimLens',
      languages: ['en', 'es'],
      published: '2026-11-25',
    });
    expect(pack.title).not.toBe('');
  });

  it('compiles every pattern without an error', () => {
    expect(compileErrors).toEqual([]);
  });

  it('has at least 25 facts, each with a unique id', () => {
    expect(pack.facts.length).toBeGreaterThanOrEqual(25);
    expect(new Set(pack.facts.map((fact) => fact.id)).size).toBe(pack.facts.length);
  });

  it('gives every fact English and Spanish patterns', () => {
    const missing = pack.facts
      .filter((fact) => !['en', 'es'].every((lang) => fact.matchers.some((m) => m.lang === lang)))
      .map((fact) => fact.id);
    expect(missing).toEqual([]);
  });

  it('gives every count and money fact sourced figures and a pattern with a number slot', () => {
    for (const fact of pack.facts.filter((f) => f.kind === 'count' || f.kind === 'money')) {
      expect(fact.figures?.length ?? 0, fact.id).toBeGreaterThan(0);
      expect(
        fact.matchers.some((m) => /\{(count|money|percent|number)\}/.test(m.pattern)),
        fact.id,
      ).toBe(true);
    }
  });

  it('cites, in each fact, every source its figures come from', () => {
    for (const { fact, figure } of allFigures) {
      const cited = new Set(fact.citations.map((citation) => citation.source));
      expect(cited.has(figure.source), `${fact.id}: ${figure.source}`).toBe(true);
    }
  });

  it('attributes its context to the sources and never rules on a claim itself', () => {
    for (const fact of pack.facts) {
      const texts = [fact.context, fact.detail ?? ''].join(' ');
      expect(fact.context, fact.id).toMatch(/\b(says|say|said|quotes|counts|calls|reports)\b/);
      expect(texts, fact.id).not.toMatch(/\b(false|untrue|misleading|debunked|hoax|lie|lies)\b/i);
    }
  });
});

describe('the bundled pack: sources are the five seed documents, as SOURCES.md describes them', () => {
  const rows = readSourcesTable();

  it('lists exactly the five documents of SOURCES.md', () => {
    expect(rows.map((row) => row.file).sort()).toEqual(Object.values(SEED_OF_SOURCE).sort());
    expect(pack.sources.map((source) => source.id).sort()).toEqual(
      Object.keys(SEED_OF_SOURCE).sort(),
    );
  });

  it.each(Object.entries(SEED_OF_SOURCE))(
    '%s has the publisher, date and address SOURCES.md gives, and no invented address',
    (id, file) => {
      const row = rows.find((candidate) => candidate.file === file)!;
      const source = pack.sources.find((candidate) => candidate.id === id)!;
      expect(source.publisher).toBe(row.publisher);
      expect(source.date).toBe(row.date);
      if (row.address.startsWith('https://')) expect(source.url).toBe(row.address);
      else expect(source.url).toBeUndefined();
    },
  );
});

describe('the bundled pack: quotes and figures are verbatim', () => {
  it.each(allCitations.map(({ fact, citation, index }) => [fact.id, index, citation] as const))(
    '%s citation %i is word for word in its seed',
    (_id, _index, citation) => {
      expect(seedText.get(citation.source)).toContain(collapse(citation.quote));
    },
  );

  it.each(allFigures.map(({ fact, figure, index }) => [fact.id, index, figure] as const))(
    '%s figure %i: quote is in its seed and holds the number with its qualifier',
    (_id, _index, figure) => {
      expect(seedText.get(figure.source)).toContain(collapse(figure.quote));
      const found = occurrences(figure);
      expect(found.length, `${figure.value} not in "${figure.quote}"`).toBeGreaterThan(0);
      // "a fraction—approximately 13%": the qualifier may follow a dash as well as a space.
      const endsWithQualifier = (before: string, words: string[]) =>
        words.some((word) => new RegExp(`(^|[^\\w])${escapeRegExp(word)}$`).test(before));
      if (figure.qualifier === 'exact') {
        expect(found.some(({ before }) => !endsWithQualifier(before, ALL_QUALIFIER_WORDS))).toBe(
          true,
        );
      } else {
        const words = QUALIFIER_WORDS[figure.qualifier]!;
        expect(found.some(({ before }) => endsWithQualifier(before, words))).toBe(true);
      }
    },
  );

  it.each(allFigures.map(({ fact, figure, index }) => [fact.id, index, figure] as const))(
    '%s figure %i: its date is ISO where the seed gives the day, else the seed’s own words',
    (_id, _index, figure) => {
      if (figure.date === undefined) return;
      const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(figure.date);
      if (iso) {
        const day = Number(iso[3]);
        const month = MONTHS[Number(iso[2]) - 1]!;
        expect(figure.quote).toMatch(new RegExp(`\\b(${day} ${month}|${month} ${day})\\b`));
      } else {
        expect(seedText.get(figure.source)).toContain(figure.date);
      }
    },
  );
});

describe('the bundled pack: the known disagreements are shown side by side', () => {
  const figuresOf = (id: string): Figure[] => factById.get(id)!.figures!;

  it('counts of people sent: each source keeps its own figure', () => {
    const sent = figuresOf('count-sent-to-el-salvador');
    const bySource = (source: string) =>
      sent.filter((f) => f.source === source).map((f) => f.value);
    expect(bySource('ai-uk-ua-outcome')).toEqual(expect.arrayContaining([238, 17]));
    expect(bySource('ai-uk-ua-stop-expulsions')).toEqual([255]);
    expect(bySource('tcdw-el-salvador')).toEqual(expect.arrayContaining([300, 27, 250]));
    expect(bySource('hidden-ordeal')).toEqual([250]);
    expect(sent.find((f) => f.value === 300)!.qualifier).toBe('nearly');
    expect(sent.find((f) => f.source === 'hidden-ordeal')!.qualifier).toBe('more-than');
  });

  it('deaths in custody: "more than 300" and "at least 265" both stand, each with its source', () => {
    const deaths = figuresOf('count-deaths-in-custody');
    expect(deaths.map((f) => [f.value, f.qualifier, f.source])).toEqual([
      [300, 'more-than', 'ai-ca-piquer-statement'],
      [265, 'at-least', 'tcdw-el-salvador'],
    ]);
  });

  it('a page saying 265 deaths agrees with the Cristosal figure only', () => {
    const [match] = scan('Rights groups counted 265 deaths in Salvadoran prisons.');
    expect(match!.comparison).toBe('agrees');
    expect(match!.agreeing.map((f) => f.value)).toEqual([265]);
  });

  it('a page saying more than 300 deaths agrees with both figures', () => {
    const [match] = scan('More than 300 people have died in Salvadoran custody.');
    expect(match!.agreeing.map((f) => f.value)).toEqual([300, 265]);
  });

  it('a page saying 238 Venezuelans agrees with the 238 of three sources, not with 255', () => {
    const [match] = scan('238 Venezuelans were deported to El Salvador.');
    expect(match!.comparison).toBe('agrees');
    const exact238 = match!.agreeing.filter((f) => f.value === 238 && f.qualifier === 'exact');
    expect(new Set(exact238.map((f) => f.source)).size).toBe(3);
    // 238 also lies within "around 250" (about: 225-275); exact figures of other values differ.
    expect(match!.agreeing.filter((f) => f.qualifier === 'exact' && f.value !== 238)).toEqual([]);
  });

  it('a page naming a payment other than $4.76 million differs, and never "false"', () => {
    expect(scan('The U.S. paid El Salvador $6 million.')[0]!.comparison).toBe('differs');
    expect(scan('The U.S. paid El Salvador $4.76 million.')[0]!.comparison).toBe('agrees');
  });
});

/** One English and one Spanish sentence per fact: each must find that fact, and only it. */
const EXAMPLES: Record<string, { en: string; es: string; comparison?: string }> = {
  'count-sent-to-el-salvador': {
    en: 'The administration sent 238 Venezuelans to CECOT.',
    es: 'Más de 250 migrantes venezolanos fueron deportados a El Salvador.',
    comparison: 'agrees',
  },
  'count-later-transfers': {
    en: 'An additional 17 individuals were deported to El Salvador.',
    es: 'Otras 17 personas fueron enviadas al CECOT.',
    comparison: 'agrees',
  },
  'count-returned-to-venezuela': {
    en: 'The 252 Venezuelans were released from CECOT.',
    es: '252 venezolanos fueron liberados del CECOT.',
    comparison: 'agrees',
  },
  'label-tren-de-aragua-members': {
    en: 'They were called members of Tren de Aragua.',
    es: 'Eran presuntos miembros del Tren de Aragua, según el gobierno.',
  },
  'label-evidence-tattoos-aragua': {
    en: 'They were flagged for their tattoos or connection to the Venezuelan state of Aragua.',
    es: 'Los acusaron por sus tatuajes o su conexión con el estado Aragua.',
  },
  'label-no-criminal-record': {
    en: 'Many of the deportees had no criminal record.',
    es: 'La mayoría de los venezolanos no tenían antecedentes penales.',
  },
  'count-serious-criminal-accusations': {
    en: 'Only 13% of those sent to CECOT had serious criminal charges.',
    es: 'Solo el 13% de los expulsados tenía acusaciones penales graves.',
    comparison: 'agrees',
  },
  'label-expulsion-not-deportation': {
    en: 'The Venezuelans deported to El Salvador had no hearing.',
    es: 'Las deportaciones de venezolanos a El Salvador siguen.',
  },
  'law-alien-enemies-act-invoked': {
    en: 'Trump invoked the Alien Enemies Act.',
    es: 'Trump invocó la Ley de Enemigos Extranjeros.',
  },
  'law-alien-enemies-act-wartime': {
    en: 'They were removed under the Alien Enemies Act.',
    es: 'Fueron expulsados en virtud de la Ley de Enemigos Extranjeros.',
  },
  'law-alien-enemies-act-three-eras': {
    en: 'The Alien Enemies Act had only been invoked three times.',
    es: 'Solo se ha invocado tres veces.',
  },
  'law-alien-enemies-act-japanese-americans': {
    en: 'The act was used to intern Japanese Americans.',
    es: 'La ley fue usada por última vez durante la Segunda Guerra Mundial.',
  },
  'law-proclamation-targets': {
    en: 'It covers Venezuelans aged 14 and older.',
    es: 'Afecta a venezolanos de 14 años o más.',
  },
  'law-invasion-claim': {
    en: 'He spoke of a Tren de Aragua invasion.',
    es: 'Habló de una invasión del Tren de Aragua.',
  },
  'court-jgg-v-trump': {
    en: 'The case is JGG v. Trump.',
    es: 'El caso J.G.G. contra Trump sigue abierto.',
  },
  'court-order-flights-defied': {
    en: 'The judge ordered the government to turn back any flights.',
    es: 'Los vuelos salieron pese a una orden judicial que prohibía los vuelos.',
  },
  'court-contempt': {
    en: 'The judge found probable cause to hold officials in contempt.',
    es: 'Hay causa probable para declarar en desacato.',
  },
  'court-dvd-v-dhs': {
    en: 'In DVD v. Department of Homeland Security, the judge ruled for the migrants.',
    es: 'La jueza frenó las deportaciones a terceros países sin previo aviso.',
  },
  'court-supreme-court-habeas': {
    en: 'They may contest their deportation via habeas.',
    es: 'Pueden recurrir sus expulsiones a través de recursos de habeas corpus.',
  },
  'place-cecot': {
    en: 'They were taken to the CECOT prison in Tecoluca.',
    es: 'Los llevaron a la megacárcel de Bukele.',
  },
  'count-cecot-cell-hours': {
    en: 'Prisoners at CECOT are confined to their cells for 23.5 hours a day.',
    es: 'Los presos del CECOT pasan 23,5 horas al día encerrados.',
    comparison: 'agrees',
  },
  'label-will-never-leave': {
    en: 'They will never leave CECOT.',
    es: 'Nunca saldrán del CECOT.',
  },
  'event-cecot-conditions': {
    en: 'Lawyers describe inhumane conditions at CECOT.',
    es: 'Denuncian hacinamiento en el CECOT.',
  },
  'event-incommunicado': {
    en: 'They were held incommunicado at CECOT.',
    es: 'Siguen incomunicados en el CECOT.',
  },
  'event-torture-findings': {
    en: 'Many were tortured in CECOT.',
    es: 'Hubo torturas en el CECOT.',
  },
  'money-payment-to-el-salvador': {
    en: 'The US agreed to pay $4.76 million to El Salvador.',
    es: 'Washington pagaría 4,76 millones de dólares a El Salvador.',
    comparison: 'agrees',
  },
  'event-secret-agreement': {
    en: 'There were diplomatic notes between the United States and El Salvador.',
    es: 'Hubo notas diplomáticas entre Estados Unidos y El Salvador.',
  },
  'event-prisoner-exchange': {
    en: 'The Venezuelans held in CECOT were freed.',
    es: 'Fueron repatriados del CECOT en un intercambio de prisioneros.',
  },
  'law-state-of-exception': {
    en: "Bukele's state of emergency continues.",
    es: 'Siguen bajo el régimen de excepción.',
  },
  'count-state-of-exception-arrests': {
    en: 'Over 84,000 people have been arrested under the state of exception.',
    es: 'Más de 84.000 detenidos bajo el régimen de excepción.',
    comparison: 'agrees',
  },
  'count-deaths-in-custody': {
    en: 'At least 265 inmates died in Salvadoran prisons.',
    es: 'Más de 300 presos han muerto en cárceles salvadoreñas.',
    comparison: 'agrees',
  },
  'person-kilmar-abrego-garcia': {
    en: 'Abrego Garcia returned to Maryland.',
    es: 'Habló el salvadoreño Kilmar Abrego García.',
  },
  'person-andry-hernandez-romero': {
    en: 'Andry José Hernández Romero spoke to reporters.',
    es: 'Habló el venezolano Andry Hernández.',
  },
  'law-non-refoulement': {
    en: 'This amounted to chain refoulement.',
    es: 'La expulsión viola el principio de no devolución.',
  },
  'event-asylum-claims-pending': {
    en: 'Men with active asylum cases were deported to CECOT.',
    es: 'Migrantes con solicitudes de asilo pendientes fueron deportados a El Salvador.',
  },
  'event-custody-responsibility': {
    en: 'The Venezuelans are in Salvadoran custody, officials said.',
    es: 'Los venezolanos están bajo custodia salvadoreña.',
  },
  'event-ms13-informants': {
    en: 'Critics asked about the return of protected Salvadoran informants.',
    es: 'Preguntaron por la entrega de cabecillas de la MS-13.',
  },
};

describe('the bundled pack: every fact is found in English and in Spanish', () => {
  it('has an example pair for every fact', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(pack.facts.map((fact) => fact.id).sort());
  });

  describe.each(Object.entries(EXAMPLES))('%s', (factId, example) => {
    it.each(['en', 'es'] as const)('%s example finds this fact, and only it', (lang) => {
      const found = scan(example[lang]);
      expect(found.map((match) => match.factId)).toEqual([factId]);
      expect(found[0]!.comparison).toBe(example.comparison ?? 'not-compared');
    });
  });
});

describe('the bundled pack: words that are not claims find nothing', () => {
  it.each([
    'Aragua',
    'Tren de Aragua',
    'The Tigres de Aragua won in Maracay, capital of the state of Aragua.',
    'The club has deep ties to the state of Aragua.',
    'El Salvador',
    'Venezuela',
    'Venezuelans abroad could not vote.',
    '238',
    'deported',
    'He was deported last year.',
    '238 employees were sent to El Salvador for training.',
    'Two Venezuelan surfers were flown to El Salvador.',
    'CECOT',
    'The Alien Enemies Act',
    'The plant is licensed under the AEA.',
    'TDA members met in Austin.',
    'The state of emergency in Venezuela was extended.',
    'Inmates in Texas spend 23 hours a day in their cells.',
    'There were 300 deaths of people in state custody in Texas.',
    'Many had no criminal record, police said.',
    'habeas corpus',
    'The principle of non-refoulement.',
    'a secret pact between Bukele and the gangs',
    'The airline turned the flights around because of fog.',
    'Más de 250 venezolanos fueron enviados como observadores a Maracay.',
  ])('%j', (text) => {
    expect(scan(text)).toEqual([]);
  });

  it('a paragraph break inside a claim stops it', () => {
    expect(scan('238 Venezuelans were deported\n\nto El Salvador.')).toEqual([]);
    expect(scan('238 Venezuelans were deported\nto El Salvador.')).toHaveLength(1);
  });
});
