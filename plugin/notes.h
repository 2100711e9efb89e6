/* notes.h -- the diagnostics the analysis gives the user.  */

#ifndef OFFLOAD_NOTES_H
#define OFFLOAD_NOTES_H

struct offload_analysis;

/* With -fplugin-arg-offload-verbose: explain event loops and request
   paths with notes at their source locations.  */
void emit_verbose_notes (const offload_analysis &analysis);

/* Say so when the program has no event loop, at `main' if it has one.  */
void note_nothing_to_offload (const offload_analysis &analysis);

#endif /* OFFLOAD_NOTES_H */
