/* embed.h -- put a compiled BPF object into the program being linked.

   The object becomes a global array in its own section,
   ".offload.NAME", so that the runtime (libsplit) can find it by symbol
   and anyone can extract it with objcopy.  */

#ifndef OFFLOAD_BPFGEN_EMBED_H
#define OFFLOAD_BPFGEN_EMBED_H

/* Add the global NAME holding OBJECT to the program; return it.  */
tree embed_object (const char *name, const std::vector<unsigned char> &object);

#endif /* OFFLOAD_BPFGEN_EMBED_H */
