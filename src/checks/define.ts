import type { CheckDefinition } from "./types.js";

/** Declares a check: metadata plus one pure evaluate function over a resource's configuration. */
export function defineCheck<C>(definition: CheckDefinition<C>): CheckDefinition<C> {
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(definition.id)) throw new Error(`invalid check id ${definition.id}`);
  return Object.freeze(definition);
}
