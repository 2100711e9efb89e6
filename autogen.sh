#!/bin/sh
# Regenerate the build system from configure.ac and the Makefile.am files.
set -e
cd "$(dirname "$0")"
# libtoolize fills m4/, which a fresh clone does not have; aclocal warns
# about a missing -I directory before that.
mkdir -p m4
autoreconf -fi
