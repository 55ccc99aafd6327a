/**
 * Pure, named-step pipelines for what a listing offers on Amazon: price (source → special price → override →
 * currency rate → rounding), quantity (salable qty or manual → not selling → clamp), condition and handling time.
 * Each returns its steps so the admin sees *why* a listing has the value it has. Money is decimal text,
 * computed with scaled integers (never binary floats).
 */
import type { Condition } from '../../../schema/stores';
import type { ListingSettings } from '../../../schema/listings';

export interface Step {
  step: string;
  value: string | number | null;
  note: string | null;
}

// ---- decimal helpers (scale 10^8) ----
const SCALE = 100_000_000n;
export function toScaled(text: string | number): bigint {
  const s = typeof text === 'number' ? text.toFixed(8) : text.trim();
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m) throw new Error(`not a decimal: ${s}`);
  const frac = ((m[3] ?? '') + '00000000').slice(0, 8);
  const v = BigInt(m[2] || '0') * SCALE + BigInt(frac);
  return m[1] ? -v : v;
}
/** Rounds half up to `places` and prints it. */
export function fromScaled(v: bigint, places = 2): string {
  const unit = 10n ** BigInt(8 - places);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const rounded = (abs + unit / 2n) / unit;
  const p = 10n ** BigInt(places);
  const text = `${rounded / p}.${(rounded % p).toString().padStart(places, '0')}`;
  return neg && rounded !== 0n ? `-${text}` : text;
}
const mul = (a: bigint, b: bigint) => (a * b) / SCALE;

// ---- price ----

export interface PriceInput {
  /** The source attribute's value (product `price` or a decimal attribute), as stored. */
  source: number | string | null;
  sourceAttribute: string;
  specialPrice: number | string | null;
  specialFrom: string | null; // YYYY-MM-DD
  specialTo: string | null;
  today: string; // YYYY-MM-DD
  override: string | null;
  settings: ListingSettings['price'];
  currency: string;
}

export function pricePipeline(input: PriceInput): { value: string | null; steps: Step[] } {
  const steps: Step[] = [];
  let v: bigint | null = input.source === null || input.source === '' ? null : toScaled(input.source);
  steps.push({ step: 'source', value: v === null ? null : fromScaled(v, 4), note: `catalog attribute ${input.sourceAttribute}` });
  if (input.settings.useSpecialPrice && input.specialPrice !== null && input.specialPrice !== '') {
    const active = (!input.specialFrom || input.specialFrom <= input.today) && (!input.specialTo || input.today <= input.specialTo);
    const sp = toScaled(input.specialPrice);
    if (active && (v === null || sp < v)) {
      v = sp;
      steps.push({
        step: 'special_price',
        value: fromScaled(v, 4),
        note: `special price active ${input.specialFrom ?? '…'} – ${input.specialTo ?? '…'}`,
      });
    } else
      steps.push({ step: 'special_price', value: null, note: active ? 'special price is not lower' : 'special price not active today' });
  }
  if (input.override !== null) {
    // The override is already in the marketplace currency: no rate applies after it.
    const o = toScaled(input.override);
    steps.push({ step: 'override', value: fromScaled(o, 2), note: 'price override of this listing (marketplace currency)' });
    return { value: fromScaled(o, 2), steps };
  }
  if (v === null) {
    steps.push({ step: 'round', value: null, note: 'no price: the offer is sent without one' });
    return { value: null, steps };
  }
  const rate = toScaled(input.settings.currencyRate);
  v = mul(v, rate);
  steps.push({ step: 'currency_rate', value: fromScaled(v, 4), note: `× ${input.settings.currencyRate} → ${input.currency}` });
  const out = fromScaled(v, 2);
  steps.push({ step: 'round', value: out, note: 'rounded half up to 2 places' });
  return { value: out, steps };
}

// Quantity: see backend/src/inventory/quantity-pipeline.ts (stock policies per profile).

// ---- condition and handling time ----

export function conditionOf(
  settings: ListingSettings['condition'],
  attributeValue: string | null,
  override: { condition: string | null; note: string | null },
): { condition: Condition | null; note: string | null; steps: Step[] } {
  const steps: Step[] = [];
  let condition: Condition | null = null;
  if (settings.mode === 'single') {
    condition = settings.value;
    steps.push({ step: 'setting', value: condition, note: 'one condition for all listings' });
  } else {
    condition = attributeValue !== null ? (settings.valueMap[attributeValue] ?? null) : null;
    steps.push({
      step: 'attribute',
      value: condition,
      note:
        attributeValue === null
          ? `no ${settings.attribute} value`
          : `${settings.attribute} "${attributeValue}" → ${condition ?? 'not mapped'}`,
    });
  }
  if (override.condition) {
    condition = override.condition as Condition;
    steps.push({ step: 'override', value: condition, note: 'condition override of this listing' });
  }
  return { condition, note: override.note ?? settings.note, steps };
}

export const handlingTimeOf = (settingDays: number, override: number | null): number => override ?? settingDays;
