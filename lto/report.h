/* report.h -- the JSON analysis report (-fplugin-arg-offload-report).

   The format is documented in doc/offload.texi (node "The report").  It
   is deterministic: lists are sorted by source location, locations are
   "file:line" with the file's base name, and nothing depends on
   addresses.  Bump REPORT_VERSION when a field changes meaning.  */

#ifndef OFFLOAD_REPORT_H
#define OFFLOAD_REPORT_H

struct offload_analysis;
struct generated_program;

#define REPORT_VERSION 3

/* Write the report of ANALYSIS and the PROGRAMS generated to OUT.  */
void write_report (const offload_analysis &analysis,
		   const std::vector<generated_program> &programs, FILE *out);

#endif /* OFFLOAD_REPORT_H */
