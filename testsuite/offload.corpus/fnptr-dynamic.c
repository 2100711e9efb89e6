/* fnptr-dynamic: the handler is a writable global function pointer,
   chosen at start-up (and by the "M" command at run time).  Its target
   is not known at link time, and a host code pointer cannot live in a
   BPF map: the path is refused.
   Requests: "M" switches between upper and lower case; anything else
   is answered converted.  */
/* corpus-expect: verdict infeasible "calls through a pointer" */
/* corpus-expect: no-verdict offloaded reply */

#include "corpus-server.h"

static size_t
to_upper (const char *in, size_t n, char *out)
{
  for (size_t i = 0; i < n; i++)
    out[i] = in[i] >= 'a' && in[i] <= 'z' ? in[i] - 32 : in[i];
  return n;
}

static size_t
to_lower (const char *in, size_t n, char *out)
{
  for (size_t i = 0; i < n; i++)
    out[i] = in[i] >= 'A' && in[i] <= 'Z' ? in[i] + 32 : in[i];
  return n;
}

static size_t (*convert) (const char *, size_t, char *);
static unsigned long switches;

static long
handle (const char *req, size_t len, char *out)
{
  if (len == 1 && req[0] == 'M')
    {
      convert = convert == to_upper ? to_lower : to_upper;
      switches++;
      memcpy (out, "switched", 8);
      return 8;
    }
  return (long) convert (req, len, out);
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  convert = getenv ("CORPUS_LOWER") ? to_lower : to_upper;
  CORPUS_SERVE (fd, handle);
  printf ("switches %lu\n", switches);
  return 0;
}
