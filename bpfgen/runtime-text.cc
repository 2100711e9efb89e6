/* runtime-text.cc -- the runtime headers, embedded at build time.  */

#include "plugin/gcc-compat.h"
#include "bpfgen/runtime-text.h"

namespace {

struct runtime_file
{
  const char *name;
  const char *text;
};

/* bpfgen/runtime-text.inc is made by the build (Makefile.am) from the
   headers in bpfgen/runtime/: one { "name", R"(text)" } each.  */
const runtime_file runtime_files[] = {
#include "bpfgen/runtime-text.inc"
};

} // anon namespace

std::string
runtime_text (const char *name)
{
  for (const runtime_file &f : runtime_files)
    if (strcmp (f.name, name) == 0)
      return std::string ("/* ---- ") + name + " ---- */\n" + f.text;
  gcc_unreachable ();
}
