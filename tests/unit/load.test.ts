// loadPack end to end: JSON text, limits checked before zod, hostile values, migration from older
// schema versions, cross-field rules and the pattern compiler's verdict.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePacks } from '../../core/compile';
import type { Pack } from '../../core/pack';
import { PACK_SCHEMA_VERSION } from '../../core/pack';
import { findJsonSyntaxError } from '../../facts/json-text';
import { MAX_NESTING_DEPTH, MAX_PACK_BYTES } from '../../facts/limits';
import { loadPack } from '../../facts/load';
import type { Migration } from '../../facts/migrate';
import { migrate, MIGRATIONS } from '../../facts/migrate';
import { utf8ByteLength } from '../../facts/precheck';
import { edit, errorsOf, readFixture, remove, validPack } from './pack-test-helpers';

const TOO_BIG_ESTIMATE = `(pack): pack too big: more than ${MAX_PACK_BYTES} bytes (8 MB) as JSON`;
const TOO_DEEP = `nested too deeply: more than ${MAX_NESTING_DEPTH} levels of arrays and objects`;

/** An array nested `depth` levels deep, built without recursion. */
function nestedArray(depth: number): unknown[] {
  let value: unknown[] = [];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
}

describe('JSON text', () => {
  it('is parsed, and gives the same pack as the parsed value', () => {
    expect(loadPack(readFixture('valid.json'))).toEqual(loadPack(validPack()));
  });

  it('may start with a byte-order mark', () => {
    expect(errorsOf(`\uFEFF${readFixture('valid.json')}`)).toEqual([]);
  });

  it('syntax errors give the line and column, under the path "(json)"', () => {
    expect(errorsOf(readFixture('bad-syntax.txt'))).toEqual([
      '(json): line 4, column 28: expected a value, got character "]" (a trailing comma is not allowed)',
    ]);
    expect(errorsOf('{\r\n  "id": "x",\r\n}')).toEqual([
      '(json): line 3, column 1: expected a property name in double quotes, got character "}" (a trailing comma is not allowed)',
    ]);
    expect(errorsOf('{"id": x}')).toEqual([
      '(json): line 1, column 8: expected a value, got character "x"',
    ]);
    expect(errorsOf('{"id": "a\nb"}')).toEqual([
      '(json): line 1, column 10: line break or control character inside a string (write it as \\n)',
    ]);
    expect(errorsOf('{"id" "x"}')).toEqual([
      '(json): line 1, column 7: expected ":" after a property name, got character "\\""',
    ]);
    expect(errorsOf('{"id": "x"} {}')).toEqual([
      '(json): line 1, column 13: unexpected character "{" after the end of the JSON',
    ]);
    expect(errorsOf('')).toEqual([
      '(json): line 1, column 1: unexpected end of text: the JSON is cut short',
    ]);
    expect(errorsOf('{"facts": [{"id": "x"}')).toEqual([
      '(json): line 1, column 23: unexpected end of text: the JSON is cut short',
    ]);
  });

  it('the syntax checker agrees with JSON.parse on valid JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        expect(findJsonSyntaxError(JSON.stringify(value, null, indent))).toBeNull();
      }),
    );
  });

  it('the syntax checker agrees with JSON.parse on damaged JSON, and points inside the text', () => {
    const damage = fc.tuple(
      fc.json(),
      fc.nat(),
      fc.constantFrom('', ',', '"', '}', ']', '{', '[', ':', '\\', '\n', 'x', '0', '-', ' '),
      fc.boolean(),
    );
    fc.assert(
      fc.property(damage, ([json, at, insert, deleteOne]) => {
        const index = json.length === 0 ? 0 : at % json.length;
        const text = json.slice(0, index) + insert + json.slice(index + (deleteOne ? 1 : 0));
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const found = findJsonSyntaxError(text);
        expect(found === null).toBe(parses);
        if (found) expect(found.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('size and depth, checked before the schema', () => {
  it('refuses JSON text over the size limit', () => {
    const text = `{"id": "${'a'.repeat(MAX_PACK_BYTES)}"}`;
    expect(errorsOf(text)).toEqual([
      `(pack): pack too big: ${text.length} bytes, at most ${MAX_PACK_BYTES} bytes (8 MB) allowed`,
    ]);
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    // "€" is 3 bytes: 2,800,000 of them are 8.4 MB in fewer than 8 million characters.
    const over = `"${'€'.repeat(2_800_000)}"`;
    expect(errorsOf(over)).toEqual([
      `(pack): pack too big: ${2_800_000 * 3 + 2} bytes, at most ${MAX_PACK_BYTES} bytes (8 MB) allowed`,
    ]);
    const under = `"${'€'.repeat(2_700_000)}"`;
    expect(errorsOf(under)).toEqual(['(pack): expected an object, got string']);
  });

  it('measures UTF-8 size exactly as Node encodes it, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const text = a + '\uD800' + b;
        expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
    );
  });

  it('refuses an already-parsed value whose JSON would be over the size limit', () => {
    const fact = (validPack()['facts'] as unknown[])[0];
    expect(errorsOf(edit(validPack(), ['facts'], Array(1_000_000).fill(fact)))).toEqual([
      TOO_BIG_ESTIMATE,
    ]);
    const sparse: unknown[] = [];
    sparse.length = 1_000_000_000;
    expect(errorsOf(edit(validPack(), ['facts'], sparse))).toEqual([TOO_BIG_ESTIMATE]);
  });

  it('refuses a 1,000,000-item facts array that fits the size limit by its length alone', () => {
    const text = `{"facts": [${Array(1_000_000).fill('{}').join(',')}]}`;
    expect(text.length).toBeLessThan(MAX_PACK_BYTES);
    expect(errorsOf(text)).toContain('facts: too many items: 1000000 items, at most 20000 allowed');
    expect(errorsOf(text)).not.toContain(
      'facts[0].id: expected a string, but the field is missing',
    );
  });

  it('refuses a huge string in a field by the field limit', () => {
    expect(errorsOf(edit(validPack(), ['facts', 0, 'claim'], 'a'.repeat(5_000_000)))).toEqual([
      'facts[0].claim: too long: 5000000 characters, at most 500 allowed',
    ]);
  });

  it('refuses a 100,000-deep array as text without overflowing the stack', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(errorsOf(text)).toEqual([`${'[0]'.repeat(MAX_NESTING_DEPTH)}: ${TOO_DEEP}`]);
  });

  it('refuses a 100,000-deep value inside a field, naming where', () => {
    const pack = edit(validPack(), ['facts', 0, 'figures', 0, 'value'], nestedArray(100_000));
    // pack, facts, fact, figures, figure: 5 levels before the value's own arrays.
    expect(errorsOf(pack)).toEqual([
      `facts[0].figures[0].value${'[0]'.repeat(MAX_NESTING_DEPTH - 5)}: ${TOO_DEEP}`,
    ]);
  });

  it(`lets ${MAX_NESTING_DEPTH} levels through to the schema, refuses ${MAX_NESTING_DEPTH + 1}`, () => {
    expect(errorsOf(nestedArray(MAX_NESTING_DEPTH))).toEqual([
      '(pack): expected an object, got array',
    ]);
    expect(errorsOf(nestedArray(MAX_NESTING_DEPTH + 1))).toEqual([
      `${'[0]'.repeat(MAX_NESTING_DEPTH)}: ${TOO_DEEP}`,
    ]);
  });

  it('refuses a value that refers to itself', () => {
    const pack = validPack();
    edit(pack, ['facts', 0, 'figures', 0, 'note'], pack);
    expect(errorsOf(pack)[0]).toMatch(/nested too deeply/);
  });
});

describe('hostile keys and values', () => {
  it('refuses "__proto__" and "constructor" keys as unknown keys, without touching prototypes', () => {
    const text = readFixture('valid.json').replace(
      '"schemaVersion": 1,',
      '"schemaVersion": 1, "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}},',
    );
    const errors = errorsOf(text);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^__proto__: unknown key \(allowed here: schemaVersion, id, /);
    expect(errors[1]).toMatch(/^constructor: unknown key \(allowed here: schemaVersion, id, /);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('treats "constructor" as an ordinary id', () => {
    const pack = edit(validPack(), ['sources', 1, 'id'], 'constructor');
    edit(pack, ['facts', 1, 'citations', 0, 'source'], 'constructor');
    expect(errorsOf(pack)).toEqual([]);
    // ...and does not find it on Object.prototype when no source has it.
    expect(
      errorsOf(edit(validPack(), ['facts', 1, 'citations', 0, 'source'], 'constructor')),
    ).toEqual([
      `facts[1].citations[0].source: no source with id "constructor" in this pack's sources`,
    ]);
  });

  it('accepts HTML in text fields as plain text, unchanged (rendering never treats it as HTML)', () => {
    const claim = '<img src=x onerror="alert(1)"> & <b>238</b>';
    const context = '<script>alert(document.cookie)</script>';
    const result = loadPack(
      edit(edit(validPack(), ['facts', 0, 'claim'], claim), ['facts', 0, 'context'], context),
    );
    expect(result.ok && result.pack.facts[0]?.claim).toBe(claim);
    expect(result.ok && result.pack.facts[0]?.context).toBe(context);
  });

  it('never modifies the value it is given', () => {
    const pack = validPack();
    edit(pack, ['facts', 0, 'figures', 0, 'value'], '238');
    const before = JSON.stringify(pack);
    loadPack(pack);
    expect(JSON.stringify(pack)).toBe(before);
  });
});

describe('cross-field rules', () => {
  it('are all reported together, each at the bad field', () => {
    const pack = validPack();
    edit(pack, ['sources', 2, 'id'], 'amnesty-uk-outcome');
    edit(pack, ['facts', 1, 'id'], 'expelled-2025-03-16');
    edit(pack, ['facts', 1, 'citations', 0, 'source'], 'amnesty-uk-stp');
    edit(pack, ['facts', 1, 'matchers', 1, 'lang'], 'fr');
    expect(errorsOf(pack)).toEqual([
      'sources[2].id: duplicate source id "amnesty-uk-outcome" (first used at sources[0].id)',
      'facts[1].id: duplicate fact id "expelled-2025-03-16" (first used at facts[0].id)',
      `facts[0].figures[1].source: no source with id "tcdw-el-salvador" in this pack's sources`,
      `facts[1].citations[0].source: no source with id "amnesty-uk-stp" in this pack's sources`,
      `facts[1].matchers[1].lang: "fr" is not one of the pack's languages (en, es)`,
    ]);
  });

  it('warn about sources nothing cites and languages listed twice', () => {
    const pack = validPack();
    edit(pack, ['languages'], ['en', 'es', 'en']);
    edit(pack, ['sources', 3], { id: 'unused', title: 'T', publisher: 'P', date: '2025' });
    expect(loadPack(pack)).toMatchObject({
      ok: true,
      warnings: [
        'languages[2]: "en" is listed twice',
        'sources[3]: source "unused" is never cited',
      ],
    });
  });
});

describe('patterns', () => {
  it('are checked by the matcher compiler, and its errors refuse the pack at the pattern path', () => {
    const pack = edit(
      validPack(),
      ['facts', 1, 'matchers', 0, 'pattern'],
      '(members of tren de aragua',
    );
    edit(pack, ['facts', 0, 'matchers', 1, 'pattern'], '{count}');
    const compiled = compilePacks([pack as unknown as Pack]).errors;
    expect(compiled.map((error) => error.path).sort()).toEqual([
      'facts[0].matchers[1].pattern',
      'facts[1].matchers[0].pattern',
    ]);
    const result = loadPack(pack);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual(
      compiled.map(({ path, message }) => ({ path, message })),
    );
  });
});

describe('schemaVersion 0 (draft format)', () => {
  it('is upgraded: figures without a qualifier are exact, matchers without lang are in the first language', () => {
    const expected = validPack();
    expected['id'] = 'test-cecot-draft';
    expected['description'] = JSON.parse(readFixture('valid-v0.json')).description;
    expect(loadPack(readFixture('valid-v0.json'))).toEqual({
      ok: true,
      pack: expected,
      warnings: [
        'upgraded from schemaVersion 0 to 1: 2 figure(s) without a qualifier read as "exact"; 2 matcher(s) without a lang read as "en"',
      ],
    });
  });

  it('keeps what the draft does give, and does not modify the input', () => {
    const draft = JSON.parse(readFixture('valid-v0.json')) as Record<string, unknown>;
    edit(draft, ['facts', 0, 'figures', 1, 'qualifier'], 'about');
    edit(draft, ['facts', 1, 'matchers', 0], {
      lang: 'es',
      pattern: 'miembros del tren de aragua',
    });
    const before = JSON.stringify(draft);
    const result = loadPack(draft);
    expect(JSON.stringify(draft)).toBe(before);
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    expect(result.pack.facts[0]?.figures?.map((figure) => figure.qualifier)).toEqual([
      'exact',
      'about',
    ]);
    expect(result.pack.facts[1]?.matchers[0]).toEqual({
      lang: 'es',
      pattern: 'miembros del tren de aragua',
    });
    expect(result.warnings).toEqual([
      'upgraded from schemaVersion 0 to 1: 1 figure(s) without a qualifier read as "exact"; 1 matcher(s) without a lang read as "en"',
    ]);
  });

  it('reports errors at their path in the upgraded pack', () => {
    const draft = JSON.parse(readFixture('valid-v0.json')) as Record<string, unknown>;
    edit(draft, ['facts', 0, 'figures', 0, 'value'], '238');
    remove(draft, ['languages']);
    expect(errorsOf(draft)).toEqual([
      'languages: expected an array, but the field is missing',
      'facts[0].figures[0].value: expected a number, got string',
      // With no languages to default to, a bare pattern string stays as written.
      'facts[0].matchers[0]: expected an object, got string',
      'facts[1].matchers[0].lang: expected a string, but the field is missing',
    ]);
  });

  it('copies prototype keys as plain keys, which the schema then refuses', () => {
    const text = readFixture('valid-v0.json').replace(
      '"value": 238,',
      '"value": 238, "__proto__": {"polluted": true},',
    );
    expect(errorsOf(text)).toEqual([
      'facts[0].figures[0].__proto__: unknown key (allowed here: value, unit, qualifier, date, source, quote, note)',
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('schema versions', () => {
  it('the migration table reaches the current version from 0', () => {
    for (let version = 0; version < PACK_SCHEMA_VERSION; version++)
      expect(MIGRATIONS[version]).toBeTypeOf('function');
  });

  it('refuses a newer schemaVersion and says to update', () => {
    expect(errorsOf(readFixture('newer-version.json'))).toEqual([
      'schemaVersion: schemaVersion 2 is newer than this ClaimLens supports (1); update the extension',
    ]);
  });

  it('refuses versions it has never known', () => {
    expect(errorsOf(edit(validPack(), ['schemaVersion'], -1))).toEqual([
      'schemaVersion: unknown schemaVersion -1: this ClaimLens reads 0 to 1',
    ]);
    expect(errorsOf(edit(validPack(), ['schemaVersion'], 0.5))).toEqual([
      'schemaVersion: unknown schemaVersion 0.5: this ClaimLens reads 0 to 1',
    ]);
  });

  it('the mechanism applies each step in order, from any known version', () => {
    const step =
      (to: number): Migration =>
      (pack) => ({
        pack: { ...pack, schemaVersion: to, steps: [...((pack['steps'] as number[]) ?? []), to] },
        warnings: [`to ${to}`],
      });
    const table = { 0: step(1), 1: step(2), 2: step(3) };
    expect(migrate({ schemaVersion: 0 }, table, 3)).toEqual({
      ok: true,
      value: { schemaVersion: 3, steps: [1, 2, 3] },
      warnings: ['to 1', 'to 2', 'to 3'],
    });
    expect(migrate({ schemaVersion: 2 }, table, 3)).toEqual({
      ok: true,
      value: { schemaVersion: 3, steps: [3] },
      warnings: ['to 3'],
    });
    expect(migrate({ schemaVersion: 1 }, { 1: step(2) }, 2)).toMatchObject({ ok: true });
    expect(migrate({ schemaVersion: 0 }, { 1: step(2) }, 2)).toEqual({
      ok: false,
      error: {
        path: 'schemaVersion',
        message: 'unknown schemaVersion 0: this ClaimLens reads 1 to 2',
      },
    });
  });
});
