/* -fplugin-arg-offload-mode=all offloads every feasible path, the ones
   the benefit model would leave out too (loop-mix's SPIN).  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-mode=all" } */
/* { dg-final { scan-offload-report-value mode all } } */
/* { dg-final { offload-report-count programs 1 } } */
/* { dg-final { scan-offload-report-not {"verdict": "not-beneficial"} } } */
/* { dg-final { scan-offload-report-value paths.*.estimate.over_loop_bound true } } */
/* { dg-final { scan-offload-report-value paths.*.benefit {-[0-9.]+} } } */

#include "../offload.bpf/loop-mix.c"
