/* mutual-recursion: two functions that call each other (even/odd on
   the request's length).  The cycle goes through two functions, not
   one: the plugin must still find it and refuse the paths that recurse
   (only an empty request, even without a call, could be answered in
   the kernel).
   Request: any text; reply: "even" or "odd".  */
/* corpus-expect: verdict infeasible "makes a recursive call" */
/* corpus-expect: verdict offloaded reply */

#include "corpus-server.h"

static int is_odd (unsigned n);

static int __attribute__ ((noinline))
is_even (unsigned n)
{
  return n == 0 ? 1 : is_odd (n - 1);
}

static int __attribute__ ((noinline))
is_odd (unsigned n)
{
  return n == 0 ? 0 : is_even (n - 1);
}

static unsigned long served;

static long
handle (const char *req, size_t len, char *out)
{
  (void) req;
  served++;
  if (is_even ((unsigned) len))
    {
      memcpy (out, "even", 4);
      return 4;
    }
  memcpy (out, "odd", 3);
  return 3;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("served %lu\n", served);
  return 0;
}
