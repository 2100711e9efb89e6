/* split-internal.h: helpers shared by the files of libsplit, not part of
   its interface.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.  */

#ifndef OFFLOAD_SPLIT_INTERNAL_H
#define OFFLOAD_SPLIT_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "split.h"

/* Log through the callback set by split__set_print.  */
void split__print (enum split_print_level level, const char *format, ...)
  __attribute__ ((format (printf, 2, 3)));

#define pr_warn(...) split__print (SPLIT_WARN, __VA_ARGS__)
#define pr_info(...) split__print (SPLIT_INFO, __VA_ARGS__)
#define pr_debug(...) split__print (SPLIT_DEBUG, __VA_ARGS__)

/* Return ERR (a negative errno) after storing its value in errno, so
   callers may use either convention, as with libbpf.  */
static inline int
split_err (int err)
{
  if (err < 0)
    errno = -err;
  return err;
}

/* Return true if the option structure OPTS, SIZE bytes as the caller
   built it, is usable by this library, which knows its first KNOWN bytes:
   a caller built against a newer header may pass a larger structure, but
   only if the fields this library does not know are zero.  NAME names the
   structure in the log.  */
bool split_validate_opts (const void *opts, size_t size, size_t known,
			  const char *name);

#define split_offsetofend(TYPE, FIELD)					\
  (offsetof (TYPE, FIELD) + sizeof (((TYPE *) 0)->FIELD))

/* OPTS_VALID (OPTS, TYPE): OPTS is NULL or a valid struct TYPE.  */
#define OPTS_VALID(OPTS, TYPE)						\
  (!(OPTS) || split_validate_opts ((OPTS), (OPTS)->sz,			\
				   split_offsetofend (struct TYPE,	\
						      TYPE##__last_field), \
				   #TYPE))
/* OPTS_GET (OPTS, FIELD, DEFAULT): FIELD of OPTS if the caller's
   structure has it, DEFAULT otherwise.  */
#define OPTS_HAS(OPTS, FIELD)						\
  ((OPTS) && (OPTS)->sz >= split_offsetofend (__typeof__ (*(OPTS)), FIELD))
#define OPTS_GET(OPTS, FIELD, DEFAULT)					\
  (OPTS_HAS (OPTS, FIELD) ? (OPTS)->FIELD : (DEFAULT))

#endif /* OFFLOAD_SPLIT_INTERNAL_H */
