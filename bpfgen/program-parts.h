/* program-parts.h -- text every generated program has, whatever its
   hook: the memory layout's sizes and the images of the globals and
   constants (runtime/xdp-memory.h reads both).  */

#ifndef OFFLOAD_BPFGEN_PROGRAM_PARTS_H
#define OFFLOAD_BPFGEN_PROGRAM_PARTS_H

#include "bpfgen/layout.h"
#include "bpfgen/emit.h"

/* The #defines of LAYOUT's sizes, to put before the runtime text.  */
std::string layout_defines (const memory_layout &layout);

/* The arrays offload_globals and offload_rodata with LAYOUT's initial
   bytes, to put after the packet or stream text.  */
std::string memory_images (const memory_layout &layout);

/* Return true, or false with WHY, if LAYOUT fits the kernel-side
   memory.  */
bool layout_fits_p (const memory_layout &layout, std::string *why);

/* The helpers and maps every program declares after the packet or
   stream text: offload_config and offload_stats.  */
std::string common_maps ();

/* The initializer of struct offload_recv_args (runtime/xdp-request.h)
   for REGION's receive, in *INIT; false with WHY when its arguments
   are not known at link time.  */
bool receive_args (const request_region &region, c_emitter &emitter,
		   std::string *init, std::string *why);

#endif /* OFFLOAD_BPFGEN_PROGRAM_PARTS_H */
