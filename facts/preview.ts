// Short, safe descriptions of untrusted values for error messages: a hostile pack's 8 MB string or
// deeply nested value must not end up whole in a message.

const PREVIEW_CHARS = 40;

/** The JSON type of a value as a reader would name it: "string", "array", "null", "Infinity"... */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

/** A string quoted and cut to a few dozen characters; any other value by its type name. */
export function preview(value: unknown): string {
  if (typeof value !== 'string') return typeName(value);
  const cut = value.length > PREVIEW_CHARS ? `${value.slice(0, PREVIEW_CHARS)}…` : value;
  return JSON.stringify(cut);
}
