/* -fplugin-arg-offload-mode=none analyses and reports, and emits
   nothing: the program links as it is.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-mode=none" } */
/* { dg-final { scan-offload-report-value mode none } } */
/* { dg-final { offload-report-count programs 0 } } */
/* { dg-final { scan-offload-report-not {"verdict": "offloaded"} } } */
/* { dg-final { scan-offload-report-value paths.*.verdict feasible } } */
/* { dg-final { scan-offload-report {is not emitted \(loop-mix.c:[0-9]+\): -fplugin-arg-offload-mode=none analyses and reports only} } } */
/* { dg-final { scan-offload-report-value decisions.0.gain_ns {0(\.0+)?} } } */

#include "../offload.bpf/loop-mix.c"
