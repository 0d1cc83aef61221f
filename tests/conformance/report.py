#!/usr/bin/env python3
"""Compares a lit run of lld/test/wasm with the list of tests expected to fail.

usage: report.py RESULTS_JSON EXPECTED_FILE [--write-expected] [--full-run]

RESULTS_JSON is lit's `-o` output. EXPECTED_FILE (`none`: every test must pass) lists one test a line: its path in lld/test/wasm,
then a short reason (`#` starts a comment line). The run passes when exactly the listed tests that
ran fail: a failing test that is not listed is a regression; a listed test that passes must be
taken off the list. With --full-run (no test was filtered out), a listed test that does not exist
is reported too. --write-expected rewrites EXPECTED_FILE with the tests that failed, keeping each
one's reason and marking new ones for triage. Exit status: 0 when the run matches the list.
"""
import json
import os
import sys

FAILING = {'FAIL', 'XPASS', 'UNRESOLVED', 'TIMEOUT'}


def read_expected(path):
    entries = {}  # name -> reason, in file order
    header = []
    if path == 'none' or not os.path.isfile(path):
        return entries, header
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            stripped = line.strip()
            if not stripped or stripped.startswith('#'):
                if not entries:
                    header.append(line)
                continue
            name, _, reason = stripped.partition(' ')
            entries[name] = reason.strip()
    return entries, header


def main(argv):
    args = [a for a in argv if not a.startswith('--')]
    write = '--write-expected' in argv
    full = '--full-run' in argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    results_path, expected_path = args
    with open(results_path, encoding='utf-8') as f:
        results = json.load(f)['tests']

    tests = {}
    for t in results:
        # "lld-wasm :: dir/name.s" -> "dir/name.s"
        name = t['name'].split(' :: ', 1)[-1]
        tests[name] = t
    expected, header = read_expected(expected_path)

    passed = sorted(n for n, t in tests.items() if t['code'] == 'PASS')
    failed = sorted(n for n, t in tests.items() if t['code'] in FAILING)
    other = sorted(n for n, t in tests.items() if t['code'] not in FAILING and t['code'] != 'PASS')

    regressions = [n for n in failed if n not in expected]
    now_pass = [n for n in passed if n in expected]
    stale = [n for n in expected if n not in tests] if full else []

    out = []
    for n in regressions:
        t = tests[n]
        out.append('=' * 78)
        out.append('UNEXPECTED %s: %s' % (t['code'], n))
        out.append('-' * 78)
        out.append(t.get('output', '').rstrip())
    if regressions:
        out.append('=' * 78)
    if out:
        print('\n'.join(out))

    if write:
        lines = list(header) if header else ['# Tests of lld/test/wasm expected to fail: test, then why.']
        for n in failed:
            lines.append('%s %s' % (n, expected.get(n) or 'TODO: triage'))
        with open(expected_path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
        print('wrote %s (%d tests)' % (expected_path, len(failed)))

    for n in other:
        print('%s: %s' % (tests[n]['code'].lower(), n))
    for n in regressions:
        print('regression (fails, not in the list): %s' % n)
    for n in now_pass:
        print('now passes: remove it from the list: %s  [%s]' % (n, expected[n]))
    for n in stale:
        print('listed but not in the suite: remove it from the list: %s' % n)

    total = len(tests)
    print('score: %d/%d tests pass; %d fail as listed, %d regressions, %d listed tests now pass%s'
          % (len(passed), total, len(failed) - len(regressions), len(regressions), len(now_pass),
             (', %d other (%s)' % (len(other), ', '.join(sorted({tests[n]['code'] for n in other})))
              if other else '')))
    if write:
        return 0
    return 1 if regressions or now_pass or stale else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
