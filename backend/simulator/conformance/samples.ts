/**
 * Values for required parameters a case does not list: the first enum value or a plausible placeholder,
 * and a minimal body built from the model's schema (required properties only). A case that depends on such
 * a value should have a planner that sets it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { modelsRoot, type Operation, type SwaggerParam } from '../models';

type Schema = Record<string, unknown>;

export function placeholderFor(p: SwaggerParam): unknown {
  const enumValues = (p.enum ?? (p.items as { enum?: unknown[] } | undefined)?.enum) as unknown[] | undefined;
  if (enumValues?.length) return p.type === 'array' ? [enumValues[0]] : enumValues[0];
  if (p.type === 'integer' || p.type === 'number') return 1;
  if (p.type === 'boolean') return true;
  if (p.type === 'array') return ['ATVPDKIKX0DER'];
  return 'ATVPDKIKX0DER';
}

const files = new Map<string, string>();
function indexModels(dir: string): void {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) indexModels(full);
    else if (name.endsWith('.json')) files.set(path.basename(name, '.json'), full);
  }
}
const models = new Map<string, Schema>();
function modelOf(modelId: string): Schema {
  if (!files.size) indexModels(path.join(modelsRoot, 'models'));
  let m = models.get(modelId);
  if (!m) models.set(modelId, (m = JSON.parse(readFileSync(files.get(modelId) ?? '', 'utf8')) as Schema));
  return m;
}

function sample(schema: Schema | undefined, model: Schema, depth = 0): unknown {
  if (!schema || depth > 12) return {};
  const ref = schema.$ref as string | undefined;
  if (ref)
    return sample(
      ref
        .slice(2)
        .split('/')
        .reduce<Schema>((o, k) => o[k] as Schema, model),
      model,
      depth + 1,
    );
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.type === 'array')
    return Array.from({ length: Number(schema.minItems ?? 1) }, () => sample(schema.items as Schema, model, depth + 1));
  if (schema.type === 'integer' || schema.type === 'number') return Number(schema.minimum ?? 1);
  if (schema.type === 'boolean') return true;
  if (schema.type === 'string') return schema.format === 'date-time' ? '2024-01-01T00:00:00Z' : 'ATVPDKIKX0DER';
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  return Object.fromEntries(((schema.required ?? []) as string[]).map((k) => [k, sample(props[k], model, depth + 1)]));
}

export function sampleBody(op: Operation, p: SwaggerParam): unknown {
  return sample(p.schema as Schema | undefined, modelOf(op.modelId));
}
