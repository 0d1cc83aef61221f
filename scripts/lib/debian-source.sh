# Sourced by scripts/conformance.sh and scripts/wasi-libc-pic.sh: fetching a Debian source
# package with a private apt configuration (the machine's own is left alone, and it needs no
# deb-src entry). Uses the caller's `say`, `skip` and `die`.

# deb_src_entries [ENTRY]: the private configuration's deb-src entries (one-line format) on
# stdout: ENTRY when given, else the machine's deb entries for its release and its -updates and
# -security suites (Debian 12 has LLVM 22 from the last), as deb-src.
deb_src_entries() {
    if [ -n "${1:-}" ]; then
        echo "$1"
        return
    fi
    python3 - <<'PY'
import glob, os, re
codename = ''
try:
    for line in open('/etc/os-release'):
        if line.startswith('VERSION_CODENAME='):
            codename = line.split('=', 1)[1].strip().strip('"')
except OSError:
    pass
suites = {codename, codename + '-updates', codename + '-security'} if codename else set()
seen = []
def emit(options, uri, suite, comps):
    entry = 'deb-src %s%s %s %s' % ('[%s] ' % ' '.join(options) if options else '', uri, suite, ' '.join(comps))
    if suite in suites and entry not in seen:
        seen.append(entry)
files = ['/etc/apt/sources.list'] + sorted(glob.glob('/etc/apt/sources.list.d/*.list'))
for path in files:
    try:
        lines = open(path).read().splitlines()
    except OSError:
        continue
    for line in lines:
        line = line.split('#', 1)[0].strip()
        m = re.match(r'^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s+(.*)$', line)
        if m:
            options = [o for o in (m.group(2) or '').split() if o.lower().startswith('signed-by=')]
            emit(options, m.group(3), m.group(4), m.group(5).split())
for path in sorted(glob.glob('/etc/apt/sources.list.d/*.sources')):
    try:
        text = open(path).read()
    except OSError:
        continue
    for stanza in re.split(r'\n\s*\n', text):
        fields = {}
        key = None
        for line in stanza.splitlines():
            if line.startswith('#'):
                continue
            if line[:1] in (' ', '\t') and key:
                fields[key] += ' ' + line.strip()
            elif ':' in line:
                key, _, value = line.partition(':')
                key = key.strip().lower()
                fields[key] = value.strip()
        if fields.get('enabled', 'yes').lower() == 'no':
            continue
        if not set(fields.get('types', '').split()) & {'deb', 'deb-src'}:
            continue
        signed = fields.get('signed-by', '')
        options = ['signed-by=' + signed] if signed and not signed.startswith('-') and '\n' not in signed and ' ' not in signed else []
        for uri in fields.get('uris', '').split():
            for suite in fields.get('suites', '').split():
                emit(options, uri, suite, fields.get('components', '').split())
print('\n'.join(seen))
PY
}

# fetch_debian_source CACHE PACKAGE INSTALLED OVERRIDE_VAR: downloads the source package PACKAGE
# (the version of the installed package INSTALLED when the archive still has it) into
# CACHE/download, emptied first, with the apt configuration in CACHE/apt and the log in
# CACHE/fetch.log. OVERRIDE_VAR names the variable that may hold the deb-src entry to use.
# Skips, with the reason, without apt-get, python3, a deb entry to start from or the network.
fetch_debian_source() {
    local cache="$1" package="$2" installed="$3" override_var="$4"
    command -v apt-get >/dev/null 2>&1 || skip "$package comes from Debian's source package, and apt-get is not here"
    command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read /etc/apt"
    local apt="$cache/apt" work="$cache/download" log="$cache/fetch.log"
    rm -rf "$apt" "$work"
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/sources.list.d" "$work"
    deb_src_entries "${!override_var:-}" >"$apt/sources.list" || true
    [ -s "$apt/sources.list" ] || skip "no deb entry for this release in /etc/apt to make a deb-src entry from (set $override_var='deb-src URI SUITE main')"
    local opts=(-q -o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=$apt/sources.list.d"
        -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "Acquire::Retries=2")
    [ "$(id -u)" -eq 0 ] && opts+=(-o APT::Sandbox::User=root)
    : >"$log"
    if ! apt-get "${opts[@]}" update >>"$log" 2>&1 </dev/null \
        || ! apt-cache "${opts[@]}" showsrc "$package" 2>>"$log" | grep -q '^Package:'; then
        tail -5 "$log" >&2
        skip "cannot read the deb-src index of $package (no network?); see $log"
    fi
    local want
    want="$(dpkg-query -W -f='${Version}' "$installed" 2>/dev/null || true)"
    (
        cd "$work" || exit 1
        { [ -n "$want" ] && apt-get "${opts[@]}" source --download-only "$package=$want" >>"$log" 2>&1 </dev/null; } \
            || apt-get "${opts[@]}" source --download-only "$package" >>"$log" 2>&1 </dev/null \
            || download_by_hand "$package" "${opts[@]}" >>"$log" 2>&1 </dev/null
    ) || { tail -5 "$log" >&2; skip "apt-get source --download-only $package failed (no network?); see $log"; }
    rm -rf "$apt"
}

# download_by_hand PACKAGE APT_OPTIONS...: the files `apt-get source` would fetch, by hand, into the
# current directory, each checked against its SHA-256 from the index. The security archive's pool
# has lacked files its index names (llvm-toolchain-22's .dsc and upstream tarball; Debian's main
# pool holds the tarball): a file missing there is fetched from the main archive's pool of the
# same package. Fails only when the upstream tarball cannot be had.
download_by_hand() {
    local package="$1"
    shift
    command -v curl >/dev/null 2>&1 || { echo "download_by_hand: curl is needed"; return 1; }
    local uris
    uris="$(apt-get "$@" source --print-uris "$package" | sed -n "s/^'\([^']*\)' \([^ ]*\) [0-9]* SHA256:\([0-9a-f]*\)$/\1 \2 \3/p")"
    [ -n "$uris" ] || { echo "download_by_hand: no source files listed for $package"; return 1; }
    local uri name sum alt
    while read -r uri name sum; do
        alt="$(sed 's#/debian-security/pool/updates/main/#/debian/pool/main/#' <<<"$uri")"
        rm -f "$name"
        if curl -fsSL --retry 2 -o "$name" "$uri" || { [ "$alt" != "$uri" ] && curl -fsSL --retry 2 -o "$name" "$alt"; }; then
            [ "$(sha256sum "$name" | cut -d' ' -f1)" = "$sum" ] \
                || { echo "download_by_hand: $name: SHA-256 differs from the index's"; rm -f "$name"; return 1; }
            echo "download_by_hand: $name"
        else
            rm -f "$name"
            echo "download_by_hand: cannot fetch $name"
            case "$name" in *.orig.tar.*) return 1 ;; esac
        fi
    done <<<"$uris"
}
