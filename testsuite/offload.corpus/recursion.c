/* recursion: a recursive-descent parser of nested parentheses (the
   depth of "(()(()))").  BPF has no recursion: the path that parses is
   refused with that reason; the "PING" path does not recurse and is
   offloaded, and so are requests that end before the first call
   ("D" alone, "D)(").
   Requests: "PING" -> "PONG"; "D" and parentheses -> "depth N" or
   "bad".  */
/* corpus-expect: verdict infeasible "makes a recursive call" */
/* corpus-expect: verdict offloaded */

#include "corpus-server.h"

static unsigned long parsed;

/* Parse a balanced sequence at *P (ending at END); return its depth, or
   -1.  */
static int __attribute__ ((noinline))
nesting (const char **p, const char *end)
{
  int depth = 0;
  while (*p < end && **p == '(')
    {
      (*p)++;
      int inner = nesting (p, end);
      if (inner < 0 || *p >= end || **p != ')')
	return -1;
      (*p)++;
      if (inner + 1 > depth)
	depth = inner + 1;
    }
  return depth;
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len == 4 && memcmp (req, "PING", 4) == 0)
    {
      memcpy (out, "PONG", 4);
      return 4;
    }
  if (len < 1 || req[0] != 'D')
    return -1;
  const char *p = req + 1;
  int d = nesting (&p, req + len);
  parsed++;
  if (d < 0 || p != req + len || d > 9)
    {
      memcpy (out, "bad", 3);
      return 3;
    }
  memcpy (out, "depth ", 6);
  out[6] = (char) ('0' + d);
  return 7;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("parsed %lu\n", parsed);
  return 0;
}
