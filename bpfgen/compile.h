/* compile.h -- run bpf-gcc on a generated program.

   bpf-gcc is started with a clean environment: lto1 exports
   COMPILER_PATH, LIBRARY_PATH, GCC_EXEC_PREFIX and COLLECT_*, which would
   make it run the host's cc1.  */

#ifndef OFFLOAD_BPFGEN_COMPILE_H
#define OFFLOAD_BPFGEN_COMPILE_H

/* Compile SOURCE into *OBJECT with bpf-gcc.  When SAVE_DIR is set, write
   SAVE_DIR/STEM.bpf.c and SAVE_DIR/STEM.bpf.o there too.  Return false,
   with WHY (bpf-gcc's messages included), on failure.  */
bool compile_bpf (const std::string &source, const char *save_dir,
		  const std::string &stem, std::vector<unsigned char> *object,
		  std::string *why);

#endif /* OFFLOAD_BPFGEN_COMPILE_H */
