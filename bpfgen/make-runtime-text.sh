#!/bin/sh
# Write the runtime headers given as arguments as C++ raw string
# initializers, { "name", R"OFFLOAD_RT(...)OFFLOAD_RT" }, for
# bpfgen/runtime-text.cc.
for f in "$@"; do
  printf '{ "%s", R"OFFLOAD_RT(' "$(basename "$f")"
  cat "$f"
  printf ')OFFLOAD_RT" },\n'
done
