/**
 * The quantity a listing offers on Amazon, as a pure pipeline of named steps (DESIGN §2), so the listing page
 * can show *why* a listing offers what it offers:
 *   source (salable qty of the website's stock, or raw quantities of chosen sources) → threshold (chosen
 *   sources only: the stock's salable qty has it already) → placeholder (stock not managed / backorders) →
 *   mode (product value, single, custom, cap, percentage) → maximum → catalog updates off → manual → not
 *   selling → clamp.
 * A product with no quantity at all (no source item where we look) is never sent empty: the policy says
 * whether it lists 0 or is skipped (value null), and a warning says so.
 */
import type { StockPolicy } from './policy';

export interface QtyStep {
  step: string;
  value: string | number | null;
  note: string | null;
}

export interface QuantityFacts {
  /** 'stock': `quantity` is the catalog's salable qty (threshold subtracted, reservations added). 'sources': raw Σ of chosen sources. */
  source: 'stock' | 'sources';
  quantity: number;
  /** Whether any source item exists where we look (the website's stock, or the chosen sources). */
  hasSourceItems: boolean;
  /** The product's out-of-stock threshold (min_qty). */
  threshold: number;
  manageStock: boolean;
  backordersAllowed: boolean;
  /** Chosen sources that were used (for the note). */
  sourceCodes?: readonly string[];
}

export interface QuantityInput {
  facts: QuantityFacts;
  policy: StockPolicy;
  /** Amazon-only manual count of this listing. */
  manualQty: number | null;
  /** The quantity last handed to the sync engine (kept when catalog updates are off). */
  previousQty: number | null;
  /** Ended or ineligible listings offer nothing. */
  selling: boolean;
  /** Units sold on Amazon (not canceled) since the custom quantity was last set: a custom quantity is lowered only by them. */
  soldSinceCustomSet?: number;
}

export interface QuantityResult {
  /** null = skip: send no quantity (keep what Amazon has). */
  value: number | null;
  steps: QtyStep[];
  warnings: string[];
  /**
   * The value is the placeholder as such (not replaced by a fixed mode, a manual count or a kept quantity):
   * it is re-asserted on Amazon periodically, since Amazon sales lower it although the catalog did not move.
   */
  reassert: boolean;
}

export function quantityPipeline(input: QuantityInput): QuantityResult {
  const { facts, policy } = input;
  const steps: QtyStep[] = [];
  const warnings: string[] = [];
  const push = (step: string, value: number | null, note: string | null) => steps.push({ step, value, note });

  if (input.manualQty !== null) {
    // The manual count is Amazon's own: the catalog does not move it, only Amazon sales and the admin.
    push('manual', input.manualQty, 'Amazon-only manual quantity of this listing (the catalog does not change it)');
    return finish(input, input.manualQty, steps, warnings, false);
  }

  let q = facts.quantity;
  if (facts.source === 'stock') push('source', q, "salable quantity of the store website's stock");
  else {
    push('source', q, `quantity of the chosen sources (${(facts.sourceCodes ?? []).join(', ') || 'none enabled'})`);
    if (facts.threshold) {
      q -= facts.threshold;
      push('threshold', q, `minus the out-of-stock threshold ${facts.threshold}`);
    }
  }

  const placeholder = !facts.manageStock || facts.backordersAllowed;
  if (placeholder) {
    q = policy.placeholderQty;
    push(
      'placeholder',
      q,
      facts.manageStock ? 'backorders allowed: a placeholder quantity is listed' : 'stock not managed: a placeholder quantity is listed',
    );
  } else if (!facts.hasSourceItems) {
    const warning = 'the product has no quantity in the catalog';
    warnings.push(warning);
    if (policy.noQuantity === 'skip') {
      push('no_quantity', null, `${warning}: no quantity is sent (setting: skip)`);
      return { value: null, steps, warnings, reassert: false };
    }
    q = 0;
    push('no_quantity', 0, `${warning}: listed as 0 (setting: list as 0)`);
  }

  switch (policy.mode) {
    case 'product':
      break;
    case 'single':
      q = 1;
      push('mode', q, 'single stock: always 1');
      break;
    case 'custom': {
      const sold = input.soldSinceCustomSet ?? 0;
      q = Math.max(0, (policy.value ?? 0) - sold);
      push(
        'mode',
        q,
        sold
          ? `custom quantity ${policy.value ?? 0} minus ${sold} sold on Amazon since it was set`
          : 'custom quantity: a fixed number, lowered only by Amazon sales',
      );
      break;
    }
    case 'cap':
      if (q > (policy.value ?? 0)) {
        q = policy.value ?? 0;
        push('mode', q, `not more than ${policy.value}`);
      } else push('mode', q, `not more than ${policy.value}: below it`);
      break;
    case 'percentage':
      q = Math.floor((Math.max(0, q) * (policy.value ?? 100)) / 100);
      push('mode', q, `${policy.value}% of the catalog quantity, rounded down`);
      break;
  }

  if (policy.maxQty !== null && q > policy.maxQty) {
    q = policy.maxQty;
    push('maximum', q, `maximum listed quantity ${policy.maxQty}`);
  }

  if (!policy.updateOnCatalogChange && input.previousQty !== null) {
    q = input.previousQty;
    push('catalog_updates_off', q, 'catalog changes do not update the Amazon quantity: the last quantity is kept');
  }
  const reassert =
    placeholder && (policy.mode === 'product' || policy.mode === 'cap' || policy.mode === 'percentage') && policy.updateOnCatalogChange;
  return finish(input, q, steps, warnings, reassert);
}

function finish(input: QuantityInput, q: number, steps: QtyStep[], warnings: string[], reassert: boolean): QuantityResult {
  if (!input.selling) {
    q = 0;
    steps.push({ step: 'not_selling', value: 0, note: 'ended or no longer eligible: quantity 0' });
  }
  const clamped = Math.max(0, Math.floor(q));
  steps.push({ step: 'clamp', value: clamped, note: 'whole units, never below 0' });
  return { value: clamped, steps, warnings, reassert: reassert && input.selling };
}
