/**
 * Static vocabulary the generator draws from: repositories, platforms, suites, people, words.
 * The values are modelled on what Treeherder production serves (names, ids and URL forms), but
 * every list here is written for the simulator; nothing is copied from recorded responses.
 */

export interface RepositoryGroupSpec {
  name: string;
  description: string;
}

export const REPOSITORY_GROUPS = {
  development: {
    name: 'development',
    description: 'Collection of repositories where code initially lands in the development process',
  },
  releaseStabilization: {
    name: 'release-stabilization',
    description: 'Collection of repositories further along the release process',
  },
  comm: {
    name: 'comm-repositories',
    description: 'Repositories for Seamonkey/Thunderbird development',
  },
  other: {
    name: 'other',
    description: 'Other repositories not falling under the above categories',
  },
} as const satisfies Record<string, RepositoryGroupSpec>;

export type PushStyle = 'try' | 'integration' | 'central' | 'release' | 'comm' | 'git';

export interface RepositorySpec {
  id: number;
  name: string;
  group: RepositoryGroupSpec;
  dvcsType: 'hg' | 'git';
  url: string;
  codebase: string;
  activeStatus: 'active' | 'onhold';
  lifeCycleOrder: number | null;
  performanceAlertsEnabled: boolean;
  expirePerformanceData: boolean;
  isTryRepo: boolean;
  tcRootUrl: string;
  acceptsPullRequests: boolean;
  /** Mean minutes between pushes; shapes how far back the generated history reaches. */
  pushIntervalMinutes: number;
  /** How long ago (minutes before the anchor) the newest push landed, on average. */
  newestPushAgeMinutes: number;
  pushStyle: PushStyle;
  /** Relative size of a push's job set compared with the configured mean. */
  jobLoad: number;
  /** Share of pushes on which the performance jobs run (0 = no perf data in this repo). */
  perfCoverage: number;
  /** Whether perf alerts are generated here. */
  alerting: boolean;
}

const FIREFOX_CI = 'https://firefox-ci-tc.services.mozilla.com';

/** Database order (by id), which is the order `/api/repository/` lists them in. */
export const REPOSITORY_SPECS: readonly RepositorySpec[] = [
  {
    id: 1,
    name: 'mozilla-central',
    group: REPOSITORY_GROUPS.development,
    dvcsType: 'hg',
    url: 'https://hg.mozilla.org/mozilla-central',
    codebase: 'gecko',
    activeStatus: 'active',
    lifeCycleOrder: 10,
    performanceAlertsEnabled: true,
    expirePerformanceData: false,
    isTryRepo: false,
    tcRootUrl: FIREFOX_CI,
    acceptsPullRequests: false,
    pushIntervalMinutes: 360,
    newestPushAgeMinutes: 90,
    pushStyle: 'central',
    jobLoad: 1.3,
    perfCoverage: 1,
    alerting: true,
  },
  {
    id: 2,
    name: 'mozilla-inbound',
    group: REPOSITORY_GROUPS.development,
    dvcsType: 'hg',
    url: 'https://hg.mozilla.org/integration/mozilla-inbound',
    codebase: 'gecko',
    activeStatus: 'onhold',
    lifeCycleOrder: null,
    performanceAlertsEnabled: true,
    expirePerformanceData: false,
    isTryRepo: false,
    tcRootUrl: FIREFOX_CI,
    acceptsPullRequests: false,
    pushIntervalMinutes: 45,
    // Closed in 2019: its history sits far in the past.
    newestPushAgeMinutes: 60 * 24 * 365 * 2,
    pushStyle: 'integration',
    jobLoad: 1,
    perfCoverage: 0,
    alerting: false,
  },
  {
    id: 4,
    name: 'try',
    group: REPOSITORY_GROUPS.development,
    dvcsType: 'hg',
    url: 'https://hg.mozilla.org/try',
    codebase: 'gecko',
    activeStatus: 'active',
    lifeCycleOrder: null,
    performanceAlertsEnabled: false,
    expirePerformanceData: true,
    isTryRepo: true,
    tcRootUrl: FIREFOX_CI,
    acceptsPullRequests: false,
    pushIntervalMinutes: 7,
    newestPushAgeMinutes: 3,
    pushStyle: 'try',
    jobLoad: 0.6,
    perfCoverage: 0.25,
    alerting: false,
  },
  {
    id: 6,
    name: 'mozilla-beta',
    group: REPOSITORY_GROUPS.releaseStabilization,
    dvcsType: 'hg',
    url: 'https://hg.mozilla.org/releases/mozilla-beta',
    codebase: 'gecko',
    activeStatus: 'active',
    lifeCycleOrder: 100,
    performanceAlertsEnabled: true,
    expirePerformanceData: false,
    isTryRepo: false,
    tcRootUrl: FIREFOX_CI,
    acceptsPullRequests: false,
    pushIntervalMinutes: 720,
    newestPushAgeMinutes: 240,
    pushStyle: 'release',
    jobLoad: 1.1,
    perfCoverage: 0.9,
    alerting: true,
  },
  {
    id: 7,
    name: 'mozilla-release',
    group: REPOSITORY_GROUPS.releaseStabilization,
    dvcsType: 'hg',
    url: 'https://hg.mozilla.org/releases/mozilla-release',
    codebase: 'gecko',
    activeStatus: 'active',
    lifeCycleOrder: 1000,
    performanceAlertsEnabled: true,
    expirePerformanceData: false,
    isTryRepo: false,
    tcRootUrl: FIREFOX_CI,
    acceptsPullRequests: false,
    pushIntervalMinutes: 2880,
    newestPushAgeMinutes: 600,
    pushStyle: 'release',
    jobLoad: 1,
    perfCoverage: 0.8,
    alerting: false,
  },
  {
    id: 35,
    name: 'comm-central',
    group: REPOSITORY_GROUPS.comm,
    dvcsType: 'hg',
    url: 'https://hg.mozilla.org/comm-central',
    codebase: 'comm',
    activeStatus: 'active',
    lifeCycleOrder: null,
    performanceAlertsEnabled: false,
    expirePerformanceData: true,
    isTryRepo: false,
    tcRootUrl: FIREFOX_CI,
    acceptsPullRequests: false,
    pushIntervalMinutes: 240,
    newestPushAgeMinutes: 120,
    pushStyle: 'comm',
    jobLoad: 0.5,
    perfCoverage: 0,
    alerting: false,
  },
  {
    id: 77,
    name: 'autoland',
    group: REPOSITORY_GROUPS.development,
    dvcsType: 'hg',
    url: 'https://hg.mozilla.org/integration/autoland',
    codebase: 'gecko',
    activeStatus: 'active',
    lifeCycleOrder: null,
    performanceAlertsEnabled: true,
    expirePerformanceData: false,
    isTryRepo: false,
    tcRootUrl: FIREFOX_CI,
    acceptsPullRequests: false,
    pushIntervalMinutes: 25,
    newestPushAgeMinutes: 12,
    pushStyle: 'integration',
    jobLoad: 1,
    perfCoverage: 0.45,
    alerting: true,
  },
  {
    id: 95,
    name: 'mozilla-vpn-client',
    group: REPOSITORY_GROUPS.other,
    dvcsType: 'git',
    url: 'https://github.com/mozilla-mobile/mozilla-vpn-client',
    codebase: 'mozilla-vpn-client',
    activeStatus: 'active',
    lifeCycleOrder: null,
    performanceAlertsEnabled: false,
    expirePerformanceData: true,
    isTryRepo: false,
    tcRootUrl: FIREFOX_CI,
    acceptsPullRequests: true,
    pushIntervalMinutes: 600,
    newestPushAgeMinutes: 200,
    pushStyle: 'git',
    jobLoad: 0.15,
    perfCoverage: 0,
    alerting: false,
  },
  {
    id: 138,
    name: 'mozilla-esr140',
    group: REPOSITORY_GROUPS.releaseStabilization,
    dvcsType: 'hg',
    url: 'https://hg.mozilla.org/releases/mozilla-esr140',
    codebase: 'gecko',
    activeStatus: 'active',
    lifeCycleOrder: 1500,
    performanceAlertsEnabled: false,
    expirePerformanceData: true,
    isTryRepo: false,
    tcRootUrl: FIREFOX_CI,
    acceptsPullRequests: false,
    pushIntervalMinutes: 4320,
    newestPushAgeMinutes: 1440,
    pushStyle: 'release',
    jobLoad: 0.9,
    perfCoverage: 0,
    alerting: false,
  },
];

export interface Person {
  name: string;
  email: string;
}

export const DEVELOPERS: readonly Person[] = [
  { name: 'Emilio Cobos Álvarez', email: 'emilio@crisal.io' },
  { name: 'Olli Pettay', email: 'bugs@pettay.fi' },
  { name: 'Nika Layzell', email: 'nika@thelayzells.com' },
  { name: 'Markus Stange', email: 'mstange.moz@gmail.com' },
  { name: 'Jan de Mooij', email: 'jdemooij@mozilla.com' },
  { name: 'Andreas Farre', email: 'afarre@mozilla.com' },
  { name: 'Daniel Holbert', email: 'dholbert@cs.stanford.edu' },
  { name: 'Sean Feng', email: 'sefeng@mozilla.com' },
  { name: 'Alexandre Poirot', email: 'poirot.alex@gmail.com' },
  { name: 'Nicolas Chevobbe', email: 'nchevobbe@mozilla.com' },
  { name: 'Julian Descottes', email: 'jdescottes@mozilla.com' },
  { name: 'Gijs Kruitbosch', email: 'gijskruitbosch@gmail.com' },
  { name: 'Mike Conley', email: 'mconley@mozilla.com' },
  { name: 'Dão Gottwald', email: 'dao@mozilla.com' },
  { name: 'Jonathan Kew', email: 'jkew@mozilla.com' },
  { name: 'Andrew Halberstadt', email: 'ahal@mozilla.com' },
  { name: 'Joel Maher', email: 'jmaher@mozilla.com' },
  { name: 'Paul Adenot', email: 'padenot@mozilla.com' },
  { name: 'Jeff Muizelaar', email: 'jmuizelaar@mozilla.com' },
  { name: 'Jamie Nicol', email: 'jnicol@mozilla.com' },
  { name: 'Valentin Gosu', email: 'valentin.gosu@gmail.com' },
  { name: 'Kershaw Chang', email: 'kershaw@mozilla.com' },
  { name: 'Gabriele Svelto', email: 'gsvelto@mozilla.com' },
  { name: 'Kagami Sascha Rosylight', email: 'krosylight@mozilla.com' },
  { name: 'Tom Schuster', email: 'tschuster@mozilla.com' },
  { name: 'Matthew Gaudet', email: 'mgaudet@mozilla.com' },
  { name: 'Iain Ireland', email: 'iireland@mozilla.com' },
  { name: 'Ryan VanderMeulen', email: 'rvandermeulen@mozilla.com' },
];

/** Sheriffs push merges to mozilla-central and the release branches. */
export const SHERIFFS: readonly Person[] = [
  { name: 'Sandor Molnar', email: 'smolnar@mozilla.com' },
  { name: 'Norisz Fay', email: 'nfay@mozilla.com' },
  { name: 'Alexandru Marc', email: 'amarc@mozilla.com' },
  { name: 'Iulian Moraru', email: 'imoraru@mozilla.com' },
  { name: 'Cristina Horotan', email: 'chorotan@mozilla.com' },
  { name: 'Stanca Serban', email: 'sserban@mozilla.com' },
];

export const RELEASE_MANAGERS: readonly Person[] = [
  { name: 'Ryan VanderMeulen', email: 'rvandermeulen@mozilla.com' },
  { name: 'Pascal Chevrel', email: 'pascalc@gmail.com' },
  { name: 'Donal Meehan', email: 'dmeehan@mozilla.com' },
];

export const COMM_DEVELOPERS: readonly Person[] = [
  { name: 'Geoff Lankow', email: 'geoff@darktrojan.net' },
  { name: 'Magnus Melin', email: 'mkmelin+mozilla@iki.fi' },
  { name: 'Martin Giger', email: 'martin@humanoids.be' },
  { name: 'Rob Lemley', email: 'rob@thunderbird.net' },
];

export const VPN_DEVELOPERS: readonly Person[] = [
  { name: 'Naomi Kirby', email: 'nkirby@mozilla.com' },
  { name: 'Sebastian Streich', email: 'sstreich@mozilla.com' },
  { name: 'Lesley Norton', email: 'lnorton@mozilla.com' },
];

export const REVIEWERS: readonly string[] = [
  'emilio',
  'smaug',
  'nika',
  'mstange',
  'jandem',
  'dholbert',
  'jdescottes',
  'nchevobbe',
  'Gijs',
  'mconley',
  'jfkthame',
  'jmaher',
  'padenot',
  'jrmuizel',
  'necko-reviewers',
  'devtools-reviewers',
  'desktop-theme-reviewers',
  'layout-reviewers',
  'dom-core',
  'sfink',
];

export const BUG_SUBJECTS: readonly string[] = [
  'Avoid a redundant style flush when toggling the sidebar',
  'Fix crash in nsDocShell::InternalLoad when the browsing context is discarded',
  'Implement CSS anchor positioning fallbacks',
  'Move the tab strip overflow logic into a custom element',
  'Remove the unused preference network.http.spdy.enabled.deps',
  'Make WebTransport streams transferable',
  'Use a single allocation for small JSString buffers',
  'Update the vendored glean crates to the latest version',
  'Stop leaking the PresShell in printing previews',
  'Add telemetry for the address bar result menu',
  'Speed up Intl.DateTimeFormat construction with cached patterns',
  'Handle a null principal in ContentParent::RecvAttachBrowsingContext',
  'Enable the new screenshots component by default',
  'Refactor nsHttpChannel::ProcessResponse to reduce duplication',
  'Support color-mix() in the devtools color picker',
  'Reland the WebGPU buffer mapping fix with a test',
  'Convert remaining XPCOM observers in the download manager to ES modules',
  'Correct the rounding of subpixel layout in flex containers',
  'Disable the flaky test browser_tabswitch_window_focus.js on macOS',
  'Properly reject the promise when the Clipboard API is blocked',
  'Avoid main-thread IO when reading the startup cache',
  'Simplify the JIT inlining heuristics for small getters',
  'Add a pref to gate the new PDF.js text selection',
  'Fix the RTL alignment of the urlbar identity box',
  'Ensure media elements release their decoders when hidden',
  'Clean up the unused gfx.webrender.batched-texture-uploads pref',
];

export const COMM_SUBJECTS: readonly string[] = [
  'Port bug changes to comm-central',
  'Fix the folder pane keyboard navigation after a rename',
  'Show the account hub when no accounts are configured',
  'Update the calendar event dialog to use the new date picker',
];

export const VPN_SUBJECTS: readonly string[] = [
  'Bump the Qt version used by the Linux builds',
  'Fix the captive portal notification on Windows',
  'Add a screen reader label to the server list',
];

export interface PlatformSpec {
  /** Machine platform name, as shown in jobs and perf signatures. */
  name: string;
  /** Build platform used for the builds feeding this platform's tests. */
  buildPlatform: string;
  os: 'linux' | 'windows' | 'mac' | 'android';
  /** Build options that produce jobs for this platform. */
  options: readonly string[];
  tier: number;
  /** Suites run here; empty means build-only. */
  suites: readonly string[];
  /** True for the shippable/hardware platforms that run performance tests. */
  perf: boolean;
}

export const PLATFORMS: readonly PlatformSpec[] = [
  {
    name: 'linux1804-64',
    buildPlatform: 'linux64',
    os: 'linux',
    options: ['opt', 'debug'],
    tier: 1,
    suites: [
      'mochitest-browser-chrome',
      'mochitest-plain',
      'mochitest-devtools-chrome',
      'mochitest-a11y',
      'mochitest-media',
      'xpcshell',
      'reftest',
      'crashtest',
      'jsreftest',
      'web-platform-tests',
      'web-platform-tests-reftest',
      'web-platform-tests-wdspec',
      'gtest-1proc',
      'cppunittest',
      'marionette',
      'telemetry-tests-client',
    ],
    perf: false,
  },
  {
    name: 'linux2404-64',
    buildPlatform: 'linux64',
    os: 'linux',
    options: ['opt', 'debug', 'asan', 'tsan'],
    tier: 1,
    suites: [
      'mochitest-browser-chrome',
      'mochitest-plain',
      'xpcshell',
      'reftest',
      'crashtest',
      'web-platform-tests',
      'gtest-1proc',
    ],
    perf: false,
  },
  {
    name: 'linux1804-64-shippable',
    buildPlatform: 'linux64-shippable',
    os: 'linux',
    options: ['opt'],
    tier: 1,
    suites: ['mochitest-browser-chrome', 'xpcshell', 'web-platform-tests'],
    perf: true,
  },
  {
    name: 'windows11-64-24h2',
    buildPlatform: 'windows2012-64',
    os: 'windows',
    options: ['opt', 'debug', 'asan'],
    tier: 1,
    suites: [
      'mochitest-browser-chrome',
      'mochitest-plain',
      'mochitest-devtools-chrome',
      'mochitest-media',
      'xpcshell',
      'reftest',
      'crashtest',
      'web-platform-tests',
      'gtest-1proc',
      'cppunittest',
      'marionette',
    ],
    perf: false,
  },
  {
    name: 'windows11-64-24h2-shippable',
    buildPlatform: 'windows2012-64-shippable',
    os: 'windows',
    options: ['opt'],
    tier: 1,
    suites: ['mochitest-browser-chrome', 'web-platform-tests'],
    perf: true,
  },
  {
    name: 'macosx1500-aarch64',
    buildPlatform: 'macosx64-aarch64',
    os: 'mac',
    options: ['opt', 'debug'],
    tier: 1,
    suites: [
      'mochitest-browser-chrome',
      'mochitest-plain',
      'mochitest-devtools-chrome',
      'xpcshell',
      'reftest',
      'crashtest',
      'web-platform-tests',
      'gtest-1proc',
    ],
    perf: false,
  },
  {
    name: 'macosx1500-aarch64-shippable',
    buildPlatform: 'macosx64-aarch64-shippable',
    os: 'mac',
    options: ['opt'],
    tier: 1,
    suites: ['mochitest-browser-chrome'],
    perf: true,
  },
  {
    name: 'macosx1015-64',
    buildPlatform: 'macosx64',
    os: 'mac',
    options: ['opt', 'debug'],
    tier: 2,
    suites: ['mochitest-browser-chrome', 'xpcshell', 'reftest', 'web-platform-tests'],
    perf: false,
  },
  {
    name: 'android-em-7-0-x86_64',
    buildPlatform: 'android-5-0-x86_64',
    os: 'android',
    options: ['opt', 'debug'],
    tier: 1,
    suites: ['mochitest-plain', 'mochitest-media', 'xpcshell', 'reftest', 'crashtest', 'web-platform-tests'],
    perf: false,
  },
  {
    name: 'android-hw-a55-14-0-aarch64-shippable',
    buildPlatform: 'android-aarch64-shippable',
    os: 'android',
    options: ['opt'],
    tier: 2,
    suites: [],
    perf: true,
  },
];

export interface SuiteSpec {
  name: string;
  /** Symbol prefix; chunk numbers are appended (bc3, X2, R5). */
  symbol: string;
  /** Number of chunks (1 = unchunked, no number in the label). */
  chunks: number;
  group: JobGroupSpec;
  tier?: number;
  /** Typical minutes from start to end. */
  minutes: number;
  /** Tests that appear in this suite's failures. */
  testPaths: readonly string[];
}

export interface JobGroupSpec {
  id: number;
  name: string;
  symbol: string;
  description: string;
}

export const JOB_GROUPS = {
  unknown: { id: 2, name: 'unknown', symbol: '?', description: '' },
  mochitests: { id: 448, name: 'Mochitests', symbol: 'M', description: '' },
  xpcshell: { id: 450, name: 'Xpcshell tests', symbol: 'X', description: '' },
  reftests: { id: 452, name: 'Reftests', symbol: 'R', description: '' },
  wpt: { id: 459, name: 'Web platform tests', symbol: 'W', description: '' },
  builds: { id: 460, name: 'Builds', symbol: 'B', description: '' },
  lint: { id: 483, name: 'Lints', symbol: 'L', description: '' },
  talos: { id: 462, name: 'Talos performance tests', symbol: 'T', description: '' },
  browsertime: { id: 620, name: 'Browsertime performance tests on Firefox', symbol: 'Btime', description: '' },
  awsy: { id: 488, name: 'Are we slim yet tests', symbol: 'SY', description: '' },
  jsBench: { id: 703, name: 'JSShell benchmarks', symbol: 'js-bench', description: '' },
  perftest: { id: 811, name: 'Performance tests', symbol: 'perftest', description: '' },
  telemetry: { id: 521, name: 'Telemetry tests', symbol: 'tt', description: '' },
} as const satisfies Record<string, JobGroupSpec>;

export const SUITES: readonly SuiteSpec[] = [
  {
    name: 'mochitest-browser-chrome',
    symbol: 'bc',
    chunks: 16,
    group: JOB_GROUPS.mochitests,
    minutes: 35,
    testPaths: [
      'browser/base/content/test/tabs/browser_tab_manager_drag.js',
      'browser/components/urlbar/tests/browser/browser_result_menu.js',
      'toolkit/components/pictureinpicture/tests/browser_resizeVideo.js',
      'browser/base/content/test/sidebar/browser_sidebar_toggle.js',
      'browser/components/sessionstore/test/browser_restore_reversed_z_order.js',
    ],
  },
  {
    name: 'mochitest-plain',
    symbol: '',
    chunks: 8,
    group: JOB_GROUPS.mochitests,
    minutes: 25,
    testPaths: [
      'dom/media/test/test_playback_rate.html',
      'dom/base/test/test_bug1376563.html',
      'layout/style/test/test_transitions_per_property.html',
      'dom/events/test/test_bug1412775.xhtml',
    ],
  },
  {
    name: 'mochitest-devtools-chrome',
    symbol: 'dt',
    chunks: 8,
    group: JOB_GROUPS.mochitests,
    minutes: 30,
    testPaths: [
      'devtools/client/netmonitor/test/browser_net_har_copy_all_as_har.js',
      'devtools/client/inspector/rules/test/browser_rules_edit-property_08.js',
      'devtools/client/debugger/test/mochitest/browser_dbg-breakpoints-columns.js',
    ],
  },
  {
    name: 'mochitest-a11y',
    symbol: 'a11y',
    chunks: 1,
    group: JOB_GROUPS.mochitests,
    minutes: 12,
    testPaths: ['accessible/tests/mochitest/events/test_focus_tree.xhtml'],
  },
  {
    name: 'mochitest-media',
    symbol: 'mda',
    chunks: 3,
    group: JOB_GROUPS.mochitests,
    minutes: 20,
    testPaths: ['dom/media/mediasource/test/test_SeekTwice_mp4.html', 'dom/media/webrtc/tests/mochitests/test_peerConnection_simulcastOffer.html'],
  },
  {
    name: 'xpcshell',
    symbol: 'X',
    chunks: 6,
    group: JOB_GROUPS.xpcshell,
    minutes: 22,
    testPaths: [
      'toolkit/components/places/tests/unit/test_history_clear.js',
      'netwerk/test/unit/test_http3_trans_close.js',
      'services/sync/tests/unit/test_bookmark_engine.js',
    ],
  },
  {
    name: 'reftest',
    symbol: 'R',
    chunks: 8,
    group: JOB_GROUPS.reftests,
    minutes: 28,
    testPaths: ['layout/reftests/text-overflow/marker-basic.html', 'layout/reftests/bugs/1404057.html'],
  },
  {
    name: 'crashtest',
    symbol: 'C',
    chunks: 2,
    group: JOB_GROUPS.reftests,
    minutes: 15,
    testPaths: ['dom/svg/crashtests/1402798.html'],
  },
  {
    name: 'jsreftest',
    symbol: 'J',
    chunks: 3,
    group: JOB_GROUPS.reftests,
    minutes: 18,
    testPaths: ['non262/Date/time-zones-imported.js'],
  },
  {
    name: 'web-platform-tests',
    symbol: '',
    chunks: 12,
    group: JOB_GROUPS.wpt,
    minutes: 40,
    testPaths: [
      '/css/css-anchor-position/anchor-scroll-update-002.html',
      '/fetch/api/abort/general.any.worker.html',
      '/html/semantics/forms/the-select-element/select-events.html',
      '/webtransport/streams-close.https.any.html',
    ],
  },
  {
    name: 'web-platform-tests-reftest',
    symbol: 'Wr',
    chunks: 6,
    group: JOB_GROUPS.wpt,
    minutes: 30,
    testPaths: ['/css/css-text/white-space/pre-wrap-008.html'],
  },
  {
    name: 'web-platform-tests-wdspec',
    symbol: 'Wd',
    chunks: 3,
    group: JOB_GROUPS.wpt,
    tier: 2,
    minutes: 20,
    testPaths: ['/webdriver/tests/bidi/browsing_context/navigate/navigate.py'],
  },
  {
    name: 'gtest-1proc',
    symbol: 'GTest',
    chunks: 1,
    group: JOB_GROUPS.unknown,
    minutes: 25,
    testPaths: ['MediaDataDecoder.VPXDecoder', 'ImageDecoders.AnimatedWebPFull'],
  },
  {
    name: 'cppunittest',
    symbol: 'Cpp',
    chunks: 1,
    group: JOB_GROUPS.unknown,
    minutes: 8,
    testPaths: ['TestTArray', 'TestStartupCache'],
  },
  {
    name: 'marionette',
    symbol: 'Mn',
    chunks: 1,
    group: JOB_GROUPS.unknown,
    tier: 2,
    minutes: 15,
    testPaths: ['testing/marionette/harness/marionette_harness/tests/unit/test_click.py'],
  },
  {
    name: 'telemetry-tests-client',
    symbol: 'tt(c)',
    chunks: 1,
    group: JOB_GROUPS.telemetry,
    tier: 2,
    minutes: 10,
    testPaths: ['toolkit/components/telemetry/tests/marionette/tests/client/test_main_tab_scalars.py'],
  },
];

export interface LintSpec {
  label: string;
  symbol: string;
  minutes: number;
}

export const LINTS: readonly LintSpec[] = [
  { label: 'source-test-mozlint-eslint', symbol: 'ES', minutes: 12 },
  { label: 'source-test-mozlint-stylelint', symbol: 'stylelint', minutes: 4 },
  { label: 'source-test-mozlint-py-ruff', symbol: 'ruff', minutes: 3 },
  { label: 'source-test-mozlint-clippy', symbol: 'clippy', minutes: 25 },
  { label: 'source-test-mozlint-file-whitespace', symbol: 'file-whitespace', minutes: 2 },
  { label: 'source-test-mozlint-test-manifest', symbol: 'test-manifest', minutes: 2 },
];

/** Build options and the order used to build option collections (sorted for the hash). */
export const OPTION_NAMES: readonly string[] = ['opt', 'debug', 'asan', 'tsan', 'ccov', 'pgo', 'fuzz', 'release'];

export const FAILURE_CLASSIFICATIONS: ReadonlyArray<{ id: number; name: string }> = [
  { id: 1, name: 'not classified' },
  { id: 2, name: 'fixed by commit' },
  { id: 3, name: 'expected fail' },
  { id: 4, name: 'intermittent' },
  { id: 5, name: 'infra' },
  { id: 6, name: 'new failure not classified' },
  { id: 7, name: 'autoclassified intermittent' },
  { id: 8, name: 'intermittent needs bugid' },
];

/** Enabled frameworks, ordered by id; `signatures` marks those that get generated series. */
export const PERFORMANCE_FRAMEWORKS: ReadonlyArray<{ id: number; name: string; signatures: boolean }> = [
  { id: 1, name: 'talos', signatures: true },
  { id: 2, name: 'build_metrics', signatures: true },
  { id: 4, name: 'awsy', signatures: true },
  { id: 6, name: 'platform_microbench', signatures: false },
  { id: 11, name: 'js-bench', signatures: true },
  { id: 12, name: 'devtools', signatures: true },
  { id: 13, name: 'browsertime', signatures: true },
  { id: 15, name: 'mozperftest', signatures: true },
  { id: 16, name: 'fxrecord', signatures: false },
  { id: 17, name: 'telemetry', signatures: false },
  { id: 18, name: 'mozharness', signatures: false },
];

export const PERFORMANCE_TAGS: ReadonlyArray<{ id: number; name: string }> = [
  { id: 1, name: 'harness' },
  { id: 2, name: 'regression-backedout' },
  { id: 3, name: 'infra' },
  { id: 4, name: 'regression-fix' },
  { id: 5, name: 'improvement' },
  { id: 6, name: 'improvement-backedout' },
  { id: 7, name: 'early-beta-or-earlier' },
  { id: 8, name: 'bisection' },
];

export const ISSUE_TRACKERS: ReadonlyArray<{ id: number; text: string; issueTrackerUrl: string }> = [
  { id: 1, text: 'Bugzilla', issueTrackerUrl: 'https://bugzilla.mozilla.org/show_bug.cgi?id=' },
  { id: 2, text: 'Github - Servo', issueTrackerUrl: 'https://github.com/servo/servo/pull/' },
];

/** Perf sheriffs: alert classifiers and assignees. */
export const PERF_SHERIFFS: readonly Person[] = [
  { name: 'Andra Esanu', email: 'aesanu@mozilla.com' },
  { name: 'Beatrice Acasandrei', email: 'bacasandrei@mozilla.com' },
  { name: 'Florin Strugariu', email: 'fstrugariu@mozilla.com' },
  { name: 'Kimberly Sereduck', email: 'ksereduck@mozilla.com' },
  { name: 'Alexandru Ionescu', email: 'aionescu@mozilla.com' },
];
