/* sk-skb.h -- the SK_SKB program for a TCP service's request region.

   TCP requests are served after the kernel's TCP processing (a reply
   from XDP or TC would break the connection's state): the verdict
   program of a sockhash that holds the service's accepted connections
   sees each chunk of bytes as it arrives, does what the program's read
   or recv would have done with it, runs the translated region with the
   connection's descriptor, and either answers (the reply leaves through
   the same socket: runtime/sk-conn.h) or passes the chunk to the
   socket, untouched and with no state written.

   Framing comes from the program's own parsing: the region runs the
   program's code on the chunk with its per-connection buffers (globals
   the kernel shares), so a chunk that completes exactly one message,
   after bytes userspace kept from earlier chunks or not, gets the
   program's one reply; a chunk that holds no complete message, or
   several, makes no reply or a second one, and goes up.  */

#ifndef OFFLOAD_BPFGEN_SK_SKB_H
#define OFFLOAD_BPFGEN_SK_SKB_H

#include "lto/region.h"
#include "bpfgen/layout.h"

/* As generate_xdp (bpfgen/xdp.h), for REGION of a TCP service.  */
bool generate_sk_skb (const request_region &region,
		      const std::map<gimple *, unsigned> &ends,
		      unsigned loop_bound, std::string *source,
		      std::vector<shared_global> *shared,
		      std::map<gimple *, std::string> &refused,
		      std::string *why);

#endif /* OFFLOAD_BPFGEN_SK_SKB_H */
