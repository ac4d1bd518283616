/**
 * Exact rationals over BigInt. Amounts are parsed from their digit strings and
 * scaled by powers of ten here, so `7.7bn` is 77/10 × 10^9 = 7700000000 exactly;
 * only the final conversion to a JavaScript number rounds (issue 5: "never
 * multiply floats").
 */
export interface Q {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function q(n: bigint, d: bigint = 1n): Q {
  // Most values are whole numbers: nothing to reduce.
  if (d === 1n) return { n, d };
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO: Q = { n: 0n, d: 1n };
export const ONE: Q = { n: 1n, d: 1n };

/** 10^0 … 10^30, built once: numbers are read on every article and most exponents are small. */
const POWERS: readonly bigint[] = Array.from({ length: 31 }, (_, k) => 10n ** BigInt(k));

function tenTo(k: number): bigint {
  return k < POWERS.length ? POWERS[k] : 10n ** BigInt(k);
}

/** `intDigits.fracDigits` exactly (digits only, no separators). */
export function fromDecimal(intDigits: string, fracDigits = ''): Q {
  return q(BigInt((intDigits || '0') + fracDigits), tenTo(fracDigits.length));
}

export function add(a: Q, b: Q): Q {
  return q(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function mul(a: Q, b: Q): Q {
  return q(a.n * b.n, a.d * b.d);
}

export function div(a: Q, b: Q): Q {
  return q(a.n * b.d, a.d * b.n);
}

export function neg(a: Q): Q {
  return { n: -a.n, d: a.d };
}

/** 10^k for any integer k (negative gives a fraction). */
export function pow10(k: number): Q {
  return k >= 0 ? { n: tenTo(k), d: 1n } : { n: 1n, d: tenTo(-k) };
}

export function int(v: number | bigint): Q {
  return { n: BigInt(v), d: 1n };
}

export function cmp(a: Q, b: Q): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

const SAFE = 2n ** 53n;

/** The nearest double (correctly rounded whenever numerator and denominator fit in 53 bits). */
export function toNumber(a: Q): number {
  if (a.d === 1n) return Number(a.n);
  const absN = a.n < 0n ? -a.n : a.n;
  // Division of two exactly representable integers is correctly rounded by IEEE 754.
  if (absN <= SAFE && a.d <= SAFE) return Number(a.n) / Number(a.d);
  const whole = absN / a.d;
  const rest = ((absN % a.d) * 10n ** 30n) / a.d;
  const s = `${whole}.${rest.toString().padStart(30, '0')}`;
  return a.n < 0n ? -Number(s) : Number(s);
}
