# lit configuration for LLVM's wasm-ld tests (lld/test/wasm, LLVM 19's or 22's) run against any wasm-ld-compatible
# linker. scripts/conformance.sh fetches the tests into a cache outside the repository and writes a
# lit.site.cfg.py in its run directory that sets the parameters below and loads this file, so the
# fetched tests are never modified.
#
# Parameters (lit_config.params, all set by scripts/conformance.sh):
#   tests        the fetched lld/test/wasm directory (the suite's source root)
#   out          where the tests write their files (the suite's exec root)
#   linker_dir   a directory holding `wasm-ld`: the linker under test, linked under that name so its
#                diagnostics start with `wasm-ld: ` as the tests expect (lld names itself after argv[0])
#   llvm_bindir  the suite's LLVM tool directory (llvm-config-19 --bindir): FileCheck, llvm-mc, obj2yaml, ...
#                under their plain names, as in an LLVM build tree
import os
import subprocess
import sys

import lit.formats

params = lit_config.params
for p in ('tests', 'out', 'linker_dir', 'llvm_bindir'):
    if not params.get(p):
        lit_config.fatal('missing --param %s=... (run the suite through scripts/conformance.sh)' % p)

config.name = 'lld-wasm'
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = ['.test', '.yaml', '.ll', '.s']
# Inputs/ holds the tests' auxiliary files. lto/ needs LLVM inside the linker (bitcode inputs), which
# wasmlink leaves out by design; the tests of the score are the rest.
config.excludes = ['Inputs', 'lto']
config.test_source_root = params['tests']
config.test_exec_root = params['out']

# Tools are found on PATH, the linker under test first: no substitution rewrites the RUN lines, so
# every spelling (`not wasm-ld`, `| FileCheck`, `env ... wasm-ld`) reaches the same programs.
path = [params['linker_dir'], params['llvm_bindir'], '/usr/bin', '/bin']
config.environment['PATH'] = os.pathsep.join(path)
for var in ('HOME', 'TMPDIR', 'LANG', 'LC_ALL'):
    if var in os.environ:
        config.environment[var] = os.environ[var]
# As lld's own test configuration (lld/test/lit.cfg.py) sets them: lld runs once with full cleanup,
# and reports a fixed version where one is printed.
config.environment['LLD_IN_TEST'] = '1'
config.environment['LLD_VERSION'] = 'LLD 1.0'

config.substitutions.append(('%python', '"%s"' % sys.executable))

# Features the tests ask for with REQUIRES/UNSUPPORTED (as LLVM's configuration derives them).
config.available_features.add('wasm')
if sys.platform != 'win32':
    config.available_features.add('shell')
config.available_features.add('system-' + sys.platform.rstrip('0123456789'))
try:
    targets = subprocess.run([os.path.join(params['llvm_bindir'], 'llc'), '--version'],
                             capture_output=True, text=True, check=False).stdout
except OSError:
    targets = ''
if 'x86-64' in targets:
    config.available_features.add('x86')
