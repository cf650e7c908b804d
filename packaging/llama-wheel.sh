#!/usr/bin/env bash
# Prints the path of a llama-cpp-python wheel built for this machine, building it only once.
#
#   packaging/llama-wheel.sh PYTHON VERSION
#
# PyPI has llama-cpp-python as source only, and building it takes ~11 minutes on 2 cores,
# so the wheel is kept outside the repo in a folder keyed by what changes the binary:
#   ${DESKHAND_BUILD_CACHE:-/var/cache/deskhand}/wheels/llama-cpp-python-VERSION-KEY/
#   KEY = the first 16 hex digits of sha256("VERSION|CMAKE_ARGS|CPU flags line|cpXY")
# GGML_NATIVE=ON compiles for this CPU's instruction set, hence the CPU flags (the
# /proc/cpuinfo line exactly as it reads, "flags<TAB><TAB>: ...", no trailing newline).
# The build's output goes to stderr; stdout carries only the wheel's path.
set -euo pipefail

usage="usage: $0 PYTHON VERSION"
python=${1:?$usage}
version=${2:?$usage}
cmake_args="-DGGML_NATIVE=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF"
cpu_flags=$(grep -m1 -E '^(flags|Features)' /proc/cpuinfo || true)  # x86 says flags, ARM Features
tag=$("$python" -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")')
key=$(printf '%s|%s|%s|%s' "$version" "$cmake_args" "$cpu_flags" "$tag" | sha256sum | cut -c1-16)
folder=${DESKHAND_BUILD_CACHE:-/var/cache/deskhand}/wheels/llama-cpp-python-$version-$key

cached() { compgen -G "$folder/llama_cpp_python-$version-*.whl" | head -n1; }

wheel=$(cached || true)
if [ -z "$wheel" ]; then
  echo "building llama-cpp-python $version for this CPU (~11 minutes on 2 cores), once, into $folder" >&2
  mkdir -p "$(dirname "$folder")"
  building=$(mktemp -d "$folder.building.XXXXXX")
  trap 'rm -rf "$building"' EXIT
  CMAKE_ARGS="$cmake_args" CMAKE_BUILD_PARALLEL_LEVEL=$(nproc) \
    "$python" -m pip wheel --no-deps --no-binary llama-cpp-python --wheel-dir "$building" \
    "llama-cpp-python==$version" >&2
  mkdir -p "$folder"
  mv "$building"/llama_cpp_python-"$version"-*.whl "$folder"/
  wheel=$(cached)
fi
echo "$wheel"
