import type { BugResolvers } from './../types.generated.js';

// Every field is read straight off the object its parent returned.
export const Bug: BugResolvers = {};
