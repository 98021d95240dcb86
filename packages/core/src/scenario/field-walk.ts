import { z } from 'zod';
import {
  code,
  lengthText,
  numberText,
  quantityText,
  quantityValueText,
  refinementMessages,
  stringText,
} from './field-text.js';
import { quantityFields } from './quantity-fields.js';
import { scenarioSchema } from './schema.js';

/** One field of the scenario file; type, default and description are Markdown. */
export interface FieldRow {
  /** Dotted path; workload fields start at `train` or `serve`. */
  readonly path: string;
  readonly type: string;
  /** Names of the sections that list the fields of this field's objects. */
  readonly see: readonly string[];
  readonly required: boolean;
  readonly default?: string;
  readonly description: string;
}

/** The fields of one object of the schema. */
export interface FieldSection {
  /** Unique: the path, with the form's number when one field takes several objects. */
  readonly name: string;
  readonly path: string;
  readonly note: string;
  /** Other paths that take the same object. */
  readonly alsoAt: string[];
  /** The object's cross-field checks, in the schema's words. */
  readonly checks: readonly string[];
  readonly rows: FieldRow[];
}

interface TypeText {
  readonly type: string;
  readonly see: readonly string[];
}

/** Walks the schema's objects depth first; a section is added when its object is first met. */
class Walk {
  readonly sections: FieldSection[] = [];
  private readonly named = new Map<z.ZodType, FieldSection>();

  object(schema: z.ZodObject, path: string, name = path, note = schema.description ?? ''): TypeText {
    const known = this.named.get(schema);
    if (known) {
      known.alsoAt.push(path);
      return { type: 'object', see: [known.name] };
    }
    const section: FieldSection = {
      name,
      path,
      note,
      alsoAt: [],
      checks: refinementMessages(schema),
      rows: [],
    };
    this.named.set(schema, section);
    this.sections.push(section);
    for (const [key, field] of Object.entries(schema.shape)) {
      section.rows.push(this.row(field as z.ZodType, path ? `${path}.${key}` : key));
    }
    return { type: 'object', see: [name] };
  }

  private row(field: z.ZodType, path: string): FieldRow {
    let schema = field;
    let required = true;
    let description = field.description;
    let fallback: { value: unknown } | undefined;
    // Wrappers carry optionality, the default and often the description; the type is inside.
    for (;;) {
      description ??= schema.description;
      if (schema instanceof z.ZodOptional) {
        required = false;
        schema = schema.def.innerType as z.ZodType;
      } else if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) {
        required = false;
        fallback ??= { value: schema.def.defaultValue };
        schema = schema.def.innerType as z.ZodType;
      } else break;
    }
    const { type, see } = this.type(schema, path);
    return {
      path,
      type,
      see,
      required,
      ...(fallback ? { default: defaultText(schema, fallback.value) } : {}),
      description: description ?? alternativesDescription(schema),
    };
  }

  private type(schema: z.ZodType, path: string): TypeText {
    const quantity = quantityFields.get(schema);
    if (quantity) return plain(quantityText(quantity));
    if (schema instanceof z.ZodPipe) return this.type(schema.def.in as z.ZodType, path);
    if (schema instanceof z.ZodString) return plain(stringText(schema));
    if (schema instanceof z.ZodNumber) return plain(numberText(schema));
    if (schema instanceof z.ZodBoolean) return plain('boolean');
    if (schema instanceof z.ZodEnum) return plain(schema.options.map(code).join(' | '));
    if (schema instanceof z.ZodLiteral) return plain(schema.def.values.map(code).join(' | '));
    if (schema instanceof z.ZodObject) return this.object(schema, path);
    if (schema instanceof z.ZodArray) {
      const item = this.type(schema.element as z.ZodType, `${path}[]`);
      const length = lengthText(schema);
      return { type: `list${length ? `, ${length},` : ''} of ${item.type}`, see: item.see };
    }
    if (schema instanceof z.ZodRecord) {
      const key = this.type(schema.def.keyType as z.ZodType, path);
      const value = this.type(schema.def.valueType as z.ZodType, `${path}.*`);
      return { type: `map of ${key.type} to ${value.type}`, see: value.see };
    }
    if (schema instanceof z.ZodUnion) return this.union(schema.options as readonly z.ZodType[], path);
    return plain('any');
  }

  private union(options: readonly z.ZodType[], path: string): TypeText {
    const keyed = options.every((o) => o instanceof z.ZodObject && Object.keys(o.shape).length === 1);
    if (keyed) return this.keyed(options as readonly z.ZodObject[], path);
    const objects = options.filter((o) => o instanceof z.ZodObject).length;
    const parts = options.map((o, i) =>
      o instanceof z.ZodObject && objects > 1
        ? this.object(o, path, `${path} (form ${i + 1})`)
        : this.type(o, path),
    );
    const values = options.every((o) => o instanceof z.ZodLiteral || o instanceof z.ZodEnum);
    return {
      type: parts.map((p) => p.type).join(values ? ' | ' : '; or '),
      see: parts.flatMap((p) => p.see),
    };
  }

  /** `{ train: … }` or `{ serve: … }`: each key names a kind of item, and its fields start a path. */
  private keyed(options: readonly z.ZodObject[], path: string): TypeText {
    const parts = options.map((o) => {
      const [key, inner] = Object.entries(o.shape)[0] as [string, z.ZodType];
      const where = `${path.replace(/\[\]$/, '[i]')}.${key}`;
      const note = `Each \`{ ${key}: … }\` item; paths here are short for \`${where}.…\`.`;
      const seen = inner instanceof z.ZodObject ? this.object(inner, key, key, note) : this.type(inner, key);
      return { type: `\`{ ${key}: … }\``, see: seen.see };
    });
    return { type: parts.map((p) => p.type).join(' or '), see: parts.flatMap((p) => p.see) };
  }
}

const plain = (type: string): TypeText => ({ type, see: [] });

function defaultText(schema: z.ZodType, value: unknown): string {
  const quantity = quantityFields.get(schema);
  return quantity && typeof value === 'number' ? code(quantityValueText(quantity.kind, value)) : code(value);
}

/** A union without a description of its own is described by its alternatives. */
function alternativesDescription(schema: z.ZodType): string {
  if (!(schema instanceof z.ZodUnion)) return '';
  return (schema.options as readonly z.ZodType[])
    .map((o) => o.description)
    .filter((d) => d !== undefined)
    .join(' ');
}

/** Every object of the scenario schema with its fields, from the top level down. */
export function scenarioFieldSections(): readonly FieldSection[] {
  const walk = new Walk();
  walk.object(scenarioSchema, '', '');
  return walk.sections;
}
