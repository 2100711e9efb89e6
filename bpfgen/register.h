/* register.h -- tell the runtime about an embedded program.

   The runtime (libsplit) learns what to load from a descriptor, struct
   split_program in libsplit/split.h: the embedded object, the globals it
   shares with the host and where they sit in its globals map, the port
   when known, and whether request order must be kept.  This adds the
   descriptor and a constructor that passes it to split__register before
   main runs, and prepares the shared globals: each starts a page, so
   that the runtime can map the kernel's memory over it, and none may be
   kept in a register across calls, since the kernel changes it behind
   the program's back.  */

#ifndef OFFLOAD_BPFGEN_REGISTER_H
#define OFFLOAD_BPFGEN_REGISTER_H

#include "bpfgen/layout.h"

/* Flags of struct split_program (libsplit/split.h).  */
const unsigned long SPLIT_PROGRAM_ORDERED = 1;
const unsigned long SPLIT_PROGRAM_DONE_AT_REPLY = 2;
/* A TCP service: an SK_SKB verdict and an SK_MSG program on a sockhash
   of the accepted connections (bpfgen/sk-skb.h), not XDP.  */
const unsigned long SPLIT_PROGRAM_STREAM = 4;

/* Register the object in global OBJECT (its symbol NAME) with the
   runtime, with the globals SHARED, the paths at each end ENDS (as
   struct split_program's ends), the service's PORT (0 when not known at
   link time) and FLAGS.  */
void register_program (const char *name, tree object,
		       const std::vector<shared_global> &shared,
		       const std::string &ends,
		       unsigned long port, unsigned long flags);

#endif /* OFFLOAD_BPFGEN_REGISTER_H */
