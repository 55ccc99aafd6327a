/**
 * Derives TypeScript types from the JSON Schema literals in `schema/` (declared `as const`), so the
 * admin's types cannot drift from what the API validates. Covers the subset the schemas use:
 * type (or a list of types; an object whose list admits null may be null), enum, properties/required, items.
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

/** An object schema whose type list admits null (`type: ['object', 'null']`) may be null. */
type NullableObject<S, T> = S extends { type: readonly (infer U)[] } ? ('null' extends U ? T | null : T) : T;

export type FromSchema<S> = S extends { enum: readonly (infer E)[] }
  ? E
  : S extends { properties: infer P }
    ? NullableObject<S, ObjectOf<P, S extends { required: readonly (infer R)[] } ? R : never>>
    : S extends { type: 'array'; items: infer I }
      ? FromSchema<I>[]
      : S extends { type: readonly (infer T)[] }
        ? Primitive<T>
        : S extends { type: infer T }
          ? Primitive<T>
          : unknown;
