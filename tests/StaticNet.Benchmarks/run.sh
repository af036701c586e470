#!/usr/bin/env bash
# Runs the benchmarks (all of them, or those matching the BenchmarkDotNet filters given) and writes the
# results table into this folder's README.md and the repository's README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

dotnet build -c Release --nologo -v quiet

# TorchSharp 0.107's libLibTorchSharp.so needs GLIBCXX_3.4.32 (GCC 13). If this system's libstdc++ is
# older, give the benchmark processes Debian 13's. That one asks for a single glibc 2.38 symbol,
# __isoc23_strtoul; a one-line shim supplies it and its version reference is marked weak, so a glibc
# 2.36 system loads it. Only the benchmark processes get it: the compiler runs with the system's.
torch_native="$(find bin/Release -name libLibTorchSharp.so | head -n 1)"
if [ -n "$torch_native" ] && ldd "$torch_native" 2>&1 | grep -q "GLIBCXX_3.4.32' not found"; then
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/staticnet-benchmarks/libstdcxx"
  if [ ! -f "$cache/libstdc++.so.6" ] || [ ! -f "$cache/libisoc23.so" ]; then
    mkdir -p "$cache"
    deb="libstdc++6_14.2.0-19_amd64.deb"
    curl -fsSL "http://deb.debian.org/debian/pool/main/g/gcc-14/$deb" -o "$cache/$deb"
    rm -rf "$cache/extract" && dpkg-deb -x "$cache/$deb" "$cache/extract"
    cp "$cache/extract/usr/lib/x86_64-linux-gnu/libstdc++.so.6."* "$cache/libstdc++.so.6"
    python3 "$here/weaken-glibc-version.py" "$cache/libstdc++.so.6" GLIBC_2.38
    printf '#include <stdlib.h>\nunsigned long __isoc23_strtoul(const char *s, char **e, int b) { return strtoul(s, e, b); }\n' > "$cache/isoc23.c"
    cc -shared -fPIC -O2 -o "$cache/libisoc23.so" "$cache/isoc23.c"
  fi
  export STATICNET_BENCH_LD_LIBRARY_PATH="$cache"
  export STATICNET_BENCH_LD_PRELOAD="$cache/libisoc23.so"
fi

if [ "$#" -eq 0 ]; then
  dotnet "bin/Release/net10.0/StaticNet.Benchmarks.dll" --first-call
  dotnet "bin/Release/net10.0/StaticNet.Benchmarks.dll" --interleaved
  set -- '*'
fi
dotnet "bin/Release/net10.0/StaticNet.Benchmarks.dll" --filter "$@"
