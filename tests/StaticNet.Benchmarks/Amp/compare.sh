#!/usr/bin/env bash
# The amp-model rows of the benchmark README, side by side in one run on this machine: NeuralAmpModelerCore (built here
# from its public sources, g++ -O3 -march=native, exact and fast tanh) and samples/AmpModel's `bench`, on the core's
# three example models. Neither the core nor Eigen is part of this repository: pass their checkouts.
#   tests/StaticNet.Benchmarks/Amp/compare.sh CORE_DIR EIGEN_DIR
# CORE_DIR: sdatkinson/NeuralAmpModelerCore (NAM/, Dependencies/nlohmann); EIGEN_DIR: the folder holding Eigen/.
set -euo pipefail
core=${1:?NeuralAmpModelerCore checkout}; eigen=${2:?folder holding Eigen/}
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../../.." && pwd)
build=${TMPDIR:-/tmp}/staticnet-nam-core; mkdir -p "$build/obj"
if [ ! -x "$build/core-bench" ]; then
  # linear.cpp needs Eigen's unsupported FFT, which these models do not use.
  for source in "$core"/NAM/*.cpp "$core"/NAM/wavenet/*.cpp "$here/core-bench.cpp"; do
    [ "$(basename "$source")" = linear.cpp ] && continue
    g++ -O3 -march=native -std=c++20 -DNDEBUG -I"$core" -I"$core/NAM" -I"$eigen" -I"$core/Dependencies/nlohmann" \
      -c "$source" -o "$build/obj/$(echo "$source" | tr / _).o" &
  done
  wait
  g++ "$build"/obj/*.o -o "$build/core-bench"
fi
dotnet build "$root/samples/AmpModel" -c Release -v quiet -nologo >/dev/null
models="$root/samples/AmpModel/models"
for model in lstm wavenet wavenet_a1_standard; do
  echo "== $model"
  echo "-- NeuralAmpModelerCore, exact tanh";  "$build/core-bench" "$models/$model.nam"
  echo "-- NeuralAmpModelerCore, fast tanh";   "$build/core-bench" "$models/$model.nam" --fast-tanh
  echo "-- StaticNet";                          dotnet "$root/samples/AmpModel/bin/Release/net10.0/AmpModel.dll" bench "$models/$model.nam"
done
