// Checks what a content script reports before the background stores or describes it. A content
// script shares its renderer process with the page, so its messages are treated as untrusted input:
// every field is checked against the spec it claims to be made with and copied into a fresh object.

import type { FactRef, NumberSort, ParsedNumber, RawMatch } from '../core/types';
import { QUALIFIERS } from '../core/pack';
import type { FoundClaim, PageReport, PageStatus } from '../messaging/protocol';

/** More claims than this on one page is not a news article; the report is refused. */
export const MAX_REPORTED_CLAIMS = 2000;
/** Longest matched text accepted (a pattern has at most 24 tokens). */
export const MAX_CLAIM_TEXT = 1000;
/** Longest page address accepted. */
export const MAX_URL = 8192;

const STATUSES: readonly PageStatus[] = ['active', 'paused', 'disabled'];
const SORTS: readonly NumberSort[] = ['count', 'money', 'percent', 'year'];
const COMPARISONS = ['agrees', 'differs', 'not-compared'] as const;

export class ReportError extends Error {
  override name = 'ReportError';
}

function fail(reason: string): never {
  throw new ReportError(`refused page report: ${reason}`);
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function integer(value: unknown, min: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${what} is not an integer in [${min}, ${max}]`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) fail(`${what} is not one of ${allowed.join(', ')}`);
  return value as T;
}

function checkNumber(value: unknown, textLength: number, what: string): ParsedNumber {
  const number = record(value, what);
  if (typeof number.value !== 'number' || !Number.isFinite(number.value)) {
    fail(`${what}.value is not a finite number`);
  }
  const start = integer(number.start, 0, textLength, `${what}.start`);
  const parsed: ParsedNumber = {
    value: number.value,
    qualifier: oneOf(number.qualifier, QUALIFIERS, `${what}.qualifier`),
    sort: oneOf(number.sort, SORTS, `${what}.sort`),
    start,
    end: integer(number.end, start, textLength, `${what}.end`),
    tokenCount: integer(number.tokenCount, 0, 64, `${what}.tokenCount`),
  };
  if (number.currency !== undefined) {
    if (typeof number.currency !== 'string' || !/^[A-Z]{3}$/.test(number.currency)) {
      fail(`${what}.currency is not a currency code`);
    }
    parsed.currency = number.currency;
  }
  return parsed;
}

function checkClaim(value: unknown, facts: readonly FactRef[], what: string): FoundClaim {
  const claim = record(value, what);
  const text = claim.text;
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_CLAIM_TEXT) {
    fail(`${what}.text is not a string of 1 to ${MAX_CLAIM_TEXT} characters`);
  }
  const raw = record(claim.raw, `${what}.raw`);
  integer(raw.start, 0, 0, `${what}.raw.start`);
  integer(raw.end, text.length, text.length, `${what}.raw.end`);
  const fact = integer(raw.fact, 0, facts.length - 1, `${what}.raw.fact`);
  const figureCount = facts[fact]!.figures.length;
  const comparison = record(raw.comparison, `${what}.raw.comparison`);
  const agreesWith = comparison.agreesWith;
  if (!Array.isArray(agreesWith) || agreesWith.length > figureCount) {
    fail(`${what}.raw.comparison.agreesWith is not a list of figure indices`);
  }
  const checked: RawMatch = {
    start: 0,
    end: text.length,
    fact,
    comparison: {
      comparison: oneOf(comparison.comparison, COMPARISONS, `${what}.raw.comparison.comparison`),
      agreesWith: agreesWith.map((index, i) =>
        integer(index, 0, figureCount - 1, `${what}.raw.comparison.agreesWith[${i}]`),
      ),
    },
  };
  if (raw.number !== undefined)
    checked.number = checkNumber(raw.number, text.length, `${what}.raw.number`);
  return { text, raw: checked };
}

/** The report, checked against the facts of the spec it names; throws ReportError if it is not a
 * well-formed report. */
export function checkPageReport(value: unknown, facts: readonly FactRef[]): PageReport {
  const report = record(value, 'report');
  if (typeof report.url !== 'string' || report.url.length > MAX_URL) fail('url is not an address');
  const status = oneOf(report.status, STATUSES, 'status');
  const specId = report.specId;
  if (specId !== null && typeof specId !== 'string') fail('specId is not a string');
  const claims = report.claims;
  if (!Array.isArray(claims) || claims.length > MAX_REPORTED_CLAIMS) {
    fail(`claims is not a list of at most ${MAX_REPORTED_CLAIMS}`);
  }
  if (status !== 'active' && claims.length > 0) fail(`a ${status} page reports no claims`);
  return {
    url: report.url,
    status,
    specId,
    claims: claims.map((claim, i) => checkClaim(claim, facts, `claims[${i}]`)),
  };
}
