/**
 * The statistics behind /api/perfcompare/results/: Python's `statistics` helpers for the
 * Student-t rows, and small implementations of the SciPy tests used by the Mann-Whitney rows
 * (exact/asymptotic Mann-Whitney U, Royston's Shapiro-Wilk, asymptotic Kolmogorov-Smirnov).
 */

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** `statistics.stdev`: sample standard deviation. */
export function stdev(values: readonly number[]): number {
  const m = mean(values);
  let acc = 0;
  for (const v of values) acc += (v - m) * (v - m);
  return Math.sqrt(acc / (values.length - 1));
}

/** `numpy.var`: population variance. */
export function populationVariance(values: readonly number[]): number {
  const m = mean(values);
  let acc = 0;
  for (const v of values) acc += (v - m) * (v - m);
  return acc / values.length;
}

/** `statistics.median`. */
export function median(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid] as number;
  return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** erfc (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Inverse standard normal CDF (Acklam's rational approximation). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

function poly(coefficients: readonly number[], x: number): number {
  let result = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) result = result * x + (coefficients[i] as number);
  return result;
}

/** Shapiro-Wilk W and p-value (Royston 1992/1995), for 3 ≤ n; null when undefined. */
export function shapiroWilk(values: readonly number[]): { w: number; p: number } | null {
  const n = values.length;
  if (n < 3) return null;
  const x = values.slice().sort((p, q) => p - q);
  const range = (x[n - 1] as number) - (x[0] as number);
  if (range === 0) return null;
  const a = new Array<number>(n).fill(0);
  if (n === 3) {
    a[0] = -Math.SQRT1_2;
    a[2] = Math.SQRT1_2;
  } else {
    const m = x.map((_, i) => normalQuantile((i + 1 - 0.375) / (n + 0.25)));
    const summ2 = m.reduce((acc, v) => acc + v * v, 0);
    const ssumm2 = Math.sqrt(summ2);
    const u = 1 / Math.sqrt(n);
    const mn = m[n - 1] as number;
    const mn1 = m[n - 2] as number;
    const an = mn / ssumm2 + poly([0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056], u);
    if (n > 5) {
      const an1 = mn1 / ssumm2 + poly([0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633], u);
      const eps = Math.sqrt((summ2 - 2 * mn * mn - 2 * mn1 * mn1) / (1 - 2 * an * an - 2 * an1 * an1));
      for (let i = 2; i < n - 2; i++) a[i] = (m[i] as number) / eps;
      a[n - 1] = an;
      a[0] = -an;
      a[n - 2] = an1;
      a[1] = -an1;
    } else {
      const eps = Math.sqrt((summ2 - 2 * mn * mn) / (1 - 2 * an * an));
      for (let i = 1; i < n - 1; i++) a[i] = (m[i] as number) / eps;
      a[n - 1] = an;
      a[0] = -an;
    }
  }
  const m = mean(x);
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i] as number) * (x[i] as number);
    den += ((x[i] as number) - m) ** 2;
  }
  const w = Math.min((num * num) / den, 1);
  let p: number;
  if (n === 3) {
    p = Math.max(0, (6 / Math.PI) * (Math.asin(Math.sqrt(w)) - Math.asin(Math.sqrt(0.75))));
  } else if (n <= 11) {
    const gamma = poly([-2.273, 0.459], n);
    const mu = poly([0.544, -0.39978, 0.025054, -6.714e-4], n);
    const sigma = Math.exp(poly([1.3822, -0.77857, 0.062767, -0.0020322], n));
    const y = -Math.log(gamma - Math.log(1 - w));
    p = 1 - normalCdf((y - mu) / sigma);
  } else {
    const ln = Math.log(n);
    const mu = poly([-1.5861, -0.31082, -0.083751, 0.0038915], ln);
    const sigma = Math.exp(poly([-0.4803, -0.082676, 0.0030302], ln));
    p = 1 - normalCdf((Math.log(1 - w) - mu) / sigma);
  }
  return { w, p: Math.min(Math.max(p, 0), 1) };
}

/** Mann-Whitney U of the first sample, two-sided p-value (SciPy's `method='auto'`). */
export function mannWhitneyU(first: readonly number[], second: readonly number[]): { u: number; p: number } {
  const n1 = first.length;
  const n2 = second.length;
  const all = [...first.map((v) => ({ v, g: 0 })), ...second.map((v) => ({ v, g: 1 }))].sort((p, q) => p.v - q.v);
  const ranks = new Array<number>(all.length);
  let tieTerm = 0;
  let hasTies = false;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && (all[j + 1] as { v: number }).v === (all[i] as { v: number }).v) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[k] = rank;
    const t = j - i + 1;
    if (t > 1) hasTies = true;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  let r1 = 0;
  all.forEach((item, i) => {
    if (item.g === 0) r1 += ranks[i] as number;
  });
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const big = Math.max(u1, u2);
  let p: number;
  if (Math.min(n1, n2) < 8 && !hasTies) {
    // Exact null distribution of U by counting arrangements.
    const counts = exactUDistribution(n1, n2);
    const total = counts.reduce((acc, c) => acc + c, 0);
    let sf = 0;
    for (let u = Math.ceil(big); u < counts.length; u++) sf += counts[u] as number;
    p = Math.min(1, (2 * sf) / total);
  } else {
    const mu = (n1 * n2) / 2;
    const n = n1 + n2;
    const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const z = sigma === 0 ? 0 : (big - mu - 0.5) / sigma;
    p = Math.min(1, 2 * (1 - normalCdf(z)));
  }
  return { u: u1, p };
}

function exactUDistribution(n1: number, n2: number): number[] {
  // f[m][n][u] via f(m, n, u) = f(m-1, n, u-n) + f(m, n-1, u).
  const memo = new Map<string, number[]>();
  const f = (m: number, n: number): number[] => {
    const key = `${m},${n}`;
    const hit = memo.get(key);
    if (hit) return hit;
    let result: number[];
    if (m === 0 || n === 0) result = [1];
    else {
      const left = f(m - 1, n);
      const right = f(m, n - 1);
      result = new Array<number>(m * n + 1).fill(0);
      left.forEach((c, u) => {
        result[u + n] = (result[u + n] ?? 0) + c;
      });
      right.forEach((c, u) => {
        result[u] = (result[u] ?? 0) + c;
      });
    }
    memo.set(key, result);
    return result;
  };
  return f(n1, n2);
}

/** Two-sample Kolmogorov-Smirnov statistic with the asymptotic p-value. */
export function ksTwoSample(first: readonly number[], second: readonly number[]): { d: number; p: number } {
  const a = first.slice().sort((p, q) => p - q);
  const b = second.slice().sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i] as number, b[j] as number);
    while (i < a.length && (a[i] as number) <= v) i++;
    while (j < b.length && (b[j] as number) <= v) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  const en = Math.sqrt((a.length * b.length) / (a.length + b.length));
  const lambda = (en + 0.12 + 0.11 / en) * d;
  let p = 0;
  for (let k = 1; k <= 100; k++) p += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return { d, p: Math.min(Math.max(lambda < 1e-3 ? 1 : p, 0), 1) };
}

/** Cliff's delta of (first, second): P(first > second) − P(first < second). */
export function cliffsDelta(first: readonly number[], second: readonly number[]): number {
  let more = 0;
  let less = 0;
  for (const x of first) {
    for (const y of second) {
      if (x > y) more++;
      else if (x < y) less++;
    }
  }
  return (more - less) / (first.length * second.length);
}

/** Python's `format(x, '.Nf')`: round half to even on exact ties. */
export function pyFixed(x: number, digits: number): string {
  const scaled = x * 10 ** digits;
  if (Number.isFinite(scaled) && Math.abs(scaled - Math.trunc(scaled)) === 0.5) {
    const floor = Math.floor(scaled);
    const even = floor % 2 === 0 ? floor : floor + 1;
    return (even / 10 ** digits).toFixed(digits);
  }
  return x.toFixed(digits);
}
