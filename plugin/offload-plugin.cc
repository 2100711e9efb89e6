/* offload-plugin.cc -- the GCC plugin's entry point.

   offload splits a C socket server at link time into a BPF fast path
   and the userspace program.  This file only starts it: it checks the
   compiler version, parses the arguments and registers the passes.

   Arguments (-fplugin-arg-offload-KEY[=VALUE]):
     report=FILE   write the JSON analysis report to FILE
     verbose       explain event loops and request paths with notes
     save-bpf=DIR  keep the generated BPF source and object in DIR
     loop-bound=N  iterations a loop may run in the kernel (default 32)
     help          print the list of arguments

   Usage: gcc -O2 -flto -fplugin=offload -fplugin-arg-offload-report=r.json
	      server.o libproto.a -o server
   The plugin must be on the link command line: it works in lto1.  */

#include "plugin/gcc-compat.h"
#include "plugin-version.h"
#include "langhooks.h"
#include "plugin/options.h"
#include "plugin/pass-analyze.h"

int plugin_is_GPL_compatible;

#ifndef OFFLOAD_VERSION
#define OFFLOAD_VERSION "unknown"
#endif

static struct plugin_info offload_plugin_info = {
  OFFLOAD_VERSION,
  /* Filled from the option table by plugin_init.  */
  NULL
};

/* Return true if the compiler VERSION is the one we were built for.  The
   plugin ABI is the compiler's internal API, so anything else would
   crash.  A test build pretends to be built for another GCC to check
   the refusal.  */
static bool
gcc_version_matches_p (struct plugin_gcc_version *version)
{
  struct plugin_gcc_version built = gcc_version;
#ifdef OFFLOAD_PRETEND_GCC_BASEVER
  built.basever = OFFLOAD_PRETEND_GCC_BASEVER;
#endif
  if (plugin_default_version_check (version, &built))
    return true;
  error ("offload was built for GCC %s; this is GCC %s: rebuild offload "
	 "against the plugin headers of this compiler",
	 built.basever, version->basever);
  return false;
}

/* Return true in lto1, the link-time compiler.  in_lto_p is not yet set
   when plugins start, but the language is already known.  */
static bool
link_time_compiler_p ()
{
  return strcmp (lang_hooks.name, "GNU GIMPLE") == 0;
}

int
plugin_init (struct plugin_name_args *plugin_info,
	     struct plugin_gcc_version *version)
{
  if (!gcc_version_matches_p (version))
    return 1;

  offload_plugin_info.help = offload_help_text ();
  register_callback (plugin_info->base_name, PLUGIN_INFO, NULL,
		     &offload_plugin_info);

  if (!offload_parse_arguments (plugin_info->base_name, plugin_info->argc,
				plugin_info->argv))
    return 1;

  if (offload_opts.help)
    fprintf (stderr, "offload %s arguments:\n%s", OFFLOAD_VERSION,
	     offload_help_text ());

  /* The analysis needs the whole program, which only the link-time
     compiler has.  Compiling with -flto for a later LTO link is fine and
     silent; anything else gets one warning and an unchanged build.  */
  if (!link_time_compiler_p ())
    {
      if (!flag_lto)
	warning (0, "offload requires %<-flto%>; building without offload");
      return 0;
    }

  /* Before whole-program: an IPA pass there runs once with every
     function of the program (in WPA, or in lto1 without partitions),
     before visibility changes and inlining rewrite the program we must
     describe.  */
  struct register_pass_info analyze;
  analyze.pass = make_pass_offload_analyze (g);
  analyze.reference_pass_name = "whole-program";
  analyze.ref_pass_instance_number = 1;
  analyze.pos_op = PASS_POS_INSERT_BEFORE;
  register_callback (plugin_info->base_name, PLUGIN_PASS_MANAGER_SETUP, NULL,
		     &analyze);
  return 0;
}
