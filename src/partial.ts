/**
 * Partial shapes. Treeherder describes some objects in several shapes: the full one from the
 * object's own endpoint, and smaller ones embedded in other objects (an alert's
 * `series_signature` has no `application`, `parent_signature` or `should_alert`; a job of the
 * project jobs endpoint has no `duration`). An object built from a smaller shape says which
 * fields of the full object it lacks; a resolver answers such a field from the full object,
 * loaded (batched) only when a query selects the field, and never as null because the
 * shape did not carry it.
 */

/** An object built from a shape that lacks the fields `K` of `Full`. */
export type Shaped<Full, K extends keyof Full> = Omit<Full, K> & {
  /** The fields of `Full` this object's upstream shape does not carry. */
  readonly lacks: readonly K[];
};

/** An object as one of its shapes built it: complete, or lacking the fields `K`. */
export type AnyShape<Full, K extends keyof Full> = (Full & { readonly lacks?: undefined }) | Shaped<Full, K>;

/** Whether the object's shape lacks `field`. */
export function lacks<Full, K extends keyof Full>(object: AnyShape<Full, K>, field: keyof Full): boolean {
  return object.lacks !== undefined && (object.lacks as readonly PropertyKey[]).includes(field);
}

/**
 * `field` of `object`: read from the object when its shape carries it, else from the full
 * object `complete()` loads (a batched, per-request-cached lookup).
 */
export function fieldOf<Full, K extends keyof Full, F extends keyof Full>(
  object: AnyShape<Full, K>,
  field: F,
  complete: () => Promise<Full>,
): Full[F] | Promise<Full[F]> {
  if (lacks(object, field)) return complete().then((full) => full[field]);
  return (object as Full)[field];
}
