/* costs.h -- the constants of the benefit model, and where they came from.

   Built-in defaults (lto/cost-keys.def) unless -fplugin-arg-offload-costs
   names a file, as offload-calibrate writes it: one "KEY VALUE" per line,
   `#' starts a comment.  A file may give only some keys; the others keep
   their defaults.  */

#ifndef OFFLOAD_COSTS_H
#define OFFLOAD_COSTS_H

struct cost_model
{
#define COST_KEY(NAME, DEFAULT, MEASURED, HELP) double NAME = DEFAULT;
#include "lto/cost-keys.def"
#undef COST_KEY
  /* "built-in", or the file the values came from.  */
  std::string source = "built-in";
};

/* Read FILE into *COSTS over the defaults.  Report every unreadable line,
   unknown key or bad value with an error at FILE:LINE, and return false
   if there was one.  */
bool read_cost_file (const char *file, cost_model *costs);

/* The model of this compiler run: the defaults, or the costs file's
   values once read_cost_file has filled it.  */
extern cost_model offload_costs;

#endif /* OFFLOAD_COSTS_H */
