/* pass-analyze.cc -- the IPA pass that runs the whole-program analysis.

   Wiring only: the pass decides when the analysis runs; lto/ does the
   work, plugin/notes.cc and lto/report.cc tell the user.  */

#include "plugin/gcc-compat.h"
#include "plugin/options.h"
#include "plugin/notes.h"
#include "plugin/pass-analyze.h"
#include "plugin/generate.h"
#include "lto/analysis.h"
#include "lto/report.h"

namespace {

const pass_data pass_data_offload_analyze = {
  IPA_PASS,		/* type: sees the whole call graph at once.  */
  "offload-analyze",	/* name: -fdump-ipa-offload-analyze.  */
  OPTGROUP_IPA,		/* optinfo_flags */
  TV_PLUGIN_RUN,	/* tv_id: time shows as the plugin's.  */
  0,			/* properties_required */
  0,			/* properties_provided */
  0,			/* properties_destroyed */
  0,			/* todo_flags_start */
  0,			/* todo_flags_finish */
};

/* Write the report to the file the user named.  */
void
report_to_file (const offload_analysis &analysis,
		const std::vector<generated_program> &programs)
{
  const char *file = offload_opts.report_file;
  FILE *out = fopen (file, "w");
  if (!out)
    {
      error ("cannot write offload report %qs: %m", file);
      return;
    }
  write_report (analysis, programs, out);
  if (fclose (out) != 0)
    error ("cannot write offload report %qs: %m", file);
}

class pass_offload_analyze : public ipa_opt_pass_d
{
public:
  pass_offload_analyze (gcc::context *ctxt)
    : ipa_opt_pass_d (pass_data_offload_analyze, ctxt,
		      NULL, /* generate_summary */
		      NULL, /* write_summary */
		      NULL, /* read_summary */
		      NULL, /* write_optimization_summary */
		      NULL, /* read_optimization_summary */
		      NULL, /* stmt_fixup */
		      0,    /* function_transform_todo_flags_start */
		      NULL, /* function_transform */
		      NULL) /* variable_transform */
  {}

  /* Only at link time, and once: in WPA, or in lto1 without partitions;
     never again in the LTRANS units.  */
  bool gate (function *) final override
  {
    return in_lto_p && !flag_ltrans;
  }

  unsigned int execute (function *) final override
  {
    offload_analysis analysis;
    analysis.run ();
    if (analysis.loops.event_loops ().empty ())
      note_nothing_to_offload (analysis);
    std::vector<generated_program> programs = generate_programs (analysis);
    analysis.shared.analyse (analysis);
    if (offload_opts.verbose)
      emit_verbose_notes (analysis);
    if (offload_opts.report_file)
      report_to_file (analysis, programs);
    return 0;
  }
};

} // anon namespace

opt_pass *
make_pass_offload_analyze (gcc::context *ctxt)
{
  return new pass_offload_analyze (ctxt);
}
