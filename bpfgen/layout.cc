/* layout.cc -- placing objects in the regions of the generated code.  */

#include "plugin/gcc-compat.h"
#include "bpfgen/layout.h"
#include "lto/program.h"

namespace {

/* The first bytes of the scratch and rodata regions stay unused, so that
   no object there has program address 0 + region.  The globals region
   starts at 0: its objects start pages (layout.h).  */
const unsigned long REGION_START = 16;

unsigned long
power_of_two_at_least (unsigned long n, unsigned long least)
{
  unsigned long p = least;
  while (p < n)
    p <<= 1;
  return p;
}

/* glibc's C-locale class bits for byte C (ctype.h, little-endian).  */
unsigned
ctype_bits (int c)
{
  auto bit = [] (int b) { return b < 8 ? (1u << b) << 8 : (1u << b) >> 8; };
  bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
  bool digit = c >= '0' && c <= '9';
  bool xdigit = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  bool space = c == ' ' || (c >= '\t' && c <= '\r');
  bool print = c >= 0x20 && c < 0x7f;
  bool graph = c > 0x20 && c < 0x7f;
  bool blank = c == ' ' || c == '\t';
  bool cntrl = (c >= 0 && c < 0x20) || c == 0x7f;
  bool alpha = upper || lower, alnum = alpha || digit;
  bool punct = graph && !alnum;
  return (upper ? bit (0) : 0) | (lower ? bit (1) : 0) | (alpha ? bit (2) : 0)
	 | (digit ? bit (3) : 0) | (xdigit ? bit (4) : 0)
	 | (space ? bit (5) : 0) | (print ? bit (6) : 0)
	 | (graph ? bit (7) : 0) | (blank ? bit (8) : 0)
	 | (cntrl ? bit (9) : 0) | (punct ? bit (10) : 0)
	 | (alnum ? bit (11) : 0);
}

void
put_u64 (unsigned char *out, unsigned long long v, unsigned size)
{
  for (unsigned i = 0; i < size && i < 8; i++)
    out[i] = (v >> (8 * i)) & 0xff;
}

} // anon namespace

memory_layout::memory_layout ()
  : m_rodata (REGION_START),
    m_scratch (REGION_START), m_shadow (0)
{
  m_ctype[0] = m_ctype[1] = m_ctype[2] = -1;
}

unsigned long
memory_layout::allocate (std::vector<unsigned char> &image,
			 unsigned long size, unsigned long align)
{
  unsigned long off = ROUND_UP (image.size (), align);
  image.resize (off + size);
  return off;
}

bool
memory_layout::encode (tree init, tree type, unsigned char *out,
		       unsigned long size, std::string *why)
{
  STRIP_NOPS (init);
  switch (TREE_CODE (init))
    {
    case CONSTRUCTOR:
      {
	unsigned HOST_WIDE_INT i;
	tree index, value;
	long next = 0;
	tree elt_type = TREE_CODE (type) == ARRAY_TYPE ? TREE_TYPE (type)
			: NULL_TREE;
	unsigned long elt_size = elt_type && TYPE_SIZE_UNIT (elt_type)
				 ? tree_to_uhwi (TYPE_SIZE_UNIT (elt_type))
				 : 0;
	FOR_EACH_CONSTRUCTOR_ELT (CONSTRUCTOR_ELTS (init), i, index, value)
	  {
	    if (elt_type)
	      {
		long lo = next, hi = next;
		if (index && TREE_CODE (index) == RANGE_EXPR)
		  {
		    lo = tree_to_shwi (TREE_OPERAND (index, 0));
		    hi = tree_to_shwi (TREE_OPERAND (index, 1));
		  }
		else if (index)
		  lo = hi = tree_to_shwi (index);
		for (long k = lo; k <= hi; k++)
		  if ((unsigned long) (k + 1) * elt_size <= size
		      && !encode (value, elt_type, out + k * elt_size,
				  elt_size, why))
		    return false;
		next = hi + 1;
		continue;
	      }
	    if (!index || TREE_CODE (index) != FIELD_DECL
		|| DECL_BIT_FIELD (index))
	      {
		*why = "its initial value has bit-fields";
		return false;
	      }
	    unsigned long pos = int_byte_position (index);
	    unsigned long fsize = tree_to_uhwi (DECL_SIZE_UNIT (index));
	    if (pos + fsize > size
		|| !encode (value, TREE_TYPE (index), out + pos, fsize, why))
	      return false;
	  }
	return true;
      }
    case STRING_CST:
      memcpy (out, TREE_STRING_POINTER (init),
	      MIN (size, (unsigned long) TREE_STRING_LENGTH (init)));
      return true;
    case INTEGER_CST:
      put_u64 (out, TREE_INT_CST_LOW (init), size);
      return true;
    case ADDR_EXPR:
    case POINTER_PLUS_EXPR:
      {
	unsigned long long extra = 0;
	if (TREE_CODE (init) == POINTER_PLUS_EXPR)
	  {
	    extra = TREE_INT_CST_LOW (TREE_OPERAND (init, 1));
	    init = TREE_OPERAND (init, 0);
	    STRIP_NOPS (init);
	    if (TREE_CODE (init) != ADDR_EXPR)
	      break;
	  }
	poly_int64 bitsize, bitpos;
	tree offset;
	machine_mode mode;
	int unsignedp, reversep, volatilep;
	tree base = get_inner_reference (TREE_OPERAND (init, 0), &bitsize,
					 &bitpos, &offset, &mode, &unsignedp,
					 &reversep, &volatilep);
	if (offset || !(DECL_P (base) || TREE_CODE (base) == STRING_CST)
	    || !place (base, why))
	  break;
	put_u64 (out, address (find (base)) + bits_to_bytes_round_down
		 (bitpos).to_constant () + extra, size);
	return true;
      }
    default:
      break;
    }
  if (why->empty ())
    *why = "its initial value is not a constant the generator can encode";
  return false;
}

bool
memory_layout::place (tree decl, std::string *why)
{
  if (m_objects.count (decl))
    return true;
  tree size_tree = TREE_CODE (decl) == STRING_CST
		   ? TYPE_SIZE_UNIT (TREE_TYPE (decl)) : DECL_SIZE_UNIT (decl);
  if (!size_tree || !tree_fits_uhwi_p (size_tree))
    {
      *why = "its size is not known at link time";
      return false;
    }
  unsigned long size = MAX (tree_to_uhwi (size_tree), 1UL);
  unsigned long align = TREE_CODE (decl) == STRING_CST ? 1
			: MAX (DECL_ALIGN_UNIT (decl), 8U);
  placed_object o;
  o.size = size;
  if (TREE_CODE (decl) == STRING_CST)
    {
      std::string key (TREE_STRING_POINTER (decl), TREE_STRING_LENGTH (decl));
      key += std::string ((size_t) 1, '\0') + std::to_string (size);
      auto s = m_strings.find (key);
      if (s != m_strings.end ())
	{
	  m_objects[decl] = s->second;
	  return true;
	}
      o.region = REGION_RODATA;
      o.offset = allocate (m_rodata, size, align);
      memcpy (&m_rodata[o.offset], TREE_STRING_POINTER (decl),
	      MIN (size, (unsigned long) TREE_STRING_LENGTH (decl)));
      m_strings[key] = o;
      m_objects[decl] = o;
      return true;
    }
  if (!is_global_var (decl))
    {
      o.region = REGION_SCRATCH;
      o.offset = ROUND_UP (m_scratch, align);
      m_scratch = o.offset + size;
      m_objects[decl] = o;
      return true;
    }
  varpool_node *node = varpool_node::get (decl);
  bool readonly = TREE_READONLY (decl);
  std::vector<unsigned char> &image = readonly ? m_rodata : m_globals;
  o.region = readonly ? REGION_RODATA : REGION_GLOBALS;
  o.offset = allocate (image, size, readonly ? align
				  : MAX (align, SHARED_PAGE_SIZE));
  if (!readonly)
    {
      m_shared.push_back ({ decl, o.offset, size, m_shadow });
      m_shadow += ROUND_UP (size, 8);
    }
  /* Placed before encoding: an initializer may point to itself.  */
  m_objects[decl] = o;
  tree init = node ? node->get_constructor () : DECL_INITIAL (decl);
  if (init && init != error_mark_node)
    {
      std::vector<unsigned char> bytes (size);
      if (!encode (init, TREE_TYPE (decl), bytes.data (), size, why))
	{
	  m_objects.erase (decl);
	  if (!readonly)
	    {
	      m_shared.pop_back ();
	      m_shadow -= ROUND_UP (size, 8);
	    }
	  return false;
	}
      std::vector<unsigned char> &img = readonly ? m_rodata : m_globals;
      memcpy (&img[o.offset], bytes.data (), size);
    }
  return true;
}

const placed_object &
memory_layout::find (tree decl) const
{
  return m_objects.at (decl);
}

memory_region
memory_layout::region_for (tree decl) const
{
  auto placed = m_objects.find (decl);
  if (placed != m_objects.end ())
    return placed->second.region;
  if (TREE_CODE (decl) == STRING_CST)
    return REGION_RODATA;
  if (!is_global_var (decl))
    return REGION_SCRATCH;
  return TREE_READONLY (decl) ? REGION_RODATA : REGION_GLOBALS;
}

unsigned long long
memory_layout::ctype_cell (int kind)
{
  if (m_ctype[kind] < 0)
    {
      /* 384 entries, for C from -128 to 255, then the cell pointing at
	 the entry of 0, which is what the __ctype_*_loc functions return
	 the address of.  */
      unsigned entry = kind == 0 ? 2 : 4;
      unsigned long table = allocate (m_rodata, 384 * entry, 8);
      for (int c = -128; c < 256; c++)
	{
	  int b = c < 0 ? c + 256 : c;
	  unsigned long long v;
	  if (kind == 0)
	    v = c == -1 ? 0 : ctype_bits (b < 128 ? b : 256);
	  else if (kind == 1)
	    v = c >= 'a' && c <= 'z' ? c - 32 : c;
	  else
	    v = c >= 'A' && c <= 'Z' ? c + 32 : c;
	  if (kind == 0 && c < 0)
	    v = 0;
	  put_u64 (&m_rodata[table + (c + 128) * entry], v, entry);
	}
      unsigned long cell = allocate (m_rodata, 8, 8);
      put_u64 (&m_rodata[cell], ((unsigned long long) REGION_RODATA << 40)
	       + table + 128 * entry, 8);
      m_ctype[kind] = cell;
    }
  return ((unsigned long long) REGION_RODATA << 40) + m_ctype[kind];
}

unsigned long
memory_layout::scratch_size () const
{
  return power_of_two_at_least (m_scratch, 1024);
}

unsigned long
memory_layout::globals_size () const
{
  return power_of_two_at_least (m_globals.size (), 64);
}

unsigned long
memory_layout::shadow_size () const
{
  return power_of_two_at_least (m_shadow, 64);
}

unsigned long
memory_layout::global_pages () const
{
  return power_of_two_at_least (CEIL (m_globals.size (), SHARED_PAGE_SIZE),
				1);
}

std::vector<unsigned long>
memory_layout::shadow_bases () const
{
  std::vector<unsigned long> bases (global_pages (), 0);
  for (const shared_global &g : m_shared)
    for (unsigned long p = 0; p < CEIL (g.size, SHARED_PAGE_SIZE); p++)
      bases[g.offset / SHARED_PAGE_SIZE + p]
	= g.shadow_offset + p * SHARED_PAGE_SIZE;
  return bases;
}

unsigned long
memory_layout::rodata_size () const
{
  return power_of_two_at_least (m_rodata.size (), 64);
}
