/* struct-return: a parser returning a 24-byte structure by value and a
   formatter taking seven arguments (BPF functions return at most 8
   bytes and take at most 5 arguments).  The generator does not
   translate the structure result: the path is refused with that
   reason (not a program bpf-gcc cannot compile); the drop of a
   malformed request is offloaded.
   Request: "P a,b,c" (digits) -> "sum S max M min N".  */
/* corpus-expect: verdict infeasible "parameter or result type it does not handle" */
/* corpus-expect: no-verdict offloaded reply */

#include "corpus-server.h"

struct triple
{
  long a, b, c;
};

static struct triple __attribute__ ((noinline))
parse (const char *p, size_t len)
{
  struct triple t = { 0, 0, 0 };
  long *slot = &t.a;
  int k = 0;
  for (size_t i = 0; i < len && i < 32; i++)
    {
      if (p[i] == ',')
	{
	  if (++k == 3)
	    break;
	  slot = k == 1 ? &t.b : &t.c;
	}
      else if (p[i] >= '0' && p[i] <= '9')
	*slot = *slot * 10 + (p[i] - '0');
    }
  return t;
}

static long __attribute__ ((noinline))
format (char *out, long sum, long max, long min, char sep, char end,
	int width)
{
  long v[3] = { sum, max, min };
  const char *names[3] = { "sum", "max", "min" };
  long pos = 0;
  for (int i = 0; i < 3; i++)
    {
      memcpy (out + pos, names[i], 3);
      pos += 3;
      out[pos++] = sep;
      for (int d = width - 1; d >= 0; d--)
	{
	  long x = v[i];
	  for (int j = 0; j < d; j++)
	    x /= 10;
	  out[pos++] = (char) ('0' + x % 10);
	}
      out[pos++] = i == 2 ? end : sep;
    }
  return pos;
}

static unsigned long parsed;

static long
handle (const char *req, size_t len, char *out)
{
  if (len < 2 || req[0] != 'P')
    return -1;
  struct triple t = parse (req + 1, len - 1);
  long max = t.a > t.b ? (t.a > t.c ? t.a : t.c) : (t.b > t.c ? t.b : t.c);
  long min = t.a < t.b ? (t.a < t.c ? t.a : t.c) : (t.b < t.c ? t.b : t.c);
  parsed++;
  return format (out, t.a + t.b + t.c, max, min, ' ', '\n', 4);
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("parsed %lu\n", parsed);
  return 0;
}
