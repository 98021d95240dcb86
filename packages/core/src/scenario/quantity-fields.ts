import { z } from 'zod';
import type { QuantityKind } from '../units/quantity.js';

/** What a quantity field of the schema accepts. */
export interface QuantityField {
  readonly kind: QuantityKind;
  /** The accepted range in words, as the schema's error message gives it. */
  readonly accepts: string;
  /** The field may also be the word `auto`. */
  readonly auto?: boolean;
}

/**
 * Quantity fields parse text through a transform, which hides their kind from zod's introspection; the
 * schema registers each one here so that the generated field reference can still name it.
 */
export const quantityFields = z.registry<QuantityField>();
