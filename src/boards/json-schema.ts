// Checks a JSON value against schema/board.schema.json, so that the schema users see in their
// editor is the same rule etbuild applies. Only the keywords that schema uses are understood:
// $ref (local), oneOf, enum, type, properties, additionalProperties, required, items, pattern,
// minimum, maximum. An unknown keyword is a bug in the schema, not in the board file.

export type JsonSchema = { readonly [keyword: string]: unknown };

const KNOWN_KEYWORDS = new Set([
  '$schema', '$id', '$ref', '$defs', 'title', 'description', 'oneOf', 'enum', 'type', 'properties',
  'additionalProperties', 'required', 'items', 'pattern', 'minimum', 'maximum',
]);

/** Problems found, each as `path: what is wrong` (empty when the value is valid). */
export function validateJson(value: unknown, schema: JsonSchema): string[] {
  const problems: string[] = [];
  check(value, schema, schema, '', problems);
  return problems;
}

function check(value: unknown, schema: JsonSchema, root: JsonSchema, path: string, problems: string[]): void {
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN_KEYWORDS.has(keyword)) throw new Error(`board schema uses unsupported keyword ${keyword} at ${path || '/'}`);
  }
  const where = path === '' ? 'the board' : path;
  if (typeof schema.$ref === 'string') {
    check(value, resolveRef(schema.$ref, root), root, path, problems);
  }
  if (Array.isArray(schema.oneOf)) {
    const matching = schema.oneOf.filter((option: JsonSchema) => {
      const sub: string[] = [];
      check(value, option, root, path, sub);
      return sub.length === 0;
    });
    if (matching.length !== 1) problems.push(`${where}: ${describeOneOf(schema)}`);
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    problems.push(`${where} must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')} (is ${JSON.stringify(value)})`);
    return;
  }
  if (typeof schema.type === 'string' && !hasType(value, schema.type)) {
    problems.push(`${where} must be ${article(schema.type)} (is ${JSON.stringify(value)})`);
    return;
  }
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    problems.push(`${where} ${JSON.stringify(value)} does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) problems.push(`${where} must be at least ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) problems.push(`${where} must be at most ${schema.maximum}`);
  }
  if (Array.isArray(value) && isSchema(schema.items)) {
    value.forEach((item, index) => check(item, schema.items as JsonSchema, root, `${path}[${index}]`, problems));
  }
  if (isPlainObject(value)) {
    const properties = isSchema(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
    for (const name of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
      if (!(name in value)) problems.push(`${where} is missing ${JSON.stringify(name)}`);
    }
    for (const [name, item] of Object.entries(value)) {
      const itemPath = path === '' ? name : `${path}.${name}`;
      const itemSchema = properties[name];
      if (itemSchema !== undefined) check(item, itemSchema, root, itemPath, problems);
      else if (schema.additionalProperties === false) {
        problems.push(`${where} has an unknown property ${JSON.stringify(name)} (known: ${Object.keys(properties).join(', ')})`);
      } else if (isSchema(schema.additionalProperties)) {
        check(item, schema.additionalProperties as JsonSchema, root, itemPath, problems);
      }
    }
  }
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema {
  const match = /^#\/\$defs\/(.+)$/u.exec(ref);
  const defs = root.$defs as Record<string, JsonSchema> | undefined;
  const target = match?.[1] === undefined ? undefined : defs?.[match[1]];
  if (target === undefined) throw new Error(`board schema has an unresolvable $ref ${ref}`);
  return target;
}

function describeOneOf(schema: JsonSchema): string {
  return typeof schema.description === 'string' ? `expected ${lowerFirst(schema.description)}` : 'matches none of the allowed forms';
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object': return isPlainObject(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    default: throw new Error(`board schema uses unsupported type ${type}`);
  }
}

function article(type: string): string {
  return /^[aeiou]/u.test(type) ? `an ${type}` : `a ${type}`;
}

function isSchema(value: unknown): value is JsonSchema {
  return isPlainObject(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
