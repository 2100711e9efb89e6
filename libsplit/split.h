/* split.h: runtime of offload, the library linked into split programs.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   Calls follow libbpf's conventions: names are object__method, failures
   return a negative errno and also set errno, and option structures carry
   their own size (sz) so that fields can be added without breaking
   programs built against an older header.  */

#ifndef OFFLOAD_SPLIT_H
#define OFFLOAD_SPLIT_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef SPLIT_API
#define SPLIT_API __attribute__ ((visibility ("default")))
#endif

/* Return the version of the runtime, for example "0.1.0".  */
SPLIT_API const char *split__version (void);

enum split_print_level
{
  SPLIT_WARN,
  SPLIT_INFO,
  SPLIT_DEBUG,
};

typedef int (*split_print_fn_t) (enum split_print_level level,
				 const char *format, va_list args);

/* Send the runtime's messages to FN instead of stderr, or nowhere if FN is
   NULL.  Return the previous callback.  The default prints warnings and
   information, and debug messages too when OFFLOAD_DEBUG is set in the
   environment.  */
SPLIT_API split_print_fn_t split__set_print (split_print_fn_t fn);

/* Options of split__probe_kernel; declare with SPLIT_OPTS so that sz is
   set and unused fields are zero.  */
struct split_probe_opts
{
  /* Size of this structure, for compatibility.  */
  size_t sz;
  /* Map flags the probe map is created with, for example BPF_F_MMAPABLE to
     check that state can be shared through mmap; 0 for none.  */
  unsigned int map_flags;
  size_t : 0;
};
#define split_probe_opts__last_field map_flags

/* Declare a zeroed option structure NAME of type struct TYPE with sz set,
   followed by designated initializers: SPLIT_OPTS (split_probe_opts, o,
   .map_flags = 0).  */
#define SPLIT_OPTS(TYPE, NAME, ...)					\
  struct TYPE NAME = ({							\
    memset (&NAME, 0, sizeof (struct TYPE));				\
    (struct TYPE) { .sz = sizeof (struct TYPE), __VA_ARGS__ };	\
  })

/* Check whether this process can load BPF programs and maps into the
   running kernel, by creating (and closing again) a tiny BPF array map.
   OPTS may be NULL.  Return 0 if it can; otherwise return a negative errno
   (-EPERM without CAP_BPF, for example), set errno, and log through the
   print callback what the caller can do about it.  */
SPLIT_API int split__probe_kernel (const struct split_probe_opts *opts);

/* Version of struct split_program the plugin emits.  */
#define SPLIT_PROGRAM_VERSION 3


/* One global variable of the program the kernel program also uses.  The
   plugin makes ADDR page-aligned; the kernel program sees it at MAP_OFFSET
   (page-aligned) in the value of its globals map.  */
struct split_shared_global
{
  void *addr;			/* the host's storage, aligned to 4096 */
  unsigned long size;		/* its size in bytes */
  unsigned long map_offset;	/* where it is in the globals map's value */
  const char *name;		/* for messages */
};

/* Flag of struct split_program: keep request order (contract rule 2).
   While a request the kernel passed up has not been handled by the
   program, the kernel passes the following ones up too.  */
#define SPLIT_PROGRAM_ORDERED 1UL
/* Flag: nothing a request does after its reply writes state the kernel
   reads, so a request is done when the program replies on the service
   socket, not only when it comes back to its receive or wait call.  */
#define SPLIT_PROGRAM_DONE_AT_REPLY 2UL
/* Flag (version 3): the service is TCP; the object holds an SK_SKB
   verdict and an SK_MSG program for a sockhash of the connections the
   program accepts, not an XDP program.  */
#define SPLIT_PROGRAM_STREAM 4UL

/* One embedded kernel program.  Every field is pointer-sized: the plugin
   builds it as an array of pointers.  */
struct split_program
{
  unsigned long version;	/* SPLIT_PROGRAM_VERSION */
  const char *name;		/* e.g. "offload_xdp_object_1" */
  const void *object;		/* the BPF ELF object */
  unsigned long object_size;
  unsigned long n_globals;
  const struct split_shared_global *globals;
  unsigned long flags;		/* SPLIT_PROGRAM_ORDERED,
				   SPLIT_PROGRAM_DONE_AT_REPLY,
				   SPLIT_PROGRAM_STREAM */
  unsigned long port;		/* the service's UDP or TCP port (host order) when
				   known at link time, 0 otherwise */
  const char *ends;		/* the offloaded paths (ids in the plugin's
				   report) by the end the kernel program
				   counts them at: "END:ID,ID;END:ID", END 0
				   for drops, 1 and up for replies */
};

/* Make PROG known to the runtime; the plugin calls this from a static
   constructor, before main.  PROG and everything it points to must stay
   valid for the life of the process.  Nothing is loaded yet: the kernel
   program starts when the program binds the UDP socket of PROG's service
   (see the manual for OFFLOAD_DISABLE, OFFLOAD_XDP_MODE, OFFLOAD_STATS and
   OFFLOAD_DEBUG).  A descriptor of an unknown version is ignored, with a
   warning, and its service runs in userspace.  */
SPLIT_API void split__register (const struct split_program *prog);

#ifdef __cplusplus
}
#endif

#endif /* OFFLOAD_SPLIT_H */
