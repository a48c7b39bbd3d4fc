import type { LogRule } from '../types';

const S = ['var_log/messages', 'var_log/syslog'] as const;

/** Time synchronisation: chrony without sources, large clock corrections, an unsynchronised clock. */
export const TIME_SYNC_RULES: readonly LogRule[] = [
  {
    kind: 'log',
    id: 'time-sync.no-selectable-sources',
    pack: 'time-sync',
    category: 'time-sync',
    severity: 'medium',
    title: 'chrony has no time source',
    description:
      'chronyd cannot reach any time source (169.254.169.123 is the Amazon Time Sync Service): the clock drifts, and TLS certificates and tokens start failing as it does.',
    remediation:
      'Check that chrony.conf lists 169.254.169.123 (or fd00:ec2::123) and that nothing blocks link-local UDP 123.',
    source: 'NMA ClockUnsynchronized / NPD NTPProblem (inferred chrony messages)',
    fisHint: 'clock skew, time drift',
    files: S,
    contains: ['chronyd'],
    pattern:
      /chronyd\[\d+\]: (?:Can't synchronise: no selectable sources|No suitable source for synchronisation)/,
    minOccurrences: 3,
    windowMinutes: 60,
    examples: {
      match: ["Nov 02 10:11:12 ip-10-0-1-23 chronyd[801]: Can't synchronise: no selectable sources"],
      noMatch: ['Nov 02 10:11:12 ip-10-0-1-23 chronyd[801]: Selected source 169.254.169.123'],
    },
  },
  {
    kind: 'log',
    id: 'time-sync.clock-jump',
    pack: 'time-sync',
    category: 'time-sync',
    severity: 'medium',
    title: 'System clock was wrong by seconds or more',
    description:
      'chrony found the system clock off by a second or more: certificates, tokens and log ordering are affected until it is corrected.',
    remediation:
      'Find why the clock drifted (time source unreachable, a paused instance) and keep chrony synchronised.',
    source: 'chronyd "System clock wrong by" (inferred)',
    fisHint: 'clock skew, time drift',
    files: S,
    contains: ['System clock wrong by'],
    pattern: /chronyd\[\d+\]: System clock wrong by -?[1-9]\d{0,9}\.\d+ seconds/,
    examples: {
      match: [
        'Nov 02 10:11:12 ip-10-0-1-23 chronyd[801]: System clock wrong by 42.305112 seconds, adjustment started',
      ],
      noMatch: [
        'Nov 02 10:11:12 ip-10-0-1-23 chronyd[801]: System clock wrong by 0.532011 seconds, adjustment started',
      ],
    },
  },
  {
    kind: 'log',
    id: 'time-sync.unsynchronised',
    pack: 'time-sync',
    category: 'time-sync',
    severity: 'medium',
    title: 'Clock is not synchronised',
    description: 'chronyc tracking or timedatectl, run on the node, report the clock as not synchronised.',
    remediation:
      'Check chronyd status and its sources (chronyc sources -v); restore access to 169.254.169.123.',
    source: 'NMA ClockUnsynchronized (STA_UNSYNC), via the faultline-node-status document',
    fisHint: 'clock skew, time drift',
    files: ['faultline/chrony-tracking.txt', 'faultline/timedatectl.txt'],
    contains: ['Not synchronised', 'synchronized: no'],
    pattern: /^(?:Leap status\s{0,16}: Not synchronised|System clock synchronized: no)/,
    examples: {
      match: ['Leap status     : Not synchronised', 'System clock synchronized: no'],
      noMatch: ['Leap status     : Normal', 'System clock synchronized: yes'],
    },
  },
];
