#!/usr/bin/env bash
# Build brag in release mode and time it against its peers with ../shared/bench/run_bench.sh.
#   benches/peers.sh [SIZE...]        e.g. benches/peers.sh 1000 10000 100000
# Works from any directory. Every run_bench.sh setting (RUNS, LIMIT_S, PEERS, TSV) passes
# through; BRAG_BIN is set here. SHARED_BENCH overrides where run_bench.sh is looked for.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED_BENCH:-$root/../shared/bench}

if [ ! -x "$shared/run_bench.sh" ]; then
  echo "peers.sh: $shared/run_bench.sh not found." >&2
  echo "The peer benchmark lives in shared/bench/, beside the repository; set SHARED_BENCH to its folder." >&2
  exit 1
fi
shared=$(cd "$shared" && pwd)
if ! command -v hyperfine >/dev/null || [ ! -x "${PEERS:-/tmp/peers}/venv/bin/jrnl" ]; then
  echo "peers.sh: hyperfine or the peers' venv is missing; run $shared/setup_peers.sh once first." >&2
  exit 1
fi

cargo build --release --locked --manifest-path "$root/Cargo.toml"
# cargo reads a relative CARGO_TARGET_DIR from the current directory, and so does this.
target=${CARGO_TARGET_DIR:-$root/target}
brag=$(cd "$target/release" && pwd)/brag
[ -x "$brag" ] || { echo "peers.sh: built, but $brag is missing" >&2; exit 1; }

BRAG_BIN=$brag exec "$shared/run_bench.sh" "$@"
