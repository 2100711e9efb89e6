/* generate.h -- from the analysis to the BPF program in the binary.

   For each request receive of a UDP service: build its request region
   (lto/region.h), generate the XDP program (bpfgen/xdp.h), judge every
   path of the receive (lto/feasibility.h) with what the region and the
   generator refused, and when some path runs in the kernel, compile the
   program (bpfgen/compile.h) and embed it (bpfgen/embed.h).  With no
   feasible path nothing is generated and the program links unchanged.  */

#ifndef OFFLOAD_GENERATE_H
#define OFFLOAD_GENERATE_H

struct offload_analysis;

/* A program embedded in the binary.  */
struct generated_program
{
  int service;
  std::string hook;		/* "xdp" or "sk_skb".  */
  std::string symbol;		/* The global holding the object.  */
  size_t object_size;
  std::vector<int> paths;	/* Ids of the paths it serves.  */
};

/* Judge every path of ANALYSIS and generate what can run in the kernel;
   return the programs embedded.  */
std::vector<generated_program> generate_programs (offload_analysis &analysis);

#endif /* OFFLOAD_GENERATE_H */
