/* options.cc -- parse and document the plugin's arguments.  */

#include "plugin/gcc-compat.h"
#include "plugin/options.h"
#include "lto/costs.h"

offload_options offload_opts;

namespace {

/* How a key relates to its value.  */
enum value_kind
{
  VALUE_NONE,		/* -fplugin-arg-offload-KEY */
  VALUE_REQUIRED	/* -fplugin-arg-offload-KEY=VALUE */
};

/* One row per key.  Keep it in sync with doc/offload.texi.  */
struct key_info
{
  const char *name;
  value_kind kind;
  const char *help;
};

const key_info keys[] = {
  { "report", VALUE_REQUIRED,
    "report=FILE   write the JSON analysis report to FILE" },
  { "verbose", VALUE_NONE,
    "verbose       explain event loops and request paths with notes" },
  { "save-bpf", VALUE_REQUIRED,
    "save-bpf=DIR  keep the generated BPF source and object in DIR" },
  { "loop-bound", VALUE_REQUIRED,
    "loop-bound=N  let a loop run N times in the kernel, then pass the\n"
    "                         request up (default 32, 1 to 65536)" },
  { "mode", VALUE_REQUIRED,
    "mode=MODE     auto (default): offload the paths the benefit model\n"
    "                         says pay; all: every feasible path; none:\n"
    "                         analyse and report, emit nothing" },
  { "costs", VALUE_REQUIRED,
    "costs=FILE    the benefit model's constants, as offload-calibrate\n"
    "                         writes them (default: built in)" },
  { "help", VALUE_NONE,
    "help          print this list of arguments" },
};

/* Store VALUE of key NAME into offload_opts; return false, after an
   error naming PLUGIN, if VALUE is not valid for NAME.  */
bool
apply_key (const char *plugin, const char *name, const char *value)
{
  if (strcmp (name, "loop-bound") == 0)
    {
      char *end;
      unsigned long n = strtoul (value, &end, 10);
      if (*end || n < 1 || n > 65536)
	{
	  error ("%<-fplugin-arg-%s-loop-bound%> needs a number from 1 to "
		 "65536, not %qs", plugin, value);
	  return false;
	}
      offload_opts.loop_bound = n;
      return true;
    }
  if (strcmp (name, "mode") == 0)
    {
      static const offload_mode modes[]
	= { OFFLOAD_MODE_AUTO, OFFLOAD_MODE_ALL, OFFLOAD_MODE_NONE };
      for (offload_mode m : modes)
	if (strcmp (value, offload_mode_name (m)) == 0)
	  {
	    offload_opts.mode = m;
	    return true;
	  }
      error ("%<-fplugin-arg-%s-mode%> needs %<auto%>, %<all%> or "
	     "%<none%>, not %qs", plugin, value);
      return false;
    }
  if (strcmp (name, "costs") == 0)
    {
      offload_opts.costs_file = value;
      return read_cost_file (value, &offload_costs);
    }
  if (strcmp (name, "save-bpf") == 0)
    offload_opts.save_bpf_dir = value;
  else if (strcmp (name, "report") == 0)
    offload_opts.report_file = value;
  else if (strcmp (name, "verbose") == 0)
    offload_opts.verbose = true;
  else if (strcmp (name, "help") == 0)
    offload_opts.help = true;
  return true;
}

} // anon namespace

const char *
offload_mode_name (offload_mode mode)
{
  switch (mode)
    {
    case OFFLOAD_MODE_ALL:
      return "all";
    case OFFLOAD_MODE_NONE:
      return "none";
    default:
      return "auto";
    }
}

const char *
offload_help_text ()
{
  static char *text;
  if (!text)
    {
      size_t len = 1;
      for (const key_info &k : keys)
	len += strlen ("  -fplugin-arg-offload-") + strlen (k.help) + 1;
      text = XNEWVEC (char, len);
      text[0] = '\0';
      for (const key_info &k : keys)
	{
	  strcat (text, "  -fplugin-arg-offload-");
	  strcat (text, k.help);
	  strcat (text, "\n");
	}
    }
  return text;
}

bool
offload_parse_arguments (const char *plugin_name, int argc,
			 const plugin_argument *argv)
{
  bool ok = true;
  offload_opts.loop_bound = OFFLOAD_DEFAULT_LOOP_BOUND;
  offload_opts.mode = OFFLOAD_MODE_AUTO;
  for (int i = 0; i < argc; i++)
    {
      const char *key = argv[i].key;
      const char *value = argv[i].value;
      const key_info *info = NULL;
      for (const key_info &k : keys)
	if (strcmp (k.name, key) == 0)
	  info = &k;

      if (!info)
	{
	  error ("unknown argument %<-fplugin-arg-%s-%s%>", plugin_name, key);
	  ok = false;
	}
      else if (info->kind == VALUE_REQUIRED && (!value || !*value))
	{
	  error ("%<-fplugin-arg-%s-%s%> needs a value", plugin_name, key);
	  ok = false;
	}
      else if (info->kind == VALUE_NONE && value)
	{
	  error ("%<-fplugin-arg-%s-%s%> takes no value", plugin_name, key);
	  ok = false;
	}
      else if (!apply_key (plugin_name, key, value))
	ok = false;
    }
  return ok;
}
