/* xdp.h -- the XDP program for a UDP service's request region.

   The program parses the datagram (runtime/xdp-packet.h), does what the
   receive would have done, runs the translated region (bpfgen/emit.h),
   and then answers with the staged reply (XDP_TX), drops the request
   when the original would not have answered (XDP_DROP), or passes it up
   untouched with no state written (XDP_PASS).  */

#ifndef OFFLOAD_BPFGEN_XDP_H
#define OFFLOAD_BPFGEN_XDP_H

#include "lto/region.h"
#include "bpfgen/layout.h"

/* The C source of the XDP program serving REGION, in *SOURCE, and the
   globals it shares with the host in *SHARED.  ENDS numbers the reply
   sends for the program's stats (0 is a drop).  Statements the generator
   could not translate are added to REFUSED ("what: why").  Return false,
   with WHY, when no program can be made at all.  */
bool generate_xdp (const request_region &region,
		   const std::map<gimple *, unsigned> &ends, unsigned loop_bound,
		   std::string *source, std::vector<shared_global> *shared,
		   std::map<gimple *, std::string> &refused, std::string *why);

#endif /* OFFLOAD_BPFGEN_XDP_H */
