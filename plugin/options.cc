/* options.cc -- parse and document the plugin's arguments.  */

#include "plugin/gcc-compat.h"
#include "plugin/options.h"

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
