/* pass-analyze.h -- the analysis pass, for registration.  */

#ifndef OFFLOAD_PASS_ANALYZE_H
#define OFFLOAD_PASS_ANALYZE_H

opt_pass *make_pass_offload_analyze (gcc::context *ctxt);

#endif /* OFFLOAD_PASS_ANALYZE_H */
