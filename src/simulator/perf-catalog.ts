/**
 * Performance series families per framework. A family expands, per platform and variant, into a
 * parent signature (the suite summary) and optional subtest signatures.
 */

export interface PerfJobSpec {
  /** Label after `test-<platform>/opt-`, or the full build label for build metrics. */
  name: string;
  symbol: string;
  groupKey: 'talos' | 'browsertime' | 'awsy' | 'jsBench' | 'perftest' | 'builds';
}

export interface PerfFamilySpec {
  frameworkId: number;
  suite: string;
  /** Test name of the top-level series; '' for suite summaries, equal to suite for single tests. */
  test: string;
  subtests: readonly string[];
  unit: string | null;
  subtestUnit?: string | null;
  lowerIsBetter: boolean;
  subtestsLowerIsBetter?: boolean;
  /** Typical magnitude of a value. */
  baseline: number;
  /** Relative standard deviation of run-to-run noise. */
  noise: number;
  platforms: readonly string[];
  /** Each variant is a separate series (extra_options and tags, both space separated). */
  variants: ReadonlyArray<{ extraOptions: string; tags: string; application: string }>;
  option: string;
  job: PerfJobSpec;
  shouldAlert?: boolean | null;
  alertChangeType?: number | null;
  alertThreshold?: number | null;
}

const DESKTOP_PERF = ['linux1804-64-shippable', 'windows11-64-24h2-shippable', 'macosx1500-aarch64-shippable'];
const TALOS_VARIANTS = [
  { extraOptions: 'e10s fission stylo webrender', tags: '', application: '' },
  { extraOptions: 'e10s fission stylo webrender-sw', tags: '', application: '' },
];
const BT_VARIANTS = [
  { extraOptions: 'cold fission webrender', tags: 'cold fission webrender', application: 'firefox' },
  { extraOptions: 'fission warm webrender', tags: 'fission warm webrender', application: 'firefox' },
  { extraOptions: 'cold fission webrender', tags: 'cold fission webrender', application: 'chrome' },
];
const PAGE_METRICS = ['fcp', 'loadtime', 'SpeedIndex', 'ContentfulSpeedIndex', 'PerceptualSpeedIndex', 'largestContentfulPaint'];

function browsertimePage(suite: string, symbol: string, baseline: number): PerfFamilySpec {
  return {
    frameworkId: 13,
    suite,
    test: '',
    subtests: PAGE_METRICS,
    unit: 'ms',
    lowerIsBetter: true,
    baseline,
    noise: 0.04,
    platforms: [...DESKTOP_PERF, 'android-hw-a55-14-0-aarch64-shippable'],
    variants: BT_VARIANTS,
    option: 'opt',
    job: { name: `browsertime-tp6-firefox-${suite}`, symbol, groupKey: 'browsertime' },
  };
}

export const PERF_FAMILIES: readonly PerfFamilySpec[] = [
  // talos (1)
  {
    frameworkId: 1,
    suite: 'tp5o',
    test: '',
    subtests: ['163.com', 'amazon.com', 'bbc.co.uk', 'cnn.com', 'wikipedia.org'],
    unit: 'ms',
    lowerIsBetter: true,
    baseline: 180,
    noise: 0.02,
    platforms: DESKTOP_PERF,
    variants: TALOS_VARIANTS,
    option: 'opt',
    job: { name: 'talos-tp5o', symbol: 'tp5o', groupKey: 'talos' },
  },
  {
    frameworkId: 1,
    suite: 'a11yr',
    test: '',
    subtests: ['dhtml.html', 'tablemutation.html'],
    unit: 'ms',
    lowerIsBetter: true,
    baseline: 160,
    noise: 0.03,
    platforms: DESKTOP_PERF,
    variants: TALOS_VARIANTS,
    option: 'opt',
    job: { name: 'talos-other', symbol: 'o', groupKey: 'talos' },
  },
  {
    frameworkId: 1,
    suite: 'ts_paint',
    test: 'ts_paint',
    subtests: [],
    unit: 'ms',
    lowerIsBetter: true,
    baseline: 320,
    noise: 0.025,
    platforms: DESKTOP_PERF,
    variants: TALOS_VARIANTS,
    option: 'opt',
    job: { name: 'talos-other', symbol: 'o', groupKey: 'talos' },
  },
  {
    frameworkId: 1,
    suite: 'sessionrestore_many_windows',
    test: 'sessionrestore_many_windows',
    subtests: [],
    unit: 'ms',
    lowerIsBetter: true,
    baseline: 540,
    noise: 0.03,
    platforms: DESKTOP_PERF,
    variants: TALOS_VARIANTS,
    option: 'opt',
    job: { name: 'talos-sessionrestore-many-windows', symbol: 'sr', groupKey: 'talos' },
  },
  {
    frameworkId: 1,
    suite: 'dromaeo_dom',
    test: '',
    subtests: ['dom_attr', 'dom_modify', 'dom_query', 'dom_traverse'],
    unit: 'score',
    lowerIsBetter: false,
    baseline: 2400,
    noise: 0.015,
    platforms: DESKTOP_PERF,
    variants: TALOS_VARIANTS,
    option: 'opt',
    job: { name: 'talos-dromaeojs', symbol: 'd', groupKey: 'talos' },
  },
  {
    frameworkId: 1,
    suite: 'tart',
    test: '',
    subtests: ['icon-close-DPIcurrent.all.TART', 'simple-open-DPIcurrent.half.TART'],
    unit: 'ms',
    lowerIsBetter: true,
    baseline: 2.8,
    noise: 0.04,
    platforms: DESKTOP_PERF,
    variants: TALOS_VARIANTS,
    option: 'opt',
    job: { name: 'talos-svgr', symbol: 's', groupKey: 'talos' },
  },
  {
    frameworkId: 1,
    suite: 'tabswitch',
    test: 'tabswitch',
    subtests: [],
    unit: 'ms',
    lowerIsBetter: true,
    baseline: 8.5,
    noise: 0.05,
    platforms: DESKTOP_PERF,
    variants: TALOS_VARIANTS,
    option: 'opt',
    job: { name: 'talos-tabswitch', symbol: 'tabswitch', groupKey: 'talos' },
  },
  // build_metrics (2)
  {
    frameworkId: 2,
    suite: 'installer size',
    test: '',
    subtests: [],
    unit: 'bytes',
    lowerIsBetter: true,
    baseline: 86_000_000,
    noise: 0.0005,
    platforms: ['linux64', 'windows2012-64', 'macosx64-aarch64'],
    variants: [{ extraOptions: '', tags: '', application: '' }],
    option: 'opt',
    job: { name: 'build', symbol: 'B', groupKey: 'builds' },
    shouldAlert: true,
    alertChangeType: 1,
    alertThreshold: 100000,
  },
  {
    frameworkId: 2,
    suite: 'compiler warnings',
    test: '',
    subtests: [],
    unit: 'count',
    lowerIsBetter: true,
    baseline: 12,
    noise: 0.05,
    platforms: ['linux64', 'windows2012-64', 'macosx64-aarch64'],
    variants: [{ extraOptions: '', tags: '', application: '' }],
    option: 'opt',
    job: { name: 'build', symbol: 'B', groupKey: 'builds' },
  },
  {
    frameworkId: 2,
    suite: 'compiler_metrics',
    test: '',
    subtests: ['num_static_constructors', 'section sizes'],
    unit: 'count',
    lowerIsBetter: true,
    baseline: 140,
    noise: 0.002,
    platforms: ['linux64', 'windows2012-64', 'macosx64-aarch64'],
    variants: [{ extraOptions: '', tags: '', application: '' }],
    option: 'opt',
    job: { name: 'build', symbol: 'B', groupKey: 'builds' },
  },
  {
    frameworkId: 2,
    suite: 'build times',
    test: '',
    subtests: ['configure', 'compile', 'link', 'package'],
    unit: 's',
    lowerIsBetter: true,
    baseline: 1800,
    noise: 0.06,
    platforms: ['linux64', 'windows2012-64', 'macosx64-aarch64'],
    variants: [{ extraOptions: '', tags: '', application: '' }],
    option: 'opt',
    job: { name: 'build', symbol: 'B', groupKey: 'builds' },
    shouldAlert: false,
  },
  // awsy (4)
  {
    frameworkId: 4,
    suite: 'Base Content Explicit',
    test: '',
    subtests: [],
    unit: 'bytes',
    lowerIsBetter: true,
    baseline: 9_800_000,
    noise: 0.01,
    platforms: DESKTOP_PERF,
    variants: [{ extraOptions: 'fission webrender', tags: '', application: '' }],
    option: 'opt',
    job: { name: 'awsy-base', symbol: 'ab', groupKey: 'awsy' },
  },
  {
    frameworkId: 4,
    suite: 'Base Content JS',
    test: '',
    subtests: [],
    unit: 'bytes',
    lowerIsBetter: true,
    baseline: 1_650_000,
    noise: 0.004,
    platforms: DESKTOP_PERF,
    variants: [{ extraOptions: 'fission webrender', tags: '', application: '' }],
    option: 'opt',
    job: { name: 'awsy-base', symbol: 'ab', groupKey: 'awsy' },
  },
  {
    frameworkId: 4,
    suite: 'Explicit Memory',
    test: '',
    subtests: ['After tabs open [+30s, forced GC]', 'Fresh start [+30s]', 'Tabs closed [+30s, forced GC]'],
    unit: 'bytes',
    lowerIsBetter: true,
    baseline: 520_000_000,
    noise: 0.02,
    platforms: DESKTOP_PERF,
    variants: [{ extraOptions: 'fission webrender', tags: '', application: '' }],
    option: 'opt',
    job: { name: 'awsy-tp6', symbol: 'tp6', groupKey: 'awsy' },
  },
  {
    frameworkId: 4,
    suite: 'Heap Unclassified',
    test: '',
    subtests: ['After tabs open [+30s, forced GC]', 'Fresh start [+30s]'],
    unit: 'bytes',
    lowerIsBetter: true,
    baseline: 95_000_000,
    noise: 0.03,
    platforms: DESKTOP_PERF,
    variants: [{ extraOptions: 'fission webrender', tags: '', application: '' }],
    option: 'opt',
    job: { name: 'awsy-tp6', symbol: 'tp6', groupKey: 'awsy' },
  },
  // js-bench (11)
  {
    frameworkId: 11,
    suite: 'ares6',
    test: '',
    subtests: ['Air', 'Basic', 'Babylon', 'ML'],
    unit: 'ms',
    lowerIsBetter: true,
    baseline: 45,
    noise: 0.03,
    platforms: ['linux1804-64-shippable'],
    variants: [
      { extraOptions: 'sm', tags: '', application: '' },
      { extraOptions: 'v8', tags: '', application: '' },
    ],
    option: 'opt',
    job: { name: 'jsshell-bench-ares6', symbol: 'ares6', groupKey: 'jsBench' },
  },
  {
    frameworkId: 11,
    suite: 'web-tooling-benchmark',
    test: '',
    subtests: ['acorn', 'babel', 'typescript', 'prettier'],
    unit: 'score',
    lowerIsBetter: false,
    baseline: 11,
    noise: 0.02,
    platforms: ['linux1804-64-shippable'],
    variants: [
      { extraOptions: 'sm', tags: '', application: '' },
      { extraOptions: 'v8', tags: '', application: '' },
    ],
    option: 'opt',
    job: { name: 'jsshell-bench-web-tooling', symbol: 'wt', groupKey: 'jsBench' },
  },
  {
    frameworkId: 11,
    suite: 'sunspider',
    test: '',
    subtests: ['3d-cube.js', 'crypto-md5.js', 'string-tagcloud.js'],
    unit: 'ms',
    lowerIsBetter: true,
    baseline: 14,
    noise: 0.04,
    platforms: ['linux1804-64-shippable'],
    variants: [{ extraOptions: 'sm', tags: '', application: '' }],
    option: 'opt',
    job: { name: 'jsshell-bench-sunspider', symbol: 'ss', groupKey: 'jsBench' },
  },
  // devtools (12)
  {
    frameworkId: 12,
    suite: 'damp',
    test: '',
    subtests: [
      'custom.inspector.open.DAMP',
      'custom.netmonitor.reload.DAMP',
      'custom.debugger.open.DAMP',
      'complicated.styleeditor.reload.DAMP',
      'simple.webconsole.open.DAMP',
    ],
    unit: 'ms',
    lowerIsBetter: true,
    baseline: 420,
    noise: 0.025,
    platforms: DESKTOP_PERF,
    variants: [{ extraOptions: 'e10s fission stylo webrender', tags: '', application: '' }],
    option: 'opt',
    job: { name: 'talos-damp-other', symbol: 'damp-other', groupKey: 'talos' },
  },
  {
    frameworkId: 12,
    suite: 'damp-inspector',
    test: '',
    subtests: ['custom.inspector.manyrules.selectnode.DAMP', 'custom.inspector.collapseall.balanced.DAMP'],
    unit: 'ms',
    lowerIsBetter: true,
    baseline: 260,
    noise: 0.03,
    platforms: DESKTOP_PERF,
    variants: [{ extraOptions: 'e10s fission stylo webrender', tags: '', application: '' }],
    option: 'opt',
    job: { name: 'talos-damp-inspector', symbol: 'damp-inspector', groupKey: 'talos' },
  },
  // browsertime (13)
  browsertimePage('amazon', 'amz', 1150),
  browsertimePage('wikipedia', 'wiki', 420),
  browsertimePage('youtube', 'ytb', 980),
  browsertimePage('google-search', 'gs', 360),
  browsertimePage('reddit', 'red', 1320),
  {
    frameworkId: 13,
    suite: 'speedometer3',
    test: '',
    subtests: ['TodoMVC-React-Complex-DOM', 'NewsSite-Nuxt', 'Editor-CodeMirror', 'Charts-chartjs'],
    unit: 'score',
    subtestUnit: 'ms',
    lowerIsBetter: false,
    subtestsLowerIsBetter: true,
    baseline: 24,
    noise: 0.015,
    platforms: [...DESKTOP_PERF, 'android-hw-a55-14-0-aarch64-shippable'],
    variants: [
      { extraOptions: 'fission webrender', tags: 'fission webrender', application: 'firefox' },
      { extraOptions: 'fission webrender', tags: 'fission webrender', application: 'chrome' },
    ],
    option: 'opt',
    job: { name: 'browsertime-benchmark-firefox-speedometer3', symbol: 'sp3', groupKey: 'browsertime' },
  },
  // mozperftest (15)
  {
    frameworkId: 15,
    suite: 'ml-perf-summarizer',
    test: '',
    subtests: ['latency', 'memory'],
    unit: 'ms',
    lowerIsBetter: true,
    baseline: 890,
    noise: 0.05,
    platforms: ['linux1804-64-shippable', 'macosx1500-aarch64-shippable'],
    variants: [{ extraOptions: '', tags: '', application: '' }],
    option: 'opt',
    job: { name: 'perftest-linux-ml-perf-summarizer', symbol: 'ml-sum', groupKey: 'perftest' },
  },
  {
    frameworkId: 15,
    suite: 'startup-perf',
    test: 'firstPaint',
    subtests: [],
    unit: 'ms',
    lowerIsBetter: true,
    baseline: 610,
    noise: 0.03,
    platforms: ['windows11-64-24h2-shippable', 'macosx1500-aarch64-shippable'],
    variants: [{ extraOptions: '', tags: '', application: '' }],
    option: 'opt',
    job: { name: 'perftest-startup', symbol: 'startup', groupKey: 'perftest' },
  },
];
