/* options.h -- the -fplugin-arg-offload-KEY[=VALUE] arguments.

   One table describes every key: its name, whether it takes a value and
   its help line.  Parsing, the plugin_info help string and the `help' key
   all read that table, so documentation and behaviour cannot drift.  */

#ifndef OFFLOAD_OPTIONS_H
#define OFFLOAD_OPTIONS_H

struct plugin_argument;

/* -fplugin-arg-offload-mode: which feasible paths go into the kernel.  */
enum offload_mode
{
  OFFLOAD_MODE_AUTO,		/* Those the benefit model says pay.  */
  OFFLOAD_MODE_ALL,		/* Every feasible path.  */
  OFFLOAD_MODE_NONE		/* None: analyse and report only.  */
};

/* What the user asked for on the command line.  */
struct offload_options
{
  /* -fplugin-arg-offload-report=FILE: where the JSON report goes, or NULL.  */
  const char *report_file;
  /* -fplugin-arg-offload-verbose: emit notes at source locations.  */
  bool verbose;
  /* -fplugin-arg-offload-help: print the keys and their meaning.  */
  bool help;
  /* -fplugin-arg-offload-save-bpf=DIR: keep the generated BPF source and
     object in DIR, or NULL.  */
  const char *save_bpf_dir;
  /* -fplugin-arg-offload-loop-bound=N: iterations a loop may run in the
     kernel before the request goes up to userspace.  */
  unsigned loop_bound;
  /* -fplugin-arg-offload-mode=auto|all|none.  */
  offload_mode mode;
  /* -fplugin-arg-offload-costs=FILE: the benefit model's constants, as
     offload-calibrate writes them, or NULL for the built-in ones.  */
  const char *costs_file;
};

/* The name of MODE, as the argument spells it.  */
const char *offload_mode_name (offload_mode mode);

/* The default of loop-bound.  */
#define OFFLOAD_DEFAULT_LOOP_BOUND 32

/* The options of this compiler run.  */
extern offload_options offload_opts;

/* Parse ARGC arguments ARGV of plugin PLUGIN_NAME into offload_opts.
   Report every unknown key, missing value or unexpected value with
   `error'.  Return true if all arguments were valid.  */
bool offload_parse_arguments (const char *plugin_name, int argc,
			      const plugin_argument *argv);

/* The help text listing every key, one per line (for plugin_info).  */
const char *offload_help_text ();

#endif /* OFFLOAD_OPTIONS_H */
