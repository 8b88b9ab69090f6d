// The verifier's layouts (src/pte/layout.ts) must describe exactly the tables of schema/*.fbs,
// the files flatc generates the readers from: same fields, same order, same wire types.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_PROGRAM_LAYOUT, FLAT_TENSOR_LAYOUT, FLAT_TENSOR_V0_LAYOUT, PROGRAM_LAYOUT, type FieldLayout, type TableLayout,
} from '../../../src/pte/layout.js';
import { PACKAGE_ROOT } from '../../../src/core/paths.js';

const SCALARS: Record<string, string> = {
  bool: 'bool', byte: 'i8', int8: 'i8', ubyte: 'u8', uint8: 'u8', short: 'i16', int16: 'i16', ushort: 'u16', uint16: 'u16',
  int: 'i32', int32: 'i32', uint: 'u32', uint32: 'u32', long: 'i64', int64: 'i64', ulong: 'u64', uint64: 'u64',
  float: 'f32', float32: 'f32', double: 'f64', float64: 'f64',
};

interface Schema {
  tables: Map<string, { name: string; type: string }[]>;
  unions: Map<string, string[]>;
  enums: Map<string, string>;
}

/** A small reader for the subset of the .fbs grammar our schemas use. */
function parseSchemas(files: readonly string[]): Schema {
  const schema: Schema = { tables: new Map(), unions: new Map(), enums: new Map() };
  for (const file of files) {
    const source = readFileSync(join(PACKAGE_ROOT, 'schema', file), 'utf8').replace(/\/\/.*$/gm, '');
    for (const [, kind, name, base, body] of source.matchAll(/\b(table|union|enum)\s+(\w+)\s*(?::\s*(\w+))?\s*\{([^}]*)\}/g)) {
      const items = (body ?? '').split(kind === 'table' ? ';' : ',').map((s) => s.trim()).filter(Boolean);
      if (kind === 'table') {
        schema.tables.set(name as string, items.map((item) => {
          const colon = item.indexOf(':');
          const type = item.slice(colon + 1).replace(/\(.*\)/, '').replace(/=.*/, '').trim();
          return { name: item.slice(0, colon).trim(), type };
        }));
      } else if (kind === 'union') {
        schema.unions.set(name as string, items);
      } else {
        schema.enums.set(name as string, base as string);
      }
    }
  }
  return schema;
}

/** The layout field a schema field type must have, as a comparable string. */
function expectedKind(type: string, schema: Schema): string {
  const vector = /^\[(.+)\]$/.exec(type);
  const base = (vector ? vector[1] as string : type).replace(/^.*\./, '');
  const scalar = SCALARS[base] ?? SCALARS[schema.enums.get(base) ?? ''];
  if (scalar !== undefined) return vector ? `scalars:${scalar}` : `scalar:${scalar}`;
  if (base === 'string') return vector ? 'strings' : 'string';
  if (schema.unions.has(base)) return `union:${(schema.unions.get(base) ?? []).join(',')}`;
  if (schema.tables.has(base)) return vector ? `tables:${base}` : `table:${base}`;
  throw new Error(`unknown type ${type}`);
}

function layoutKind(field: FieldLayout): string {
  switch (field.kind) {
    case 'scalar':
    case 'scalars':
      return `${field.kind}:${field.type}`;
    case 'table':
    case 'tables':
      return `${field.kind}:${field.table.name}`;
    case 'union':
      return `union:${field.members.map((m) => m.name).join(',')}`;
    default:
      return field.kind;
  }
}

function reachable(root: TableLayout): TableLayout[] {
  const seen = new Map<TableLayout, true>();
  const visit = (t: TableLayout): void => {
    if (seen.has(t)) return;
    seen.set(t, true);
    for (const f of t.fields) {
      if (f.kind === 'table' || f.kind === 'tables') visit(f.table);
      if (f.kind === 'union') f.members.forEach(visit);
    }
  };
  visit(root);
  return [...seen.keys()];
}

const cases = [
  { root: PROGRAM_LAYOUT, files: ['scalar_type.fbs', 'program.fbs'] },
  { root: BUNDLED_PROGRAM_LAYOUT, files: ['scalar_type.fbs', 'bundled_program.fbs'] },
  { root: FLAT_TENSOR_LAYOUT, files: ['scalar_type.fbs', 'flat_tensor.fbs'] },
  { root: FLAT_TENSOR_V0_LAYOUT, files: ['scalar_type.fbs', 'flat_tensor_v0.fbs'] },
];

describe('verifier layouts match schema/*.fbs', () => {
  for (const { root, files } of cases) {
    it(`${files[1]}: every table reachable from ${root.name}`, () => {
      const schema = parseSchemas(files);
      const tables = reachable(root);
      const rootTypeName = /root_type\s+(\w+)/.exec(readFileSync(join(PACKAGE_ROOT, 'schema', files[1] as string), 'utf8'))?.[1];
      expect(root.name).toBe(rootTypeName);
      // Every table of the schema is described (Program's Frame etc. included).
      expect(new Set(tables.map((t) => t.name))).toEqual(new Set(schema.tables.keys()));
      for (const table of tables) {
        const fields = schema.tables.get(table.name) ?? [];
        expect(table.fields.map((f) => `${f.name} ${layoutKind(f)}`), table.name)
          .toEqual(fields.map((f) => `${f.name} ${expectedKind(f.type, schema)}`));
      }
    });
  }
});
