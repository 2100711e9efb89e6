/* costs.cc -- read a costs file (costs.h).  */

#include "plugin/gcc-compat.h"
#include "lto/costs.h"

cost_model offload_costs;

namespace {

/* Store VALUE into the member of COSTS named KEY; false if no key has
   that name.  */
bool
set_cost (cost_model *costs, const char *key, double value)
{
#define COST_KEY(NAME, DEFAULT, MEASURED, HELP) \
  if (strcmp (key, #NAME) == 0)			\
    {						\
      costs->NAME = value;			\
      return true;				\
    }
#include "lto/cost-keys.def"
#undef COST_KEY
  return false;
}

} // anon namespace

bool
read_cost_file (const char *file, cost_model *costs)
{
  FILE *in = fopen (file, "r");
  if (!in)
    {
      error ("cannot read offload costs file %qs: %m", file);
      return false;
    }
  bool ok = true;
  char line[512];
  for (unsigned lineno = 1; fgets (line, sizeof line, in); lineno++)
    {
      if (char *hash = strchr (line, '#'))
	*hash = '\0';
      char key[128], extra[2];
      double value;
      int n = sscanf (line, "%127s %lf %1s", key, &value, extra);
      if (n <= 0)
	continue;	/* Blank or comment.  */
      if (n != 2)
	{
	  error ("%s:%u: expected %<KEY VALUE%>", file, lineno);
	  ok = false;
	}
      else if (!(value >= 0 && value < 1e9))
	{
	  error ("%s:%u: %qs needs a value from 0 to 1e9", file, lineno, key);
	  ok = false;
	}
      else if (!set_cost (costs, key, value))
	{
	  error ("%s:%u: unknown cost %qs", file, lineno, key);
	  ok = false;
	}
    }
  fclose (in);
  costs->source = file;
  return ok;
}
