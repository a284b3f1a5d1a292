// Medians and friends for the benchmark reports. The median, not the mean: these machines are
// shared and noisy, and one slow outlier must not move the figure.

/** The median of `values` (numbers; null/undefined ignored); NaN when there are none. */
export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Smallest and largest finite value, for the spread next to a median. */
export function range(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  return v.length ? [Math.min(...v), Math.max(...v)] : [NaN, NaN];
}
