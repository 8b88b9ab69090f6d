// Board inheritance: a board file is laid over its parents' merged data. Objects merge deeply;
// any other value replaces. For a list X, `X_remove` drops inherited items and then `X_add`
// appends; an added object replaces the inherited object with the same `name` in place (so a
// board can change one runner without restating the others).
import { isPlainObject } from './json-schema.js';

type Json = unknown;
type JsonObject = Record<string, Json>;

/** Keys that belong to one file and are never inherited. */
export const PER_FILE_KEYS: ReadonlySet<string> = new Set(['$schema', 'id', 'abstract', 'inherits']);

const ADD = '_add';
const REMOVE = '_remove';

export function mergeBoardData(base: JsonObject, overlay: JsonObject, topLevel = true): JsonObject {
  const result: JsonObject = structuredClone(base);
  const entries = Object.entries(overlay).filter(([key]) => !(topLevel && PER_FILE_KEYS.has(key)));
  for (const [key, value] of entries) {
    if (key.endsWith(ADD) || key.endsWith(REMOVE)) continue;
    if (isPlainObject(value)) {
      const inherited = result[key];
      result[key] = mergeBoardData(isPlainObject(inherited) ? inherited : {}, value, false);
    } else {
      result[key] = structuredClone(value);
    }
  }
  for (const [key, value] of entries) {
    if (!key.endsWith(REMOVE) || !Array.isArray(value)) continue;
    const target = key.slice(0, -REMOVE.length);
    const list = result[target];
    if (Array.isArray(list)) result[target] = list.filter((item) => !value.some((removal) => matches(item, removal)));
  }
  for (const [key, value] of entries) {
    if (!key.endsWith(ADD) || !Array.isArray(value)) continue;
    const target = key.slice(0, -ADD.length);
    const list: Json[] = Array.isArray(result[target]) ? [...(result[target] as Json[])] : [];
    for (const item of value) {
      const sameName = nameOf(item) === undefined ? -1 : list.findIndex((existing) => nameOf(existing) === nameOf(item));
      if (sameName >= 0) list[sameName] = structuredClone(item);
      else list.push(structuredClone(item));
    }
    result[target] = list;
  }
  return result;
}

function nameOf(item: Json): string | undefined {
  return isPlainObject(item) && typeof item.name === 'string' ? item.name : undefined;
}

function matches(item: Json, removal: Json): boolean {
  if (typeof removal === 'string' && nameOf(item) === removal) return true;
  return JSON.stringify(item) === JSON.stringify(removal);
}
