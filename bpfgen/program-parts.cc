/* program-parts.cc -- the text of program-parts.h.  */

#include "plugin/gcc-compat.h"
#include "bpfgen/program-parts.h"
#include "lto/landmarks.h"

namespace {

/* A C initializer for BYTES.  */
std::string
byte_list (const std::vector<unsigned char> &bytes)
{
  std::string s;
  char buf[8];
  for (size_t i = 0; i < bytes.size (); i++)
    {
      snprintf (buf, sizeof buf, "%u,", bytes[i]);
      s += buf;
      if (i % 24 == 23)
	s += "\n  ";
    }
  return s;
}

/* The positions of the flags and peer-address arguments of RECEIVE, or
   -1.  */
void
receive_positions (gimple *receive, int *flags, int *addr, int *addrlen)
{
  const char *name = decl_name (gimple_call_fndecl (receive));
  *flags = *addr = *addrlen = -1;
  if (!strcmp (name, "recv") || !strcmp (name, "recvfrom"))
    *flags = 3;
  else if (!strcmp (name, "__recv_chk") || !strcmp (name, "__recvfrom_chk"))
    *flags = 4;
  if (!strcmp (name, "recvfrom"))
    *addr = 4, *addrlen = 5;
  else if (!strcmp (name, "__recvfrom_chk"))
    *addr = 5, *addrlen = 6;
}

} // anon namespace

std::string
layout_defines (const memory_layout &layout)
{
  std::string s;
  s += "#define OFFLOAD_SCRATCH_SIZE " + std::to_string (layout.scratch_size ())
       + "\n#define OFFLOAD_GLOBALS_SIZE "
       + std::to_string (layout.globals_size ())
       + "\n#define OFFLOAD_RODATA_SIZE " + std::to_string (layout.rodata_size ())
       + "\n#define OFFLOAD_SHADOW_SIZE " + std::to_string (layout.shadow_size ())
       + "\n#define OFFLOAD_GLOBAL_PAGES "
       + std::to_string (layout.global_pages ())
       + "\n#define OFFLOAD_SHADOW_EXTENTS(X)";
  for (const shared_global &g : layout.shared_globals ())
    s += " X (" + std::to_string (g.offset) + ", " + std::to_string (g.size)
	 + ", " + std::to_string (g.shadow_offset) + ")";
  s += "\n#define OFFLOAD_SHADOW_BASES {";
  for (unsigned long b : layout.shadow_bases ())
    s += " " + std::to_string (b) + ",";
  s += " }\n\n";
  return s;
}

std::string
memory_images (const memory_layout &layout)
{
  std::string s;
  s += "static __u8 offload_globals[OFFLOAD_GLOBALS_SIZE + OFFLOAD_MAX_COPY]\n"
       "  __attribute__ ((section (\".data.offload_globals\"), aligned (8)))\n"
       "  = {\n  " + byte_list (layout.globals_image ()) + "};\n";
  s += "static __u8 offload_rodata[OFFLOAD_RODATA_SIZE + OFFLOAD_MAX_COPY]\n"
       "  __attribute__ ((section (\".data.offload_rodata\"), aligned (8)))\n"
       "  = {\n  " + byte_list (layout.rodata_image ()) + "};\n\n";
  return s;
}

bool
layout_fits_p (const memory_layout &layout, std::string *why)
{
  /* Each global starts a page of the globals region (layout.h); the
     per-CPU scratch map holds the locals and the shadow.  */
  if (layout.scratch_size () > 8192 || layout.shadow_size () > 8192
      || layout.global_pages () > 64 || layout.rodata_size () > 65536)
    {
      *why = "the program's state does not fit the kernel-side memory "
	     "(8 KiB of locals, 8 KiB of globals over 64 pages, 64 KiB of "
	     "constants)";
      return false;
    }
  return true;
}

std::string
common_maps ()
{
  return "\ntypedef signed char __s8;\ntypedef short __s16;\n"
       "long bpf_probe_read_kernel (void *, __u32, const void *) "
       "KERNEL_HELPER (113);\n\n"
       "struct\n{\n  __uint (type, BPF_MAP_TYPE_ARRAY);\n"
       "  __uint (max_entries, 1);\n  __type (key, __u32);\n"
       "  __type (value, struct offload_config);\n} offload_config SEC (\".maps\");\n\n"
       "struct\n{\n  __uint (type, BPF_MAP_TYPE_PERCPU_ARRAY);\n"
       "  __uint (max_entries, OFFLOAD_STAT_MAX);\n  __type (key, __u32);\n"
       "  __type (value, __u64);\n} offload_stats SEC (\".maps\");\n\n";
}

bool
receive_args (const request_region &region, c_emitter &emitter,
	      std::string *init, std::string *why)
{
  /* The receive's arguments, known at link time.  */
  const landmark *l = landmark_of_call (region.receive);
  gcall *call = as_a <gcall *> (region.receive);
  int flags_arg, addr_arg, addrlen_arg;
  receive_positions (call, &flags_arg, &addr_arg, &addrlen_arg);
  auto arg_expr = [&] (int index, std::string *out) {
    if (index < 0)
      {
	*out = "0";
	return true;
      }
    tree v = region.known_value (gimple_call_arg (call, index));
    if (!v)
      return false;
    *out = "(__u64) " + emitter.known_expr (v);
    return true;
  };
  std::string buf, len, flags, addr, addrlen;
  if (!arg_expr (l->buffer_arg, &buf) || !arg_expr (l->length_arg, &len)
      || !arg_expr (flags_arg, &flags) || !arg_expr (addr_arg, &addr)
      || !arg_expr (addrlen_arg, &addrlen))
    {
      *why = "the receive's arguments are not known at link time";
      return false;
    }
  unsigned long room = 0;
  if (addr_arg >= 0)
    {
      tree a = region.known_value (gimple_call_arg (call, addr_arg));
      tree base = a && TREE_CODE (a) == ADDR_EXPR
		  ? get_base_address (TREE_OPERAND (a, 0)) : NULL_TREE;
      room = base && DECL_P (base) && DECL_SIZE_UNIT (base)
	     && tree_fits_uhwi_p (DECL_SIZE_UNIT (base))
	     ? tree_to_uhwi (DECL_SIZE_UNIT (base)) : 16;
    }

  *init = "{ " + buf + ", " + len + ", " + flags + ", " + addr + ", "
	  + addrlen + ", " + std::to_string (room) + " }";
  return true;
}
