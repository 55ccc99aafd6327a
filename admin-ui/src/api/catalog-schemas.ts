/** The catalog schemas the admin checks writes against before sending: the same literals the routes validate with. */
export { productPatchBodySchema as productPatchSchema, sourceItemBodySchema } from '../../../schema/catalog';
