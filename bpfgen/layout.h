/* layout.h -- where the translated program's objects live.

   The generated code addresses memory with 64-bit program addresses: a
   region number in the top bits and an offset (runtime/xdp-memory.h).
   This class gives each object its place: locals kept in memory get a
   fixed slot in the scratch region (translated functions never recurse,
   so one frame per function is enough), globals of the program go to the
   globals region with their initial bytes, and string literals and
   read-only globals to the rodata region.  Pointers inside read-only
   initializers are program addresses too.  */

#ifndef OFFLOAD_BPFGEN_LAYOUT_H
#define OFFLOAD_BPFGEN_LAYOUT_H

/* A program address is its region's number shifted left by this, plus
   the offset.  */
const unsigned REGION_SHIFT = 40;

enum memory_region
{
  REGION_SCRATCH = 1,
  REGION_GLOBALS = 2,
  REGION_RODATA = 3
};

/* The host and the kernel share the program's writable globals: the
   runtime maps the pages of the globals map over the host's own storage
   (libsplit), so each starts a page in the globals region, and the host
   aligns it to a page too (bpfgen/register.h).  */
const unsigned long SHARED_PAGE_SIZE = 4096;

/* A writable global of the program, shared with the host.  */
struct shared_global
{
  tree decl;
  unsigned long offset;		/* In the globals region, page-aligned.  */
  unsigned long size;
  /* In the request's shadow copy (runtime/xdp-memory.h), where the
     globals are packed: the per-CPU map holding it is small.  */
  unsigned long shadow_offset;
};

/* Where one object lives.  */
struct placed_object
{
  memory_region region;
  unsigned long offset;
  unsigned long size;
};

class memory_layout
{
public:
  memory_layout ();

  /* Place DECL (a local in memory, a global, or a STRING_CST) and return
     true, or return false and set WHY when it cannot be placed.  */
  bool place (tree decl, std::string *why);

  /* The place of DECL, which must have been placed.  */
  const placed_object &find (tree decl) const;

  /* The region DECL (as place takes it) is, or would be, placed in.  The
     code generator asks before placing, to know which accessor an
     address needs (bpfgen/emit.cc).  */
  memory_region region_for (tree decl) const;

  /* The glibc C-locale table behind __ctype_b_loc and friends: the
     address of the pointer cell the call returns.  KIND is 0 for
     classes, 1 for toupper, 2 for tolower.  */
  unsigned long long ctype_cell (int kind);

  /* Region sizes, rounded up to powers of two for the runtime's masks.  */
  unsigned long scratch_size () const;
  unsigned long globals_size () const;
  unsigned long shadow_size () const;
  /* The number of pages of the globals region, a power of two, and for
     each page where its bytes are in the shadow.  */
  unsigned long global_pages () const;
  std::vector<unsigned long> shadow_bases () const;
  unsigned long rodata_size () const;

  /* The writable globals, in the order of their offsets.  */
  const std::vector<shared_global> &shared_globals () const
  { return m_shared; }

  const std::vector<unsigned char> &globals_image () const
  { return m_globals; }
  const std::vector<unsigned char> &rodata_image () const
  { return m_rodata; }

  static unsigned long long address (const placed_object &o)
  { return ((unsigned long long) o.region << REGION_SHIFT) + o.offset; }

private:
  bool encode (tree init, tree type, unsigned char *out, unsigned long size,
	       std::string *why);
  unsigned long allocate (std::vector<unsigned char> &image,
			  unsigned long size, unsigned long align);

  std::map<tree, placed_object> m_objects;
  std::map<std::string, placed_object> m_strings;
  std::vector<unsigned char> m_globals, m_rodata;
  std::vector<shared_global> m_shared;
  unsigned long m_scratch, m_shadow;
  long long m_ctype[3];
};

#endif /* OFFLOAD_BPFGEN_LAYOUT_H */
