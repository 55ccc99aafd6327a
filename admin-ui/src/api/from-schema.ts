/**
 * Derives TypeScript types from the JSON Schema literals in `schema/` (declared `as const`), so the
 * admin's types cannot drift from what the API validates. Covers the subset the schemas use:
 * type (or a list of types), enum, properties/required, items.
 */
type Primitive<T> = T extends 'string'
  ? string
  : T extends 'integer' | 'number'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'null'
        ? null
        : T extends 'array'
          ? unknown[]
          : T extends 'object'
            ? Record<string, unknown>
            : unknown;

type Flatten<T> = { [K in keyof T]: T[K] } & {};

type ObjectOf<P, R> = Flatten<
  { -readonly [K in keyof P as K extends R ? K : never]: FromSchema<P[K]> } & {
    -readonly [K in keyof P as K extends R ? never : K]?: FromSchema<P[K]>;
  }
>;

export type FromSchema<S> = S extends { enum: readonly (infer E)[] }
  ? E
  : S extends { properties: infer P }
    ? ObjectOf<P, S extends { required: readonly (infer R)[] } ? R : never>
    : S extends { type: 'array'; items: infer I }
      ? FromSchema<I>[]
      : S extends { type: readonly (infer T)[] }
        ? Primitive<T>
        : S extends { type: infer T }
          ? Primitive<T>
          : unknown;
