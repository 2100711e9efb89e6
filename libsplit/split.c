/* split.c: version and logging of libsplit.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.  */

#include <offload-config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "split-internal.h"

const char *
split__version (void)
{
  return PACKAGE_VERSION;
}

/* The default callback: a split program is an ordinary program whose
   users never asked for BPF, so say only what changes what they see
   (warnings, and the one line saying where requests are served); debug
   output is for whoever sets OFFLOAD_DEBUG.  */
static int
split_print_default (enum split_print_level level, const char *format,
		     va_list args)
{
  if (level == SPLIT_DEBUG && !getenv ("OFFLOAD_DEBUG"))
    return 0;
  fputs ("offload: ", stderr);
  return vfprintf (stderr, format, args);
}

static split_print_fn_t split_print_fn = split_print_default;

split_print_fn_t
split__set_print (split_print_fn_t fn)
{
  split_print_fn_t old = split_print_fn;

  split_print_fn = fn;
  return old;
}

void
split__vprint (enum split_print_level level, const char *format,
	       va_list args)
{
  split_print_fn_t fn = split_print_fn;
  int saved_errno = errno;	/* Logging must not clobber the caller's.  */

  if (fn)
    fn (level, format, args);
  errno = saved_errno;
}

void
split__print (enum split_print_level level, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  split__vprint (level, format, args);
  va_end (args);
}

bool
split_validate_opts (const void *opts, size_t size, size_t known,
		     const char *name)
{
  const char *bytes = opts;

  /* Anything shorter than the sz field itself was not set up with
     SPLIT_OPTS: garbage, not an older caller.  */
  if (size < sizeof (size_t))
    {
      pr_warn ("%s: size (%zu) is too small; declare it with SPLIT_OPTS\n",
	       name, size);
      return false;
    }
  for (size_t i = known; i < size; i++)
    if (bytes[i])
      {
	pr_warn ("%s: unknown non-zero field at offset %zu; this libsplit "
		 "(%s) is older than the header the program was built "
		 "with\n", name, i, PACKAGE_VERSION);
	return false;
      }
  return true;
}
