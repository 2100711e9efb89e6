/* runtime-text.h -- the BPF runtime (the headers in bpfgen/runtime/) as text built
   into the plugin, so that generated programs need no installed
   headers.  */

#ifndef OFFLOAD_BPFGEN_RUNTIME_TEXT_H
#define OFFLOAD_BPFGEN_RUNTIME_TEXT_H

/* The text of runtime header NAME ("xdp-packet.h" ...).  */
std::string runtime_text (const char *name);

#endif /* OFFLOAD_BPFGEN_RUNTIME_TEXT_H */
