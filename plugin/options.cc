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
  { "help", VALUE_NONE,
    "help          print this list of arguments" },
};

/* Store VALUE of key NAME into offload_opts.  */
void
apply_key (const char *name, const char *value)
{
  if (strcmp (name, "report") == 0)
    offload_opts.report_file = value;
  else if (strcmp (name, "verbose") == 0)
    offload_opts.verbose = true;
  else if (strcmp (name, "help") == 0)
    offload_opts.help = true;
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
      else
	apply_key (key, value);
    }
  return ok;
}
