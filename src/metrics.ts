// A small Prometheus registry: counters, gauges and histograms with labels, rendered in the
// text exposition format 0.0.4. Enough for one process's /metrics, without a dependency.

export type Labels = Readonly<Record<string, string>>;

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

export interface Gauge {
  set(value: number, labels?: Labels): void;
  inc(labels?: Labels, by?: number): void;
  dec(labels?: Labels, by?: number): void;
}

export interface Histogram {
  observe(value: number, labels?: Labels): void;
}

export interface Registry {
  counter(name: string, help: string, labelNames?: readonly string[]): Counter;
  gauge(name: string, help: string, labelNames?: readonly string[]): Gauge;
  histogram(name: string, help: string, buckets: readonly number[], labelNames?: readonly string[]): Histogram;
  /** Every metric in the text format, one `# HELP`/`# TYPE` block per metric. */
  render(): string;
}

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  labelNames: readonly string[];
  render(): string[];
}

const escapeLabel = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escapeHelp = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const formatNumber = (value: number): string =>
  Number.isNaN(value) ? 'NaN' : value === Number.POSITIVE_INFINITY ? '+Inf' : value === Number.NEGATIVE_INFINITY ? '-Inf' : String(value);

function labelText(names: readonly string[], values: readonly string[], extra = ''): string {
  const parts = names.map((name, index) => `${name}="${escapeLabel(values[index]!)}"`);
  if (extra) parts.push(extra);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}

export function createRegistry(): Registry {
  const families: Family[] = [];

  const register = (family: Family): void => {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(family.name)) throw new Error(`invalid metric name ${family.name}`);
    if (families.some((known) => known.name === family.name)) throw new Error(`metric ${family.name} registered twice`);
    families.push(family);
  };

  /** Label values in the family's order; a missing or extra label is a programming error. */
  const valuesOf = (name: string, labelNames: readonly string[], labels: Labels = {}): string[] => {
    const keys = Object.keys(labels);
    if (keys.length !== labelNames.length || !labelNames.every((label) => typeof labels[label] === 'string')) {
      throw new Error(`${name} takes labels [${labelNames.join(', ')}], got [${keys.join(', ')}]`);
    }
    return labelNames.map((label) => labels[label]!);
  };

  function scalar(type: 'counter' | 'gauge', name: string, help: string, labelNames: readonly string[]) {
    const series = new Map<string, { values: string[]; value: number }>();
    // A metric without labels is always shown, at 0 before anything happened.
    if (labelNames.length === 0) series.set('', { values: [], value: 0 });
    const add = (labels: Labels | undefined, by: number, replace: boolean): void => {
      const values = valuesOf(name, labelNames, labels);
      const key = JSON.stringify(values);
      const entry = labelNames.length === 0 ? series.get('')! : series.get(key) ?? { values, value: 0 };
      entry.value = replace ? by : entry.value + by;
      if (labelNames.length > 0) series.set(key, entry);
    };
    register({
      name,
      help,
      type,
      labelNames,
      render: () => [...series.values()].map((entry) => `${name}${labelText(labelNames, entry.values)} ${formatNumber(entry.value)}`),
    });
    return {
      inc: (labels?: Labels, by = 1) => {
        if (type === 'counter' && by < 0) throw new Error(`${name} is a counter: it only goes up`);
        add(labels, by, false);
      },
      dec: (labels?: Labels, by = 1) => add(labels, -by, false),
      set: (value: number, labels?: Labels) => add(labels, value, true),
    };
  }

  return {
    counter(name, help, labelNames = []) {
      const { inc } = scalar('counter', name, help, labelNames);
      return { inc };
    },
    gauge(name, help, labelNames = []) {
      const { inc, dec, set } = scalar('gauge', name, help, labelNames);
      return { inc, dec, set };
    },
    histogram(name, help, buckets, labelNames = []) {
      const bounds = [...buckets].sort((a, b) => a - b);
      const series = new Map<string, { values: string[]; counts: number[]; sum: number; count: number }>();
      register({
        name,
        help,
        type: 'histogram',
        labelNames,
        render: () =>
          [...series.values()].flatMap((entry) => {
            // Buckets are cumulative: each counts every observation at or below its bound.
            let cumulative = 0;
            const lines = bounds.map((bound, index) => {
              cumulative += entry.counts[index]!;
              return `${name}_bucket${labelText(labelNames, entry.values, `le="${formatNumber(bound)}"`)} ${cumulative}`;
            });
            lines.push(`${name}_bucket${labelText(labelNames, entry.values, 'le="+Inf"')} ${entry.count}`);
            lines.push(`${name}_sum${labelText(labelNames, entry.values)} ${formatNumber(entry.sum)}`);
            lines.push(`${name}_count${labelText(labelNames, entry.values)} ${entry.count}`);
            return lines;
          }),
      });
      return {
        observe(value, labels) {
          const values = valuesOf(name, labelNames, labels);
          const key = JSON.stringify(values);
          let entry = series.get(key);
          if (!entry) {
            entry = { values, counts: bounds.map(() => 0), sum: 0, count: 0 };
            series.set(key, entry);
          }
          const index = bounds.findIndex((bound) => value <= bound);
          if (index >= 0) entry.counts[index]! += 1;
          entry.sum += value;
          entry.count += 1;
        },
      };
    },
    render() {
      const blocks = families.map((family) =>
        [`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`, ...family.render()].join('\n'),
      );
      return `${blocks.join('\n')}\n`;
    },
  };
}
